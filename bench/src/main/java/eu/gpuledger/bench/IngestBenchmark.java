package eu.gpuledger.bench;

import eu.gpuledger.ledger.allocation.AllocationCommands.GrantAllocation;
import eu.gpuledger.ledger.allocation.FundingSource;
import eu.gpuledger.ledger.limits.LedgerLimits;
import eu.gpuledger.ledger.catalogue.CatalogueCommands.AddNormalisationFactor;
import eu.gpuledger.ledger.catalogue.CatalogueCommands.DeclareCluster;
import eu.gpuledger.ledger.catalogue.CatalogueCommands.RegisterPool;
import eu.gpuledger.ledger.catalogue.CatalogueCommands.RegisterProvider;
import eu.gpuledger.ledger.catalogue.ProviderId;
import eu.gpuledger.ledger.catalogue.ProviderKind;
import eu.gpuledger.ledger.metadata.LedgerMetadata;
import eu.gpuledger.ledger.project.AccessMode;
import eu.gpuledger.ledger.project.Audience;
import eu.gpuledger.ledger.project.ProjectId;
import eu.gpuledger.ledger.project.RegisterProject;
import eu.gpuledger.ledger.quantity.GpuSeconds;
import eu.gpuledger.ledger.quantity.NormalisationFactor;
import eu.gpuledger.ledger.usage.ImportSummary;
import eu.gpuledger.ledger.usage.ImportTally;
import eu.gpuledger.bench.micro.HandWrittenAggregateCache;
import eu.gpuledger.server.LedgerApplication;
import eu.gpuledger.server.database.DatabaseCreator;
import eu.gpuledger.server.database.EmbeddedLedgerPostgres;
import eu.gpuledger.server.config.ProcessingProperties;
import eu.gpuledger.server.config.SnapshotProperties;
import eu.gpuledger.server.usage.UsageBooking;
import eu.gpuledger.server.usage.UsageProperties;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * scripts/bench ingest: usage records per second end to end (accepted, deduplicated, stored as events, balances
 * up to date), against a plain JDBC batch insert of the same records in the same run. Starts the whole
 * application on a fresh database (LEDGER_DB_URL's server, else an embedded PostgreSQL in a temporary folder),
 * both removed afterwards.
 * <p>
 * Options (system properties): {@code bench.records} (1,000,000), {@code bench.allocations} (1,000),
 * {@code bench.jdbc-options} (appended to the JDBC URL, e.g. {@code reWriteBatchedInserts=true}), and any
 * {@code ledger.*} setting, e.g. {@code ledger.usage.batch-size}, {@code ledger.snapshots.allocation-threshold},
 * {@code ledger.processing.batch-size}; {@code bench.aggregate-cache=hand-written} measures the hand-written aggregate
 * cache the ledger replaced ({@link HandWrittenAggregateCache}, docs/hand-written-code.md).
 */
public final class IngestBenchmark {

    /** The end-to-end rate must reach this share of the baseline's (the target on a 2-core machine). */
    static final double RATIO_TARGET = 0.5;
    private static final Duration PROJECTION_DEADLINE = Duration.ofMinutes(30);
    private static final Duration POLL_EVERY = Duration.ofMillis(100);
    private static final long PROGRESS_EVERY_RECORDS = 100_000;
    private static final long GRANTED_GPU_SECONDS = LedgerLimits.ALLOCATION_GPU_SECONDS_MAX;
    private static final int GRANTING_THREADS = 4;
    private static final Duration GRANT_DEADLINE = Duration.ofMinutes(5);

    private IngestBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("axoniq.update-checker.disabled", "true");
        long recordsTotal = Long.getLong("bench.records", 1_000_000L);
        int allocationsTotal = Integer.getInteger("bench.allocations", 1_000);
        String jdbcOptions = System.getProperty("bench.jdbc-options", "");
        String server = System.getenv("LEDGER_DB_URL");
        String user = System.getenv().getOrDefault("LEDGER_DB_USER", "postgres");
        String password = System.getenv().getOrDefault("LEDGER_DB_PASSWORD", "");

        Path embeddedFolder = null;
        EmbeddedLedgerPostgres embedded = null;
        String url;
        if (server == null || server.isBlank()) {
            embeddedFolder = Files.createTempDirectory("ledger-bench-");
            embedded = EmbeddedLedgerPostgres.start(embeddedFolder.resolve("postgres"));
            url = embedded.jdbcUrl(EmbeddedLedgerPostgres.DATABASE);
        } else {
            url = DatabaseCreator.withDatabase(server, "ledger_bench_" + UUID.randomUUID().toString().replace("-", ""));
        }
        url = withOptions(url, jdbcOptions);
        int exitCode;
        try {
            exitCode = run(url, user, password, recordsTotal, allocationsTotal, jdbcOptions);
        } finally {
            if (embedded != null) {
                embedded.close();
                deleteRecursively(embeddedFolder);
            } else {
                DatabaseCreator.dropIfExists(url, user, password);
            }
        }
        System.exit(exitCode);
    }

    private static int run(String url, String user, String password, long recordsTotal, int allocationsTotal,
                           String jdbcOptions) throws Exception {
        // Command-line arguments: they take precedence over application.yml's ${LEDGER_DB_URL}, which names the
        // server's maintenance database, never the benchmark's fresh one.
        String[] arguments = {
                "--ledger.db.url=" + url,
                "--ledger.db.user=" + user,
                "--ledger.db.password=" + password,
                "--server.port=0",
                "--logging.level.root=WARN",
                "--spring.main.banner-mode=off"};
        SpringApplicationBuilder application = new SpringApplicationBuilder(LedgerApplication.class);
        if (HandWrittenAggregateCache.asked()) {
            application.initializers(new HandWrittenAggregateCache());
        }
        try (ConfigurableApplicationContext context = application.run(arguments)) {
            String used = context.getEnvironment().getProperty("ledger.db.url");
            if (!url.equals(used)) {
                throw new IllegalStateException("the benchmark must run on its own database " + url + ", not " + used);
            }
            int batchSize = context.getBean(UsageProperties.class).batchSize();
            ProcessingProperties processing = context.getBean(ProcessingProperties.class);
            SyntheticUsage usage = new SyntheticUsage(allocationsTotal);
            DataSource dataSource = context.getBean(DataSource.class);
            JdbcTemplate jdbc = new JdbcTemplate(dataSource);

            System.out.printf(Locale.ROOT, "ingest benchmark: %,d records over %,d allocations, usage batch %d,"
                            + " snapshot threshold %s, processor batch %s, segments %s, JDBC options '%s', %s,"
                            + " aggregate cache %s%n",
                    recordsTotal, allocationsTotal, batchSize,
                    context.getBean(SnapshotProperties.class).allocationThreshold(), processing.batchSize(),
                    processing.segments(), jdbcOptions,
                    url.replaceAll("password=[^&]*", "password=***"),
                    context.getBean("allocationCache").getClass().getSimpleName());

            long baselineNanos = PlainJdbcBaseline.insert(dataSource, usage, recordsTotal, batchSize);
            double baselineRate = recordsTotal / seconds(baselineNanos);
            System.out.printf(Locale.ROOT, "baseline: plain JDBC batch insert of %,d rows in %.1f s: %,.0f rows/s%n",
                    recordsTotal, seconds(baselineNanos), baselineRate);
            jdbc.execute("DROP TABLE " + PlainJdbcBaseline.TABLE);

            CommandGateway commands = context.getBean(CommandGateway.class);
            setUpCatalogue(commands, allocationsTotal);
            awaitValue(jdbc, "SELECT count(*) FROM allocation_balance", allocationsTotal, "the grants' balance rows");

            long[] expectedByAllocation = new long[allocationsTotal];
            long expectedTotal = 0;
            UsageBooking booking = context.getBean(UsageBooking.class);
            ImportTally tally = new ImportTally();
            UsageBooking.Batcher batcher = booking.batcher(tally, benchMetadata());
            long started = System.nanoTime();
            for (long job = 0; job < recordsTotal; job++) {
                batcher.add(usage.record(job));
                expectedByAllocation[usage.allocationOf(job)] += SyntheticUsage.gpuSeconds(job);
                expectedTotal = Math.addExact(expectedTotal, SyntheticUsage.gpuSeconds(job));
                if ((job + 1) % PROGRESS_EVERY_RECORDS == 0) {
                    System.out.printf(Locale.ROOT, "  booked %,d records, %.1f s%n", job + 1,
                            seconds(System.nanoTime() - started));
                }
            }
            batcher.flush();
            long bookedNanos = System.nanoTime() - started;
            awaitValue(jdbc, "SELECT coalesce(sum(consumed), 0) FROM allocation_balance", expectedTotal,
                    "the balance projection's consumed total");
            long endToEndNanos = System.nanoTime() - started;

            List<String> failures = check(jdbc, tally.summary(), recordsTotal, expectedTotal, expectedByAllocation);
            ImportTally again = new ImportTally();
            UsageBooking.Batcher replay = booking.batcher(again, benchMetadata());
            long replayed = Math.min(recordsTotal, batchSize);
            for (long job = 0; job < replayed; job++) {
                replay.add(usage.record(job));
            }
            replay.flush();
            if (again.summary().duplicates() != replayed || again.summary().accepted() != 0) {
                failures.add("re-importing the first " + replayed + " records gave " + again.summary());
            }

            long events = count(jdbc, "SELECT count(*) FROM domain_event_entry WHERE payload_type LIKE '%ConsumptionRecorded'");
            long payloadBytes = count(jdbc, "SELECT coalesce(sum(length(payload)), 0) FROM domain_event_entry"
                    + " WHERE payload_type LIKE '%ConsumptionRecorded'");
            long snapshots = count(jdbc, "SELECT count(*) FROM snapshot_event_entry");
            double bookedRate = recordsTotal / seconds(bookedNanos);
            double endToEndRate = recordsTotal / seconds(endToEndNanos);
            double ratio = endToEndRate / baselineRate;
            System.out.printf(Locale.ROOT, "ledger: %,d records booked in %.1f s (%,.0f records/s),"
                            + " balances up to date after %.1f s%n", recordsTotal, seconds(bookedNanos), bookedRate,
                    seconds(endToEndNanos));
            System.out.printf(Locale.ROOT, "        %,d ConsumptionRecorded events (%.1f records each, %,d payload bytes,"
                            + " %.0f bytes a record), %,d snapshots%n", events, (double) recordsTotal / Math.max(1, events),
                    payloadBytes, (double) payloadBytes / recordsTotal, snapshots);
            System.out.printf(Locale.ROOT, "RESULT records=%d ledger_records_per_s=%.0f baseline_rows_per_s=%.0f"
                    + " ratio=%.2f target=%.2f%n", recordsTotal, endToEndRate, baselineRate, ratio, RATIO_TARGET);
            failures.forEach(failure -> System.out.println("FAILED: " + failure));
            return failures.isEmpty() ? 0 : 1;
        }
    }

    private static void setUpCatalogue(CommandGateway commands, int allocationsTotal) throws Exception {
        ProviderId provider = ProviderId.of("bench-provider");
        commands.sendAndWait(new RegisterProvider(provider, "Benchmark centre", ProviderKind.PUBLIC, false, null));
        commands.sendAndWait(new DeclareCluster(SyntheticUsage.CLUSTER, provider, ZoneOffset.UTC));
        commands.sendAndWait(new RegisterPool(SyntheticUsage.POOL, provider, SyntheticUsage.CLUSTER,
                SyntheticUsage.PARTITION, "H100", 4, 96, true));
        commands.sendAndWait(new AddNormalisationFactor(SyntheticUsage.POOL, SyntheticUsage.PERIOD_START,
                new NormalisationFactor(BigDecimal.valueOf(4))));
        ProjectId project = ProjectId.of("2026-AD011099999");
        commands.sendAndWait(new RegisterProject(project, "Benchmark", "B. Enchmark", "GPU Ledger", Audience.ACADEMIC,
                "computer science", AccessMode.GENCI_DYNAMIC));
        // Grants are set-up, not measured: sent from a few threads to save the minute they take one by one.
        try (ExecutorService granting = Executors.newFixedThreadPool(GRANTING_THREADS)) {
            List<Future<?>> grants = new java.util.ArrayList<>(allocationsTotal);
            for (int index = 0; index < allocationsTotal; index++) {
                int allocation = index;
                grants.add(granting.submit(() -> commands.sendAndWait(new GrantAllocation(
                        SyntheticUsage.allocation(allocation), project, SyntheticUsage.POOL, FundingSource.GENCI,
                        GpuSeconds.of(GRANTED_GPU_SECONDS), SyntheticUsage.PERIOD_START, SyntheticUsage.PERIOD_END,
                        GrantAllocation.DEFAULT_OVER_CONSUMPTION_PERCENT, SyntheticUsage.account(allocation)))));
            }
            for (Future<?> grant : grants) {
                grant.get(GRANT_DEADLINE.toSeconds(), TimeUnit.SECONDS);
            }
        }
    }

    private static List<String> check(JdbcTemplate jdbc, ImportSummary summary, long recordsTotal, long expectedTotal,
                                      long[] expectedByAllocation) {
        List<String> failures = new java.util.ArrayList<>();
        if (summary.accepted() != recordsTotal || summary.duplicates() != 0 || summary.rejectedTotal() != 0) {
            failures.add("expected " + recordsTotal + " accepted, got " + summary);
        }
        if (summary.chargedGpuSeconds().value() != expectedTotal) {
            failures.add("charged " + summary.chargedGpuSeconds().value() + " GPU-seconds, expected " + expectedTotal);
        }
        long stored = count(jdbc, "SELECT count(*) FROM usage_record");
        if (stored != recordsTotal) {
            failures.add("usage_record holds " + stored + " rows, expected " + recordsTotal);
        }
        Map<String, Long> consumed = new HashMap<>();
        jdbc.query("SELECT allocation_id, consumed FROM allocation_balance",
                row -> {
                    consumed.put(row.getString(1), row.getLong(2));
                });
        for (int index = 0; index < expectedByAllocation.length; index++) {
            String id = SyntheticUsage.allocation(index).value();
            long actual = consumed.getOrDefault(id, -1L);
            if (actual != expectedByAllocation[index]) {
                failures.add("allocation " + id + " consumed " + actual + ", expected " + expectedByAllocation[index]);
            }
        }
        return failures;
    }

    private static MetaData benchMetadata() {
        return LedgerMetadata.by("bench", LedgerMetadata.Source.IMPORT).detail("ingest benchmark")
                .reason("benchmark").build();
    }

    private static void awaitValue(JdbcTemplate jdbc, String query, long expected, String what) throws InterruptedException {
        long deadline = System.nanoTime() + PROJECTION_DEADLINE.toNanos();
        long actual = count(jdbc, query);
        while (actual != expected) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(what + " is " + actual + " after " + PROJECTION_DEADLINE
                        + ", expected " + expected);
            }
            Thread.sleep(POLL_EVERY.toMillis());
            actual = count(jdbc, query);
        }
    }

    private static long count(JdbcTemplate jdbc, String query) {
        Number value = jdbc.queryForObject(query, Number.class);
        return value == null ? 0 : value.longValue();
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private static String withOptions(String url, String options) {
        if (options == null || options.isBlank()) {
            return url;
        }
        return url + (url.contains("?") ? "&" : "?") + options;
    }

    private static void deleteRecursively(Path folder) throws IOException {
        if (folder == null || !Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
