package eu.gpuledger.ledger.idempotency;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import eu.gpuledger.ledger.refusal.IdempotencyConflict;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * The same-id-same-content rule of every write (docs/idempotency.md), written once: the event each client-chosen id
 * produced is remembered, and a command that names the id again is new (the id was never used), a replay (used with
 * the same content: nothing to do) or a conflict (used with other content: {@link IdempotencyConflict}, HTTP 409).
 * <p>
 * An aggregate keeps one of these per kind of id, in its state (and its snapshots: the fields are what Jackson
 * writes); a record created once (a grant, a registration) is the same rule with at most one id,
 * {@link #isReplay(String, Object, Object, Object)}.
 *
 * @param <E> the event an id produced
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY,
        getterVisibility = JsonAutoDetect.Visibility.NONE, isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public final class ClientIds<E> {

    private final Map<String, E> events = new HashMap<>();

    /**
     * @return false when {@code id} is new, true when it is a replay of the event it produced
     * @throws IdempotencyConflict when the id produced an event with other content
     */
    public boolean isReplay(String idField, String id, E candidate) {
        return isReplay(idField, id, events.get(id), candidate);
    }

    /**
     * As {@link #isReplay(String, String, Object)}, for content that is not the whole event: what the client sent,
     * never what the ledger added (the time of a warning, say).
     */
    public boolean isReplay(String idField, String id, Predicate<E> sameContent) {
        E earlier = events.get(id);
        if (earlier == null) {
            return false;
        }
        if (!sameContent.test(earlier)) {
            throw new IdempotencyConflict(idField, id);
        }
        return true;
    }

    /** The rule for a record created at most once, whose id is the aggregate's: {@code earlier} is null until then. */
    public static <E> boolean isReplay(String idField, Object id, E earlier, E candidate) {
        if (earlier == null) {
            return false;
        }
        if (!earlier.equals(candidate)) {
            throw new IdempotencyConflict(idField, String.valueOf(id));
        }
        return true;
    }

    public void remember(String id, E event) {
        events.put(id, Objects.requireNonNull(event, "event"));
    }

    /** The event the id produced, or null. */
    public E get(String id) {
        return events.get(id);
    }

    public boolean contains(String id) {
        return events.containsKey(id);
    }

    public Collection<E> all() {
        return events.values();
    }
}
