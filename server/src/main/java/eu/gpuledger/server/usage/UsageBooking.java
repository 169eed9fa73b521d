package eu.gpuledger.server.usage;

import eu.gpuledger.ledger.metadata.LedgerMetadata;
import eu.gpuledger.ledger.usage.ImportTally;
import eu.gpuledger.ledger.usage.RecordUsageBatch;
import eu.gpuledger.ledger.usage.UsageBatchOutcome;
import eu.gpuledger.ledger.usage.ReportedUsage;
import eu.gpuledger.server.race.LostRaces;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Sends reported jobs in batches: collects a window of them while the input streams, groups the window by
 * pool (as the source names it) and scheduler account (so by allocation), and sends it as RecordUsageBatch commands of at most
 * {@code ledger.usage.batch-size} records each. Grouping is what makes batches cheap: a sacct export sorted by
 * time interleaves every project, so an ungrouped batch of 5,000 jobs over 1,000 allocations is 1,000 events of
 * 5 charges; grouped over a window of 50,000 it is a few hundred events of 50 (docs/ingestion.md has the
 * measurements). Which batch a job lands in never matters for correctness: each batch is booked exactly once
 * (usage store keys and events in one transaction), whatever the order.
 * <p>
 * A batch that lost a race with a concurrent import on the same allocation is retried whole ({@link LostRaces}); the
 * usage store makes the retry see what the other import booked as duplicates.
 */
@Component
public class UsageBooking {

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
        // the batch rolled back whole: sent again, the usage store turns what the winner booked into duplicates
        return LostRaces.retried(() -> commandGateway.sendAndWait(
                GenericCommandMessage.asCommandMessage(batch).andMetaData(metadata)), "usage batch " + lines(batch.reported()));
    }
}
