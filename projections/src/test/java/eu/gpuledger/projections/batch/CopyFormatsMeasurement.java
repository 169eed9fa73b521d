package eu.gpuledger.projections.batch;

import eu.gpuledger.projections.support.ReadModelDatabase;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Collectors;

import static eu.gpuledger.projections.schema.Tables.JOURNAL_ENTRY;
import static eu.gpuledger.projections.schema.Tables.USAGE_DAILY;

/**
 * Binary COPY ({@link PostgresCopy}, hand-written) against PgJDBC's CopyManager with CSV text, on the same rows of
 * the two largest tables a rebuild writes (journal entries, daily usage), into empty tables without indexes as a
 * rebuild's shadows are: wall time, Java's CPU time to encode, PostgreSQL's CPU time to decode and store. Not a test
 * (it asserts nothing); run by hand, figures in docs/projection-rebuild.md:
 * <pre>
 * mvn -q -pl ledger,projections test-compile
 * java -cp "$(cat projections/target/test-classpath)" eu.gpuledger.projections.batch.CopyFormatsMeasurement
 * </pre>
 * (the class path from {@code mvn -pl projections dependency:build-classpath -Dmdep.includeScope=test
 * -Dmdep.outputFile=target/test-classpath} plus {@code projections/target/classes} and {@code test-classes}).
 */
public final class CopyFormatsMeasurement {

    private static final int SEND_BYTES = 256 * 1024;
    private static final int ROUNDS = 3;

    private record Entry(long globalIndex, int entry, long allocationNumber, String movement, long amount,
                         Instant effectiveAt, Instant recordedAt) {
    }

    private record Day(String allocationId, LocalDate day, long consumed, long refunded, BigDecimal normalisedConsumed,
                       BigDecimal normalisedRefunded, BigDecimal eurConsumed, BigDecimal eurRefunded, long jobs) {
    }

    private static final TableRow<Entry> ENTRY = TableRow.of(JOURNAL_ENTRY, Entry.class)
            .column(JOURNAL_ENTRY.GLOBAL_INDEX, Entry::globalIndex)
            .column(JOURNAL_ENTRY.ENTRY, Entry::entry)
            .column(JOURNAL_ENTRY.ALLOCATION_NO, Entry::allocationNumber)
            .column(JOURNAL_ENTRY.MOVEMENT, Entry::movement)
            .column(JOURNAL_ENTRY.AMOUNT, Entry::amount)
            .column(JOURNAL_ENTRY.EFFECTIVE_AT, Entry::effectiveAt)
            .column(JOURNAL_ENTRY.RECORDED_AT, Entry::recordedAt)
            .build();

    private static final TableRow<Day> DAY = TableRow.of(USAGE_DAILY, Day.class)
            .column(USAGE_DAILY.ALLOCATION_ID, Day::allocationId)
            .column(USAGE_DAILY.DAY, Day::day)
            .sum(USAGE_DAILY.CONSUMED, Day::consumed)
            .sum(USAGE_DAILY.REFUNDED, Day::refunded)
            .sum(USAGE_DAILY.NORMALISED_CONSUMED, Day::normalisedConsumed)
            .sum(USAGE_DAILY.NORMALISED_REFUNDED, Day::normalisedRefunded)
            .sum(USAGE_DAILY.EUR_CONSUMED, Day::eurConsumed)
            .sum(USAGE_DAILY.EUR_REFUNDED, Day::eurRefunded)
            .sum(USAGE_DAILY.JOBS, Day::jobs)
            .build();

    private CopyFormatsMeasurement() {
    }

    public static void main(String[] args) throws Exception {
        int entries = args.length > 0 ? Integer.parseInt(args[0]) : 2_000_000;
        int days = args.length > 1 ? Integer.parseInt(args[1]) : 500_000;
        DSLContext sql = ReadModelDatabase.create();
        System.out.printf("PostgreSQL %s%n", sql.fetchSingle("SHOW server_version").get(0));
        Random random = new Random(12);
        List<Entry> entryRows = new ArrayList<>(entries);
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        for (int i = 0; i < entries; i++) {
            Instant recorded = start.plusMillis(i * 37L + random.nextInt(1000)).plusNanos(random.nextInt(1000) * 1000L);
            entryRows.add(new Entry(1_000_000L + i, i % 3, 1 + random.nextInt(1000), i % 40 == 0 ? "GRANTED" : "CONSUMED",
                    random.nextInt(3_600_000), recorded.minusSeconds(random.nextInt(86_400)), recorded));
        }
        List<Day> dayRows = new ArrayList<>(days);
        BigDecimal[] factors = {new BigDecimal("1"), new BigDecimal("2.75"), new BigDecimal("0.5")};
        for (int i = 0; i < days; i++) {
            long consumed = random.nextInt(50_000_000);
            long refunded = i % 50 == 0 ? random.nextInt(100_000) : 0;
            BigDecimal factor = factors[i % factors.length];
            dayRows.add(new Day("allocation-" + (i % 1000), LocalDate.of(2026, 1, 1).plusDays(i / 1000), consumed,
                    refunded, factor.multiply(BigDecimal.valueOf(consumed)),
                    factor.multiply(BigDecimal.valueOf(refunded)),
                    BigDecimal.valueOf(consumed * 41_666_667L, 10), BigDecimal.valueOf(refunded * 41_666_667L, 10),
                    1 + random.nextInt(60)));
        }
        for (int round = 1; round <= ROUNDS; round++) {
            measure(sql, "journal_entry", entries, ENTRY, entryRows, round);
            measure(sql, "usage_daily", days, DAY, dayRows, round);
        }
    }

    private static <C> void measure(DSLContext sql, String name, int rows, TableRow<C> row, List<C> values,
                                    int round) throws Exception {
        Table<?> binaryTable = shadow(sql, row.table(), "_binary");
        Table<?> textTable = shadow(sql, row.table(), "_text");
        // alternate which goes first, so that neither always meets a warmer server
        boolean binaryFirst = round % 2 == 1;
        String first = binaryFirst ? timed(sql, () -> row.copy(sql, binaryTable, values)) : timed(sql,
                () -> csv(sql, textTable, row, values));
        String second = binaryFirst ? timed(sql, () -> csv(sql, textTable, row, values)) : timed(sql,
                () -> row.copy(sql, binaryTable, values));
        String binary = binaryFirst ? first : second;
        String text = binaryFirst ? second : first;
        long binaryRows = sql.fetchCount(binaryTable);
        long textRows = sql.fetchCount(textTable);
        String differences = sql.fetchValue("SELECT count(*) FROM ((TABLE {0} EXCEPT ALL TABLE {1})"
                + " UNION ALL (TABLE {1} EXCEPT ALL TABLE {0})) d", binaryTable, textTable).toString();
        System.out.printf("round %d %-13s %,d rows  binary: %s  csv: %s  (rows %d/%d, rows that differ: %s)%n",
                round, name, rows, binary, text, binaryRows, textRows, differences);
        sql.dropTable(binaryTable).execute();
        sql.dropTable(textTable).execute();
    }

    private static Table<?> shadow(DSLContext sql, Table<?> table, String suffix) {
        Table<?> shadow = new TableNames(suffix).of(table);
        sql.dropTableIfExists(shadow).execute();
        sql.execute("CREATE TABLE {0} (LIKE {1} INCLUDING ALL EXCLUDING INDEXES)", shadow, table);
        return shadow;
    }

    /** Wall time, this thread's CPU time and the server process's CPU time (from /proc, on this machine). */
    private static String timed(DSLContext sql, Runnable copy) throws Exception {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        int backend = sql.fetchSingle("SELECT pg_backend_pid()").get(0, Integer.class);
        long serverBefore = serverTicks(backend);
        long cpuBefore = threads.getCurrentThreadCpuTime();
        long wallBefore = System.nanoTime();
        sql.transaction(transaction -> copy.run());
        long wall = System.nanoTime() - wallBefore;
        long cpu = threads.getCurrentThreadCpuTime() - cpuBefore;
        long server = serverTicks(backend) - serverBefore;
        return String.format("%5d ms (Java %5d ms, PostgreSQL %5d ms)", wall / 1_000_000, cpu / 1_000_000,
                server * 10);
    }

    /** utime + stime of a local process, in clock ticks (10 ms on Linux); 0 where it cannot be read. */
    private static long serverTicks(int pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (Exception notLocal) {
            return 0;
        }
    }

    /** The same rows as CSV text, through PgJDBC's CopyManager, sent in the same buffer size as the binary COPY. */
    private static <C> void csv(DSLContext sql, Table<?> target, TableRow<C> row, List<C> values) {
        List<Field<?>> columns = Arrays.asList(row.table().fields());
        List<Function<? super C, ?>> getters = row.values();
        String copy = "COPY " + sql.render(target) + " (" + columns.stream()
                .map(column -> sql.render(DSL.name(column.getName()))).collect(Collectors.joining(", "))
                + ") FROM STDIN (FORMAT csv)";
        sql.connection(connection -> {
            CopyIn in = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(copy);
            StringBuilder text = new StringBuilder(SEND_BYTES + 4096);
            for (C value : values) {
                for (int column = 0; column < getters.size(); column++) {
                    if (column > 0) {
                        text.append(',');
                    }
                    appendCsv(text, getters.get(column).apply(value));
                }
                text.append('\n');
                if (text.length() >= SEND_BYTES) {
                    byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
                    in.writeToCopy(bytes, 0, bytes.length);
                    text.setLength(0);
                }
            }
            byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
            in.writeToCopy(bytes, 0, bytes.length);
            in.endCopy();
        });
    }

    private static void appendCsv(StringBuilder text, Object value) {
        switch (value) {
            case null -> {
            }
            case String string when string.isEmpty() || string.indexOf(',') >= 0 || string.indexOf('"') >= 0
                    || string.indexOf('\n') >= 0 || string.indexOf('\r') >= 0 ->
                    text.append('"').append(string.replace("\"", "\"\"")).append('"');
            case BigDecimal decimal -> text.append(decimal.toPlainString());
            case Boolean flag -> text.append(flag ? 't' : 'f');
            default -> text.append(value); // numbers, ISO dates and instants, plain strings
        }
    }
}
