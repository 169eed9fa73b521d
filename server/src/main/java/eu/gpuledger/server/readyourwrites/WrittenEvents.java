package eu.gpuledger.server.readyourwrites;

import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.EventMessage;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The events a request's commands publish, noted as they are published (an event-bus dispatch interceptor runs in
 * the publishing thread, which is the request's thread: commands are handled where they are sent), so that the
 * request can wait for the projections that serve reads to have processed exactly those events.
 * <p>
 * An event noted here may belong to a unit of work that later rolls back (a usage batch that lost a race is
 * retried): it is simply never found in the event store, and nothing waits for it.
 */
@Component
public class WrittenEvents {

    /** Events one request notes at the most; past it the request waits for the head of the store instead. */
    static final int NOTED_MAX = 1_000_000;

    private static final ThreadLocal<Noted> CURRENT = new ThreadLocal<>();

    /** The events of one request: their identifiers and payload types, in publishing order. */
    static final class Noted {
        private final List<String> identifiers = new ArrayList<>();
        private final List<Class<?>> payloadTypes = new ArrayList<>();
        private int awaited;
        private boolean overflowed;

        private void add(EventMessage<?> event) {
            if (identifiers.size() >= NOTED_MAX) {
                overflowed = true;
                return;
            }
            identifiers.add(event.getIdentifier());
            payloadTypes.add(event.getPayloadType());
        }

        /** The events noted since the last wait, and the wait mark moved past them. */
        Pending takePending() {
            Pending pending = new Pending(List.copyOf(identifiers.subList(awaited, identifiers.size())),
                    List.copyOf(payloadTypes.subList(awaited, payloadTypes.size())), overflowed);
            awaited = identifiers.size();
            overflowed = false;
            return pending;
        }
    }

    /** Events still to be waited for; {@code overflowed} when more were published than could be noted. */
    record Pending(List<String> identifiers, List<Class<?>> payloadTypes, boolean overflowed) {
        boolean isEmpty() {
            return identifiers.isEmpty() && !overflowed;
        }
    }

    @Autowired
    void noteEventsPublishedBy(EventBus eventBus) {
        eventBus.registerDispatchInterceptor(messages -> {
            Noted noted = CURRENT.get();
            if (noted != null) {
                messages.forEach(noted::add);
            }
            return (index, message) -> message;
        });
    }

    /** Starts noting this thread's events; the returned scope must be closed (try-with-resources). */
    public Scope open() {
        if (CURRENT.get() != null) {
            return () -> { }; // nested: the outer scope notes and waits
        }
        CURRENT.set(new Noted());
        return CURRENT::remove;
    }

    Optional<Noted> current() {
        return Optional.ofNullable(CURRENT.get());
    }

    /** A noting scope; closing it stops noting (it never throws). */
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
