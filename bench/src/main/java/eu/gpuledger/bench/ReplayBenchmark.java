package eu.gpuledger.bench;

import eu.gpuledger.ledger.allocation.AllocationGranted;
import eu.gpuledger.ledger.allocation.AllocationId;
import eu.gpuledger.ledger.allocation.AllocationSupplemented;
import eu.gpuledger.ledger.allocation.Charge;
import eu.gpuledger.ledger.allocation.ConsumptionRecorded;
import eu.gpuledger.ledger.allocation.ConsumptionRefunded;
import eu.gpuledger.ledger.allocation.FundingSource;
import eu.gpuledger.ledger.allocation.SupplementId;
import eu.gpuledger.ledger.catalogue.CatalogueCommands.AddNormalisationFactor;
import eu.gpuledger.ledger.catalogue.CatalogueCommands.AddPrice;
import eu.gpuledger.ledger.catalogue.CatalogueCommands.DeclareCluster;
import eu.gpuledger.ledger.catalogue.CatalogueCommands.RegisterPool;
import eu.gpuledger.ledger.catalogue.CatalogueCommands.RegisterProvider;
import eu.gpuledger.ledger.catalogue.ClusterName;
import eu.gpuledger.ledger.catalogue.PoolId;
import eu.gpuledger.ledger.catalogue.ProviderId;
import eu.gpuledger.ledger.catalogue.ProviderKind;
import eu.gpuledger.ledger.project.AccessMode;
import eu.gpuledger.ledger.project.Audience;
import eu.gpuledger.ledger.project.ProjectId;
import eu.gpuledger.ledger.project.RegisterProject;
import eu.gpuledger.ledger.quantity.GpuSeconds;
import eu.gpuledger.ledger.quantity.NormalisationFactor;
import eu.gpuledger.ledger.quantity.PricePerGpuHour;
import eu.gpuledger.ledger.usage.RefundId;
import eu.gpuledger.ledger.usage.UsageRecordId;
import eu.gpuledger.projections.rebuild.ProjectionRebuilds;
import eu.gpuledger.projections.rebuild.RebuildProgress;
import eu.gpuledger.server.LedgerApplication;
import eu.gpuledger.server.database.DatabaseCreator;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import javax.sql.DataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code scripts/bench replay}: events per second rebuilding every projection from the event store, against a plain
 * read of the same rows (SELECT of the payloads) in the same run, on a fresh database of LEDGER_DB_URL's server or on
 * a fresh embedded PostgreSQL. The events are appended straight through the event storage engine in large batches
 * (a realistic mix: grants, usage batches of 1 to 3 jobs, supplements, refunds), not through commands, so that
 * setting up a million events takes under a minute.
 * <p>
 * The plain read and the rebuild are each measured three times and their medians compared.
 * <p>
 * Arguments: {@code [events]} (default 1,000,000). For trying changes on the same events without generating them
 * again (on LEDGER_DB_URL's server only): {@code -Dbench.keep=true} keeps the database, whose name the log shows,
 * and {@code -Dbench.database=NAME} measures on that database instead of a fresh one.
 */
public final class ReplayBenchmark {

    private static final int EVENTS_DEFAULT = 1_000_000;
    private static final boolean KEEP_DATABASE = Boolean.getBoolean("bench.keep");
    private static final String REUSED_DATABASE = System.getProperty("bench.database");
    private static final int EVENTS_MAX = 50_000_000;
    private static final int APPEND_BATCH = 5_000;
    private static final int ALLOCATIONS = 2_000;
    private static final int READ_FETCH_SIZE = 5_000;
    private static final int BASELINE_READS = 3;
    private static final int REBUILDS = 3;
    private static final Instant PERIOD_START = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant PERIOD_END = Instant.parse("2028-01-01T00:00:00Z");

    private ReplayBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0].replace("_", "")) : EVENTS_DEFAULT;
        if (events < 10_000 || events > EVENTS_MAX) {
            throw new IllegalArgumentException("events must be in [10000, " + EVENTS_MAX + "], got " + events);
        }
        System.setProperty("axoniq.update-checker.disabled", "true");
        Map<String, Object> properties = new HashMap<>();
        properties.put("spring.main.banner-mode", "off");
        properties.put("logging.level.root", "WARN");
        properties.put("logging.level.eu.gpuledger", "WARN");
        properties.put("logging.level.eu.gpuledger.projections.rebuild", "INFO"); // where a rebuild's time goes
        String server = System.getenv("LEDGER_DB_URL");
        String user = System.getenv().getOrDefault("LEDGER_DB_USER", "postgres");
        String password = System.getenv().getOrDefault("LEDGER_DB_PASSWORD", "");
        String database = null;
        Path dataDir = null;
        if (server != null && !server.isBlank()) {
            database = DatabaseCreator.withDatabase(server, REUSED_DATABASE != null ? REUSED_DATABASE
                    : "ledger_bench_" + UUID.randomUUID().toString().replace("-", ""));
            DatabaseCreator.createIfMissing(database, user, password);
            properties.put("ledger.db.url", database);
            properties.put("ledger.db.user", user);
            properties.put("ledger.db.password", password);
        } else {
            dataDir = Files.createTempDirectory("ledger-bench-");
            properties.put("ledger.db.url", "");
            properties.put("ledger.data-dir", dataDir.toString());
        }
        SpringApplication application = new SpringApplication(LedgerApplication.class);
        // A web application on a free port, as the ledger runs: its HTTP filters need the web layer's beans.
        properties.put("server.port", 0);
        // System properties, not defaults: application.yml reads LEDGER_DB_URL itself, and the benchmark must never
        // write into the database that variable names, only into the fresh one created beside it.
        properties.forEach((key, value) -> System.setProperty(key, String.valueOf(value)));
        try (ConfigurableApplicationContext context = application.run()) {
            run(context, events, database != null ? "PostgreSQL at " + database : "embedded PostgreSQL");
        } finally {
            if (database != null && !KEEP_DATABASE) {
                DatabaseCreator.dropIfExists(database, user, password);
            }
            if (dataDir != null) {
                deleteQuietly(dataDir);
            }
        }
        System.exit(0); // Axon's event store leaves a non-daemon janitor thread behind after the context closes
    }

    private static void run(ConfigurableApplicationContext context, int events, String where) throws Exception {
        EventProcessingConfiguration processing = context.getBean(EventProcessingConfiguration.class);
        processing.eventProcessors().values().stream()
                .filter(processor -> processor instanceof org.axonframework.eventhandling.StreamingEventProcessor)
                .forEach(EventProcessor::shutDown);
        if (REUSED_DATABASE == null) {
            generate(context, events);
        }
        DataSource dataSource = context.getBean(DataSource.class);
        try (Connection connection = dataSource.getConnection(); var statement = connection.createStatement()) {
            statement.execute("VACUUM ANALYZE domain_event_entry");
        }
        long rows = countRows(dataSource);
        System.out.printf("Replay benchmark on %s: %,d events in the store%n", where, rows);

        plainRead(dataSource); // warm-up: the same pages, cached, for both measurements
        // The plain read swings by a third from run to run on a shared machine: the median of three is the baseline.
        double[] readRates = new double[BASELINE_READS];
        long read = 0;
        for (int run = 0; run < BASELINE_READS; run++) {
            long readStart = System.nanoTime();
            read = plainRead(dataSource);
            readRates[run] = read / ((System.nanoTime() - readStart) / 1e9);
        }
        java.util.Arrays.sort(readRates);
        double readRate = readRates[BASELINE_READS / 2];
        System.out.printf("  plain read (SELECT payloads):   %,12d rows,   median of %d reads = %,10.0f rows/s"
                + " (slowest %,.0f, fastest %,.0f)%n", read, BASELINE_READS, readRate, readRates[0],
                readRates[BASELINE_READS - 1]);

        // A rebuild swings as much as the plain read: the median of three rebuilds of the same events is the result.
        ProjectionRebuilds rebuilds = context.getBean(ProjectionRebuilds.class);
        double[] rebuildRates = new double[REBUILDS];
        for (int run = 0; run < REBUILDS; run++) {
            long cpuStart = processCpuNanos();
            long postgresStart = postgresCpuNanos();
            long collectingStart = collectingMillis();
            long rebuildStart = System.nanoTime();
            RebuildProgress progress = rebuilds.rebuildNow(ProjectionRebuilds.ALL);
            double rebuildSeconds = (System.nanoTime() - rebuildStart) / 1e9;
            if (progress.phase() != RebuildProgress.Phase.COMPLETED) {
                throw new IllegalStateException("the rebuild failed: " + progress.failure());
            }
            double cpuSeconds = (processCpuNanos() - cpuStart) / 1e9;
            long postgresEnd = postgresCpuNanos();
            String postgresCpu = postgresStart < 0 || postgresEnd < 0 ? "not known"
                    : String.format("%.2f s (the machine's)", (postgresEnd - postgresStart) / 1e9);
            rebuildRates[run] = progress.eventsDone() / rebuildSeconds;
            System.out.printf("  rebuild all projections:        %,12d events in %7.2f s  = %,10.0f events/s"
                    + " (CPU time: Java's %.2f s, PostgreSQL's %s; Java's garbage collections %.2f s)%n",
                    progress.eventsDone(), rebuildSeconds, rebuildRates[run], cpuSeconds, postgresCpu,
                    (collectingMillis() - collectingStart) / 1e3);
        }
        java.util.Arrays.sort(rebuildRates);
        double rebuildRate = rebuildRates[REBUILDS / 2];
        System.out.printf("  median of %d rebuilds:                                       = %,10.0f events/s%n",
                REBUILDS, rebuildRate);
        System.out.printf("  ratio rebuild / plain read:     %.3f (target at least 0.3)%n", rebuildRate / readRate);
    }

    /** Catalogue and projects through commands (a few events), the allocations' events appended in batches. */
    private static void generate(ConfigurableApplicationContext context, int events) {
        CommandGateway commands = context.getBean(CommandGateway.class);
        ProviderId provider = ProviderId.of("bench-provider");
        PoolId pool = PoolId.of("bench-h100");
        commands.sendAndWait(new RegisterProvider(provider, "Bench", ProviderKind.PRIVATE, false, null));
        commands.sendAndWait(new DeclareCluster(ClusterName.of("bench"), provider, ZoneId.of("UTC")));
        commands.sendAndWait(new RegisterPool(pool, provider, ClusterName.of("bench"), "h100", "H100", 4, 96, true));
        NormalisationFactor factor = NormalisationFactor.of("4");
        PricePerGpuHour price = PricePerGpuHour.of("2.75");
        commands.sendAndWait(new AddNormalisationFactor(pool, PERIOD_START, factor));
        commands.sendAndWait(new AddPrice(pool, PERIOD_START, price));
        ProjectId project = ProjectId.of("bench-project");
        commands.sendAndWait(new RegisterProject(project, "Bench", "PI", "Org", Audience.STARTUP_SME, "AI",
                AccessMode.PAID));

        EventStorageEngine storage = context.getBean(EventStorageEngine.class);
        TransactionManager transactions = context.getBean(TransactionManager.class);
        long[] sequence = new long[ALLOCATIONS];
        List<DomainEventMessage<?>> batch = new ArrayList<>(APPEND_BATCH);
        java.util.Random random = new java.util.Random(42);
        long started = System.nanoTime();
        int remaining = events - 6;
        for (int i = 0; i < remaining; i++) {
            int allocation = i < ALLOCATIONS ? i : random.nextInt(ALLOCATIONS);
            AllocationId id = AllocationId.of("bench-alloc-" + allocation);
            long seq = sequence[allocation]++;
            Object payload;
            if (seq == 0) {
                payload = new AllocationGranted(id, project, pool, FundingSource.PRIVATE_CONTRACT,
                        GpuSeconds.ofHours(1_000_000), PERIOD_START, PERIOD_END, 25, null);
            } else {
                int dice = random.nextInt(100);
                if (dice < 2) {
                    payload = new AllocationSupplemented(id, SupplementId.of("s-" + i), GpuSeconds.ofHours(10), "more");
                } else if (dice < 5) {
                    payload = new ConsumptionRefunded(id, RefundId.of("r-" + i), UsageRecordId.of("u-" + (i - 1)),
                            GpuSeconds.of(60), jobEnd(random), factor, price, "node failure");
                } else {
                    List<Charge> charges = new ArrayList<>(3);
                    int jobs = 1 + random.nextInt(3);
                    for (int job = 0; job < jobs; job++) {
                        Instant end = jobEnd(random);
                        long elapsed = 60 + random.nextInt(7_200);
                        charges.add(new Charge(UsageRecordId.of("u-" + i + "-" + job), ClusterName.of("bench"),
                                i + "." + job, "user", "h100", 4, end.minusSeconds(elapsed), end, elapsed, factor, price));
                    }
                    payload = new ConsumptionRecorded(id, charges);
                }
            }
            batch.add(new GenericDomainEventMessage<>("Allocation", id.value(), seq, payload));
            if (batch.size() == APPEND_BATCH || i == remaining - 1) {
                List<DomainEventMessage<?>> toAppend = batch;
                transactions.executeInTransaction(() -> storage.appendEvents(toAppend));
                batch = new ArrayList<>(APPEND_BATCH);
            }
        }
        System.out.printf("Generated %,d events in %.1f s%n", events, (System.nanoTime() - started) / 1e9);
    }

    private static Instant jobEnd(java.util.Random random) {
        return PERIOD_START.plusSeconds(7_200 + random.nextInt(300 * 86_400));
    }

    /** Reads every event's index and payload, in order, as a projection replay must. */
    private static long plainRead(DataSource dataSource) throws Exception {
        long rows = 0;
        long bytes = 0;
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT global_index, payload FROM domain_event_entry ORDER BY global_index")) {
                select.setFetchSize(READ_FETCH_SIZE);
                try (ResultSet result = select.executeQuery()) {
                    while (result.next()) {
                        result.getLong(1);
                        bytes += result.getBytes(2).length;
                        rows++;
                    }
                }
            }
            connection.commit();
        }
        if (bytes == 0) {
            throw new IllegalStateException("read no payload bytes");
        }
        return rows;
    }

    /** Linux's clock ticks per second in /proc (USER_HZ), the same on every architecture Java runs on there. */
    private static final long TICKS_PER_SECOND = 100;

    /**
     * The CPU time of every PostgreSQL process of this machine (those that ended included: the postmaster's reaped
     * children's), or -1 where /proc cannot tell (not Linux). Meaningful when the server runs on this machine.
     */
    private static long postgresCpuNanos() {
        Path proc = Path.of("/proc");
        if (!Files.isDirectory(proc)) {
            return -1;
        }
        long ticks = 0;
        try (var processes = Files.list(proc)) {
            for (Path process : processes.filter(path -> path.getFileName().toString().chars()
                    .allMatch(Character::isDigit)).toList()) {
                String stat;
                try {
                    stat = Files.readString(process.resolve("stat"));
                } catch (java.io.IOException ended) {
                    continue;
                }
                int nameEnd = stat.lastIndexOf(')');
                if (nameEnd < 0 || !stat.substring(stat.indexOf('(') + 1, nameEnd).startsWith("postgres")) {
                    continue;
                }
                // after the name: state, ppid, ..., utime (14th field), stime, cutime, cstime
                String[] fields = stat.substring(nameEnd + 2).split(" ");
                for (int field = 11; field <= 14; field++) {
                    ticks += Long.parseLong(fields[field]);
                }
            }
        } catch (java.io.IOException | RuntimeException unreadable) {
            return -1;
        }
        return ticks * (1_000_000_000L / TICKS_PER_SECOND);
    }

    /** The time Java's garbage collectors took so far, in milliseconds (pauses and concurrent work alike). */
    private static long collectingMillis() {
        return java.lang.management.ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(java.lang.management.GarbageCollectorMXBean::getCollectionTime).filter(time -> time > 0)
                .sum();
    }

    /** CPU time of this whole process (every thread, the collector's too). */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static long countRows(DataSource dataSource) throws Exception {
        try (Connection connection = dataSource.getConnection(); var statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT count(*) FROM domain_event_entry")) {
            result.next();
            return result.getLong(1);
        }
    }

    private static void deleteQuietly(Path directory) {
        try (var paths = Files.walk(directory)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (java.io.IOException ignored) {
            // a temporary directory; the system cleans it up otherwise
        }
    }
}
