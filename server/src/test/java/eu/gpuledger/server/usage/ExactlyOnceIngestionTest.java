package eu.gpuledger.server.usage;

import eu.gpuledger.ledger.allocation.ConsumptionRecorded;
import eu.gpuledger.ledger.catalogue.ClusterName;
import eu.gpuledger.ledger.metadata.LedgerMetadata;
import eu.gpuledger.ledger.usage.ImportSummary;
import eu.gpuledger.server.support.SecondNode;
import eu.gpuledger.server.support.LedgerIntegrationTest;
import eu.gpuledger.server.support.OverHttp;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.test.context.TestPropertySource;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Exactly once under concurrency and crashes, through the application's beans on PostgreSQL: overlapping imports
 * racing each other, a batch whose transaction fails after its usage store rows were written, a client that goes
 * away mid-file, and eight writers on one allocation spread over two nodes. Small batches and grouping windows, so
 * that a file of a few thousand jobs is several transactions.
 */
@LedgerIntegrationTest
@TestPropertySource(properties = {"ledger.usage.batch-size=2000", "ledger.usage.grouping-window=6000"})
class ExactlyOnceIngestionTest extends OverHttp {

    private static final Duration IMPORT_DEADLINE = Duration.ofMinutes(5);
    private static final Duration PROJECTION_DEADLINE = Duration.ofSeconds(60);

    @Autowired
    UsageImports imports;
    @Autowired
    EventStore eventStore;
    @Autowired
    Environment environment;
    @Autowired
    UsageProperties usage;
    int batchSize;
    int groupingWindow;

    @BeforeEach
    void settings() {
        batchSize = usage.batchSize();
        groupingWindow = usage.groupingWindow();
    }

    @Test
    void four_concurrent_imports_of_overlapping_slices_charge_each_job_exactly_once() throws Exception {
        UsageScenario centre = new UsageScenario(http, "overlap", "UTC");
        SacctExport export = new SacctExport(20_000, 8, "ovl");
        for (int account = 0; account < 8; account++) {
            centre.grant("overlap-" + account, "ovl" + account + "@h100", "2026-10-01T00:00:00Z", "2027-10-01T00:00:00Z");
        }

        List<ImportSummary> summaries = importConcurrently(centre, List.of(
                () -> export.slice(0, 8_000, false),
                () -> export.slice(4_000, 12_000, true),
                () -> export.slice(8_000, 16_000, false),
                () -> export.slice(12_000, 20_000, true),
                () -> export.slice(0, 20_000, false)));

        long accepted = summaries.stream().mapToLong(ImportSummary::accepted).sum();
        long duplicates = summaries.stream().mapToLong(ImportSummary::duplicates).sum();
        assertThat(accepted).as("each job accepted by exactly one import").isEqualTo(20_000);
        long linesImported = 4 * 8_000 + 20_000;
        assertThat(duplicates).as("every other line a duplicate").isEqualTo(linesImported - 20_000);
        assertThat(summaries).allSatisfy(summary -> assertThat(summary.rejectedTotal()).isZero());
        assertThat(count("SELECT count(*) FROM usage_record WHERE cluster = 'overlap-cluster'")).isEqualTo(20_000);
        for (int account = 0; account < 8; account++) {
            long expected = export.expectedGpuSeconds("ovl" + account + "@h100", 0, 20_000);
            assertThat(consumedInEvents("overlap-" + account)).as("events of overlap-" + account).isEqualTo(expected);
            assertThat(count("SELECT coalesce(sum(gpu_seconds), 0) FROM usage_record WHERE allocation_id = 'overlap-"
                    + account + "'")).isEqualTo(expected);
            centre.balanceOnceConsumed("overlap-" + account, expected);
        }
    }

    @Test
    void a_batch_that_fails_after_writing_its_usage_rows_leaves_none_of_them_and_the_reimport_counts_each_job_once() {
        UsageScenario centre = new UsageScenario(http, "crash", "UTC");
        int jobsTotal = 3 * batchSize + batchSize / 2;
        SacctExport export = new SacctExport(jobsTotal, 4, "crash");
        for (int account = 0; account < 4; account++) {
            centre.grant("crash-" + account, "crash" + account + "@h100", "2026-10-01T00:00:00Z", "2027-10-01T00:00:00Z");
        }
        armCrashOnAppendTo("crash-3", 0);
        try {
            assertThatThrownBy(() -> imports.sacct(export.slice(0, jobsTotal, false), ClusterName.of("crash-cluster"),
                    importMetadata())).hasStackTraceContaining("simulated crash while appending to crash-3");
        } finally {
            disarmCrashes();
        }
        // The batch holding crash-3's jobs inserted its usage rows, then failed on the append: none of them stay.
        assertThat(count("SELECT count(*) FROM usage_record WHERE allocation_id = 'crash-3'")).isZero();
        assertThat(consumedInEvents("crash-3")).isZero();
        assertThat(count("SELECT count(*) FROM usage_record WHERE cluster = 'crash-cluster'")).isLessThan(jobsTotal);
        assertEveryBookedJobChargedOnce("crash", 4);

        ImportSummary reimport = importWhole(export, "crash-cluster");
        long bookedBefore = jobsTotal - reimport.accepted();
        assertThat(reimport.duplicates()).isEqualTo(bookedBefore);
        assertExactlyCharged(centre, export, "crash", 4);
    }

    @Test
    void a_crash_in_the_middle_of_a_file_keeps_the_batches_before_it_whole_and_the_reimport_adds_only_the_rest() {
        UsageScenario centre = new UsageScenario(http, "midfile", "UTC");
        int jobsTotal = 3 * batchSize + batchSize / 2;
        SacctExport export = new SacctExport(jobsTotal, 1, "mid");
        centre.grant("midfile-0", "mid0@h100", "2026-10-01T00:00:00Z", "2027-10-01T00:00:00Z");
        // One allocation, so every batch appends to it: let the first batch through, crash on the second.
        armCrashOnAppendTo("midfile-0", 1);
        try {
            assertThatThrownBy(() -> imports.sacct(export.slice(0, jobsTotal, false), ClusterName.of("midfile-cluster"),
                    importMetadata())).hasStackTraceContaining("simulated crash while appending to midfile-0");
        } finally {
            disarmCrashes();
        }
        assertThat(count("SELECT count(*) FROM usage_record WHERE cluster = 'midfile-cluster'"))
                .as("the first batch committed whole, the second not at all").isEqualTo(batchSize);
        assertThat(consumedInEvents("midfile-0")).isEqualTo(export.expectedGpuSeconds("mid0@h100", 0, batchSize));
        assertEveryBookedJobChargedOnce("midfile", 1);

        ImportSummary reimport = importWhole(export, "midfile-cluster");
        assertThat(reimport.accepted()).isEqualTo(jobsTotal - batchSize);
        assertThat(reimport.duplicates()).isEqualTo(batchSize);
        assertExactlyCharged(centre, export, "midfile", 1);
    }

    @Test
    void a_client_that_goes_away_mid_file_leaves_whole_batches_and_the_reimport_adds_only_the_rest() {
        UsageScenario centre = new UsageScenario(http, "cutoff", "UTC");
        int jobsTotal = groupingWindow + batchSize / 2;
        SacctExport export = new SacctExport(jobsTotal, 3, "cut");
        for (int account = 0; account < 3; account++) {
            centre.grant("cutoff-" + account, "cut" + account + "@h100", "2026-10-01T00:00:00Z", "2027-10-01T00:00:00Z");
        }
        // Cut past the first full window (a line is 154 bytes), before the end of the file.
        long bytesBeforeCut = 154L * (groupingWindow + batchSize / 4);
        assertThatThrownBy(() -> imports.sacct(cutAfter(export.slice(0, jobsTotal, false), bytesBeforeCut),
                ClusterName.of("cutoff-cluster"), importMetadata()))
                .hasStackTraceContaining("connection reset by peer (simulated)");

        long booked = count("SELECT count(*) FROM usage_record WHERE cluster = 'cutoff-cluster'");
        assertThat(booked).as("the first window, booked whole; nothing of the lines read after it").isEqualTo(groupingWindow);
        assertEveryBookedJobChargedOnce("cutoff", 3);
        ImportSummary reimport = importWhole(export, "cutoff-cluster");
        assertThat(reimport.accepted()).isEqualTo(jobsTotal - booked);
        assertThat(reimport.duplicates()).isEqualTo(booked);
        assertExactlyCharged(centre, export, "cutoff", 3);
    }

    @Test
    void eight_writers_on_one_allocation_over_two_nodes_lose_no_update() throws Exception {
        UsageScenario centre = new UsageScenario(http, "contended", "UTC");
        centre.grant("contended-alloc", "hot0@h100", "2026-10-01T00:00:00Z", "2027-10-01T00:00:00Z");
        int writers = 8;
        int filesPerWriter = 12;
        int jobsPerFile = 25;
        SacctExport export = new SacctExport(writers * filesPerWriter * jobsPerFile, 1, "hot");
        try (ConfigurableApplicationContext secondNode = SecondNode.start(environment)) {
            UsageImports secondImports = secondNode.getBean(UsageImports.class);
            ExecutorService threads = Executors.newFixedThreadPool(writers);
            try {
                List<Future<Long>> results = new ArrayList<>();
                for (int writer = 0; writer < writers; writer++) {
                    UsageImports node = writer % 2 == 0 ? imports : secondImports;
                    int first = writer * filesPerWriter * jobsPerFile;
                    results.add(threads.submit(() -> {
                        long accepted = 0;
                        for (int file = 0; file < filesPerWriter; file++) {
                            int from = first + file * jobsPerFile;
                            accepted += node.sacct(export.slice(from, from + jobsPerFile, false),
                                    ClusterName.of("contended-cluster"), importMetadata()).summary().accepted();
                        }
                        return accepted;
                    }));
                }
                long accepted = 0;
                for (Future<Long> result : results) {
                    accepted += result.get(IMPORT_DEADLINE.toSeconds(), TimeUnit.SECONDS);
                }
                assertThat(accepted).isEqualTo(export.jobsTotal());
            } finally {
                threads.shutdownNow();
            }
        }
        long expected = export.expectedGpuSeconds("hot0@h100", 0, export.jobsTotal());
        assertThat(consumedInEvents("contended-alloc")).isEqualTo(expected);
        assertThat(count("SELECT count(*) FROM usage_record WHERE cluster = 'contended-cluster'"))
                .isEqualTo(export.jobsTotal());
        centre.balanceOnceConsumed("contended-alloc", expected);
    }


    private List<ImportSummary> importConcurrently(UsageScenario centre, List<SliceSource> slices) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(slices.size());
        try {
            List<Future<ImportSummary>> results = new ArrayList<>();
            for (SliceSource slice : slices) {
                results.add(threads.submit(() -> imports.sacct(slice.open(), ClusterName.of(centre.cluster),
                        importMetadata()).summary()));
            }
            List<ImportSummary> summaries = new ArrayList<>();
            for (Future<ImportSummary> result : results) {
                summaries.add(result.get(IMPORT_DEADLINE.toSeconds(), TimeUnit.SECONDS));
            }
            return summaries;
        } finally {
            threads.shutdownNow();
        }
    }

    @FunctionalInterface
    private interface SliceSource {
        InputStream open();
    }

    private ImportSummary importWhole(SacctExport export, String cluster) {
        try {
            return imports.sacct(export.slice(0, export.jobsTotal(), false), ClusterName.of(cluster), importMetadata())
                    .summary();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private void assertExactlyCharged(UsageScenario centre, SacctExport export, String prefix, int accounts) {
        assertThat(count("SELECT count(*) FROM usage_record WHERE cluster = '" + centre.cluster + "'"))
                .isEqualTo(export.jobsTotal());
        for (int account = 0; account < accounts; account++) {
            String accountName = export.accountOf(account);
            long expected = export.expectedGpuSeconds(accountName, 0, export.jobsTotal());
            assertThat(consumedInEvents(prefix + "-" + account)).as(prefix + "-" + account).isEqualTo(expected);
            centre.balanceOnceConsumed(prefix + "-" + account, expected);
        }
    }

    /** What the usage store holds and what the events charge agree, allocation by allocation: nothing half-booked. */
    private void assertEveryBookedJobChargedOnce(String prefix, int accounts) {
        for (int account = 0; account < accounts; account++) {
            String allocationId = prefix + "-" + account;
            assertThat(consumedInEvents(allocationId)).as("events of " + allocationId).isEqualTo(
                    count("SELECT coalesce(sum(gpu_seconds), 0) FROM usage_record WHERE allocation_id = '" + allocationId + "'"));
        }
    }

    /** The sum of every ConsumptionRecorded of an allocation, read from its events (never from a snapshot). */
    private long consumedInEvents(String allocationId) {
        long[] total = {0};
        eventStore.readEvents(allocationId, 0).asStream()
                .filter(event -> event.getPayload() instanceof ConsumptionRecorded)
                .forEach(event -> total[0] += ((ConsumptionRecorded) event.getPayload()).total().value());
        return total[0];
    }

    /**
     * A database trigger that fails the append of an armed allocation's events, after the batch's usage rows were
     * inserted in the same transaction: the crash of a node between the two writes, as PostgreSQL sees it.
     * {@code after_appends} lets that many appends through first.
     */
    private void armCrashOnAppendTo(String allocationId, int appendsLetThrough) {
        jdbc.execute("CREATE TABLE IF NOT EXISTS test_crash_switch (allocation_id VARCHAR(200) PRIMARY KEY,"
                + " after_appends INTEGER NOT NULL DEFAULT 0)");
        jdbc.execute("""
                CREATE OR REPLACE FUNCTION test_crash_on_append() RETURNS trigger AS $$
                DECLARE armed test_crash_switch%ROWTYPE;
                BEGIN
                    SELECT * INTO armed FROM test_crash_switch WHERE allocation_id = NEW.aggregate_identifier;
                    IF FOUND AND NEW.payload_type LIKE '%ConsumptionRecorded' THEN
                        IF armed.after_appends > 0 THEN
                            UPDATE test_crash_switch SET after_appends = after_appends - 1
                             WHERE allocation_id = NEW.aggregate_identifier;
                        ELSE
                            RAISE EXCEPTION 'simulated crash while appending to %', NEW.aggregate_identifier;
                        END IF;
                    END IF;
                    RETURN NEW;
                END $$ LANGUAGE plpgsql""");
        jdbc.execute("DROP TRIGGER IF EXISTS test_crash_on_append ON domain_event_entry");
        jdbc.execute("CREATE TRIGGER test_crash_on_append BEFORE INSERT ON domain_event_entry"
                + " FOR EACH ROW EXECUTE FUNCTION test_crash_on_append()");
        jdbc.update("INSERT INTO test_crash_switch (allocation_id, after_appends) VALUES (?, ?)", allocationId,
                appendsLetThrough);
    }

    private void disarmCrashes() {
        jdbc.execute("DROP TRIGGER IF EXISTS test_crash_on_append ON domain_event_entry");
        jdbc.execute("DELETE FROM test_crash_switch");
    }

    /** The input as a client that goes away after {@code bytes} bytes: the read fails, as a broken connection does. */
    private static InputStream cutAfter(InputStream input, long bytes) {
        return new FilterInputStream(input) {
            private long read;

            @Override
            public int read() throws IOException {
                if (read >= bytes) {
                    throw new IOException("connection reset by peer (simulated)");
                }
                read++;
                return super.read();
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                if (read >= bytes) {
                    throw new IOException("connection reset by peer (simulated)");
                }
                int count = super.read(buffer, offset, (int) Math.min(length, bytes - read));
                if (count > 0) {
                    read += count;
                }
                return count;
            }
        };
    }

    private static MetaData importMetadata() {
        return LedgerMetadata.by("test", LedgerMetadata.Source.IMPORT).detail("exactly-once test").build();
    }

}
