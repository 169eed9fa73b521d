package eu.gpuledger.server.usage;

import eu.gpuledger.ledger.metadata.LedgerMetadata;
import eu.gpuledger.ledger.usage.ImportTally;
import eu.gpuledger.ledger.usage.RecordUsageBatch;
import eu.gpuledger.ledger.usage.UsageBatchOutcome;
import eu.gpuledger.ledger.usage.UsageRecord;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.lock.DeadlockException;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Books charged records in batches: fills a buffer while the input streams and sends one RecordUsageBatch per
 * full buffer. A batch that lost a race with a concurrent import on the same allocation is retried whole; the
 * usage store makes the retry see what the other import booked as duplicates.
 */
@Component
public class UsageBooking {

    static final int ATTEMPTS_MAX = 8;
    /** A bound on the walk down a failure's causes. */
    private static final int CAUSES_EXAMINED_MAX = 16;
    /** PostgreSQL's deadlock_detected and serialization_failure. */
    private static final Set<String> RACE_SQL_STATES = Set.of("40P01", "40001");
    private static final Logger log = LoggerFactory.getLogger(UsageBooking.class);

    private final CommandGateway commandGateway;
    private final int batchSize;

    public UsageBooking(CommandGateway commandGateway, @Value("${ledger.usage.batch-size:5000}") int batchSize) {
        if (batchSize <= 0 || batchSize > RecordUsageBatch.RECORDS_MAX) {
            throw new IllegalArgumentException("ledger.usage.batch-size must be in [1, " + RecordUsageBatch.RECORDS_MAX + "]");
        }
        this.commandGateway = commandGateway;
        this.batchSize = batchSize;
    }

    /** A buffer for one import; not thread-safe, one per request. */
    public Batcher batcher(ImportTally summary, MetaData metadata) {
        return new Batcher(summary, metadata);
    }

    public final class Batcher {
        private final ImportTally summary;
        private final MetaData metadata;
        private final List<UsageRecord> buffer = new ArrayList<>();

        private Batcher(ImportTally summary, MetaData metadata) {
            this.summary = summary;
            this.metadata = metadata;
        }

        public void add(UsageRecord record) {
            buffer.add(record);
            if (buffer.size() >= batchSize) {
                flush();
            }
        }

        public void flush() {
            if (buffer.isEmpty()) {
                return;
            }
            RecordUsageBatch batch = new RecordUsageBatch(buffer);
            buffer.clear();
            summary.count(send(batch, metadata.and(LedgerMetadata.SOURCE_DETAIL,
                    metadata.getOrDefault(LedgerMetadata.SOURCE_DETAIL, "import") + " lines "
                            + batch.records().get(0).line() + "-" + batch.records().get(batch.records().size() - 1).line())));
        }
    }

    private UsageBatchOutcome send(RecordUsageBatch batch, MetaData metadata) {
        for (int attempt = 1; ; attempt++) {
            try {
                return commandGateway.sendAndWait(GenericCommandMessage.asCommandMessage(batch).andMetaData(metadata));
            } catch (RuntimeException failed) {
                if (!lostARace(failed) || attempt >= ATTEMPTS_MAX) {
                    throw failed;
                }
                log.debug("usage batch raced with another import (attempt {}), retrying: {}", attempt, failed.toString());
                pause(attempt);
            }
        }
    }

    /**
     * Whether a batch failed only because a concurrent writer got there first, so that the same batch, sent again,
     * books what the other left: an allocation appended to by another node (Axon's ConcurrencyException), a cycle
     * of aggregate locks (Axon's DeadlockException), or PostgreSQL's deadlock and serialization failures. The batch
     * rolled back whole, so a retry is safe: the usage store turns what the winner booked into duplicates.
     */
    static boolean lostARace(Throwable failure) {
        Throwable cause = failure;
        for (int depth = 0; cause != null && depth < CAUSES_EXAMINED_MAX; depth++, cause = cause.getCause()) {
            if (cause instanceof ConcurrencyException || cause instanceof DeadlockException) {
                return true;
            }
            if (cause instanceof SQLException sql && RACE_SQL_STATES.contains(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(Math.min(200, 5L * attempt * attempt));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying a usage batch", interrupted);
        }
    }
}
