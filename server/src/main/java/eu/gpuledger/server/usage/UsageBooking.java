package eu.gpuledger.server.usage;

import eu.gpuledger.ledger.metadata.LedgerMetadata;
import eu.gpuledger.ledger.usage.ImportTally;
import eu.gpuledger.ledger.usage.RecordUsageBatch;
import eu.gpuledger.ledger.usage.UsageBatchOutcome;
import eu.gpuledger.ledger.usage.ReportedUsage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.lock.DeadlockException;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Sends reported jobs in batches: collects a window of them while the input streams, groups the window by
 * pool (as the source names it) and scheduler account (so by allocation), and sends it as RecordUsageBatch commands of at most
 * {@code ledger.usage.batch-size} records each. Grouping is what makes batches cheap: a sacct export sorted by
 * time interleaves every project, so an ungrouped batch of 5,000 jobs over 1,000 allocations is 1,000 events of
 * 5 charges; grouped over a window of 50,000 it is a few hundred events of 50 (docs/ingestion.md has the
 * measurements). Which batch a job lands in never matters for correctness: each batch is booked exactly once
 * (usage store keys and events in one transaction), whatever the order.
 * <p>
 * A batch that lost a race with a concurrent import on the same allocation is retried whole; the usage store makes
 * the retry see what the other import booked as duplicates.
 */
@Component
public class UsageBooking {

    static final int ATTEMPTS_MAX = 8;
    /** A bound on the walk down a failure's causes. */
    private static final int CAUSES_EXAMINED_MAX = 16;
    /** PostgreSQL's deadlock_detected and serialization_failure. */
    private static final Set<String> RACE_SQL_STATES = Set.of("40P01", "40001");
    /** A bound on the records one import holds in memory while grouping them (about 500 bytes each). */
    static final int WINDOW_RECORDS_MAX = 200_000;
    private static final Logger log = LoggerFactory.getLogger(UsageBooking.class);
    /** Records of one allocation key together, in input order within a key (the sort is stable). */
    private static final Comparator<Keyed> BY_ALLOCATION_KEY = Comparator.comparing(Keyed::key);

    /** A job with its allocation key, worked out once rather than at every comparison of the sort. */
    private record Keyed(String key, ReportedUsage reported) {
    }

    private final CommandGateway commandGateway;
    private final int batchSize;
    private final int windowSize;

    public UsageBooking(CommandGateway commandGateway, UsageProperties settings) {
        this.commandGateway = commandGateway;
        this.batchSize = settings.batchSize();
        this.windowSize = settings.groupingWindow();
    }

    /** A buffer for one import; not thread-safe, one per request. */
    public Batcher batcher(ImportTally summary, MetaData metadata) {
        return new Batcher(summary, metadata);
    }

    public final class Batcher {
        private final ImportTally summary;
        private final MetaData metadata;
        private final List<Keyed> window = new ArrayList<>();

        private Batcher(ImportTally summary, MetaData metadata) {
            this.summary = summary;
            this.metadata = metadata;
        }

        public void add(ReportedUsage reported) {
            window.add(new Keyed(reported.allocationKey(), reported));
            if (window.size() >= windowSize) {
                flush();
            }
        }

        /** Books every record collected so far, grouped by allocation key, in batches of at most batch-size. */
        public void flush() {
            if (window.isEmpty()) {
                return;
            }
            window.sort(BY_ALLOCATION_KEY); // stable: input order within a key
            for (int from = 0; from < window.size(); from += batchSize) {
                List<ReportedUsage> records = window.subList(from, Math.min(window.size(), from + batchSize)).stream()
                        .map(Keyed::reported).toList();
                RecordUsageBatch batch = new RecordUsageBatch(records);
                long started = System.nanoTime();
                summary.count(send(batch, metadata.and(LedgerMetadata.SOURCE_DETAIL,
                        metadata.getOrDefault(LedgerMetadata.SOURCE_DETAIL, "import") + " lines "
                                + lines(batch.reported()))));
                log.debug("usage batch of {} records booked in {} ms (handler and commit)", records.size(),
                        (System.nanoTime() - started) / 1_000_000);
            }
            window.clear();
        }
    }

    /** The first and last input line of a batch, e.g. "12-50011": grouped batches are not contiguous. */
    private static String lines(List<ReportedUsage> records) {
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (ReportedUsage record : records) {
            first = Math.min(first, record.line());
            last = Math.max(last, record.line());
        }
        return first + "-" + last;
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
