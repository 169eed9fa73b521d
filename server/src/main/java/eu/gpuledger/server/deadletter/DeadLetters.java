package eu.gpuledger.server.deadletter;

import com.fasterxml.jackson.annotation.JsonInclude;
import eu.gpuledger.ledger.refusal.UnknownReference;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcDeadLetter;
import org.axonframework.messaging.deadletter.SequencedDeadLetterProcessor;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Row3;
import org.jooq.Table;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.countDistinct;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.noCondition;
import static org.jooq.impl.DSL.row;
import static org.jooq.impl.DSL.table;

/**
 * The dead letters of every read model, as an operator sees them: listed from Axon's {@code dead_letter_entry} table
 * in the queue's own order (by processing group, then aggregate, then place in the aggregate's sequence, so that the
 * letter that holds up an aggregate comes first), summed up per processing group for the health, and retried one
 * aggregate's sequence at a time through Axon's {@link SequencedDeadLetterProcessor}.
 */
@Component
public class DeadLetters {

    /** Letters listed per page at most. */
    public static final int PAGE_LIMIT_MAX = 500;

    private static final Table<Record> LETTERS = table(name("dead_letter_entry"));
    private static final Field<String> ID = field(name("dead_letter_id"), String.class);
    private static final Field<String> GROUP = field(name("processing_group"), String.class);
    private static final Field<String> SEQUENCE = field(name("sequence_identifier"), String.class);
    private static final Field<Long> INDEX = field(name("sequence_index"), Long.class);
    private static final Field<String> EVENT = field(name("event_identifier"), String.class);
    private static final Field<String> AGGREGATE_TYPE = field(name("aggregate_type"), String.class);
    private static final Field<String> AGGREGATE = field(name("aggregate_identifier"), String.class);
    private static final Field<Long> AGGREGATE_SEQUENCE = field(name("sequence_number"), Long.class);
    private static final Field<String> PAYLOAD_TYPE = field(name("payload_type"), String.class);
    private static final Field<String> CAUSE_TYPE = field(name("cause_type"), String.class);
    private static final Field<String> CAUSE_MESSAGE = field(name("cause_message"), String.class);
    private static final Field<String> ENQUEUED_AT = field(name("enqueued_at"), String.class);
    private static final Field<String> LAST_TOUCHED = field(name("last_touched"), String.class);

    /** Why a letter is there: the failure, or null for an event parked behind an earlier letter of its aggregate. */
    public record Cause(String type, String message) {
    }

    /** One parked event. */
    public record Letter(String id, String processingGroup, String sequenceIdentifier, long sequenceIndex,
                         String eventIdentifier, String aggregateType, String aggregateIdentifier,
                         Long aggregateSequenceNumber, String payloadType, Cause cause, String enqueuedAt,
                         String lastTouched) {
    }

    /** A page of letters, and the cursor of the next one (null at the end). */
    public record Page(List<Letter> items, @JsonInclude(JsonInclude.Include.NON_NULL) String next) {
    }

    /** A processing group's dead letters: how many, over how many aggregates, and the oldest failure. */
    public record Summary(String processingGroup, long letters, long sequences, Letter oldestFailure) {
    }

    /** What a retry did: the letter is gone (processed), or its sequence still fails, with the new cause. */
    public enum Outcome { PROCESSED, STILL_FAILING }

    public record Retry(String id, String processingGroup, String sequenceIdentifier, Outcome outcome,
                        long lettersLeftInSequence, Cause cause) {
    }

    private final DSLContext sql;
    private final EventProcessingConfiguration processing;

    public DeadLetters(DSLContext sql, EventProcessingConfiguration processing) {
        this.sql = sql;
        this.processing = processing;
    }

    /** Letters after {@code cursor} (null: from the first), at most {@code limit}. */
    public Page page(int limit, String cursor) {
        if (limit < 1 || limit > PAGE_LIMIT_MAX) {
            throw new IllegalArgumentException("limit must be between 1 and " + PAGE_LIMIT_MAX + ", got " + limit);
        }
        Condition after = cursor == null ? noCondition() : row(GROUP, SEQUENCE, INDEX).gt(Cursor.decode(cursor).asRow());
        List<Letter> page = sql.select().from(LETTERS).where(after).orderBy(GROUP, SEQUENCE, INDEX).limit(limit + 1)
                .fetch(DeadLetters::letter);
        if (page.size() <= limit) {
            return new Page(page, null);
        }
        Letter last = page.get(limit - 1);
        return new Page(page.subList(0, limit), new Cursor(last.processingGroup(), last.sequenceIdentifier(),
                last.sequenceIndex()).encode());
    }

    public Optional<Letter> find(String id) {
        return sql.select().from(LETTERS).where(ID.eq(id)).fetchOptional(DeadLetters::letter);
    }

    /** Per processing group that has dead letters: counts and the oldest failure. Two index-backed queries. */
    public Map<String, Summary> summaries() {
        var counts = sql.select(GROUP, count(), countDistinct(SEQUENCE)).from(LETTERS).groupBy(GROUP).fetch();
        if (counts.isEmpty()) {
            return Map.of();
        }
        Map<String, Letter> oldest = sql.select().distinctOn(GROUP).from(LETTERS).where(CAUSE_TYPE.isNotNull())
                .orderBy(GROUP, ENQUEUED_AT, ID).fetch(DeadLetters::letter).stream()
                .collect(Collectors.toMap(Letter::processingGroup, Function.identity()));
        return counts.stream().collect(Collectors.toMap(row -> row.value1(), row -> new Summary(row.value1(),
                row.value2(), row.value3(), oldest.get(row.value1()))));
    }

    /**
     * Retries the sequence (the aggregate's parked events, in order) that the letter belongs to, in one transaction:
     * letters that are now processed leave the queue and their changes reach the read model; the first that still
     * fails stays, with its new cause, and holds up the ones behind it.
     */
    public Retry retry(String id) {
        Letter letter = find(id).orElseThrow(() -> new UnknownReference("dead letter", id));
        SequencedDeadLetterProcessor<EventMessage<?>> processor = processing
                .sequencedDeadLetterProcessor(letter.processingGroup())
                .orElseThrow(() -> new IllegalStateException("processing group " + letter.processingGroup()
                        + " has no dead-letter queue"));
        processor.process(dead -> dead instanceof JdbcDeadLetter<?> jdbc
                && jdbc.getSequenceIdentifier().equals(letter.sequenceIdentifier()));
        List<Letter> left = sql.select().from(LETTERS).where(GROUP.eq(letter.processingGroup()))
                .and(SEQUENCE.eq(letter.sequenceIdentifier())).orderBy(INDEX).fetch(DeadLetters::letter);
        boolean gone = left.stream().noneMatch(remaining -> remaining.id().equals(id));
        return new Retry(id, letter.processingGroup(), letter.sequenceIdentifier(),
                gone ? Outcome.PROCESSED : Outcome.STILL_FAILING, left.size(),
                left.isEmpty() ? null : left.get(0).cause());
    }

    private static Letter letter(Record row) {
        String causeType = row.get(CAUSE_TYPE);
        return new Letter(row.get(ID), row.get(GROUP), row.get(SEQUENCE), row.get(INDEX), row.get(EVENT),
                row.get(AGGREGATE_TYPE), row.get(AGGREGATE), row.get(AGGREGATE_SEQUENCE), row.get(PAYLOAD_TYPE),
                causeType == null ? null : new Cause(causeType, row.get(CAUSE_MESSAGE)), row.get(ENQUEUED_AT),
                row.get(LAST_TOUCHED));
    }

    /** A place in the queue's order, as an opaque text for {@code ?after=}. */
    private record Cursor(String processingGroup, String sequenceIdentifier, long sequenceIndex) {

        private static final String SEPARATOR = "\n";

        String encode() {
            String text = processingGroup + SEPARATOR + sequenceIdentifier + SEPARATOR + sequenceIndex;
            return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
        }

        static Cursor decode(String cursor) {
            try {
                String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8)
                        .split(SEPARATOR, -1);
                if (parts.length != 3) {
                    throw new IllegalArgumentException("not a cursor");
                }
                return new Cursor(parts[0], parts[1], Long.parseLong(parts[2]));
            } catch (IllegalArgumentException notACursor) {
                throw new IllegalArgumentException("after is not a cursor of this list: '" + cursor + "'");
            }
        }

        Row3<String, String, Long> asRow() {
            return row(processingGroup, sequenceIdentifier, sequenceIndex);
        }
    }
}
