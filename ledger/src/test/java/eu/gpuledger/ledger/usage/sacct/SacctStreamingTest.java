package eu.gpuledger.ledger.usage.sacct;

import eu.gpuledger.ledger.quantity.GpuSeconds;
import eu.gpuledger.ledger.usage.ImportSummary;
import eu.gpuledger.ledger.usage.ImportTally;
import eu.gpuledger.ledger.usage.LineOutcome;
import eu.gpuledger.ledger.usage.UsagePools;
import eu.gpuledger.ledger.usage.charging.UsageChargingTest;
import eu.gpuledger.ledger.usage.ReportedUsage;
import org.junit.jupiter.api.Test;

import java.time.ZoneId;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** A million lines of sacct output pass through in one stream, never held: the reader stays a buffer ahead. */
class SacctStreamingTest {

    private static final long DATA_LINES = 1_000_000;
    private static final long CYCLES = DATA_LINES / GeneratedSacctOutput.LINES_PER_CYCLE;
    /** The reader may run ahead of the line it answers for by its buffer (64 KiB of ~130-character lines). */
    private static final long READ_AHEAD_LINES_MAX = 1_000;

    @Test
    void a_million_lines_are_read_one_at_a_time_and_counted() {
        GeneratedSacctOutput output = new GeneratedSacctOutput(DATA_LINES);
        ImportTally tally = new ImportTally();
        long[] readAheadMax = {0};
        long startedNanos = System.nanoTime();

        try (SacctReader reader = SacctReader.open(output, UsagePools.JEAN_ZAY, ZoneId.of("Europe/Paris"));
             Stream<LineOutcome<SacctJob>> outcomes = reader.stream()
                     .peek(outcome -> readAheadMax[0] = Math.max(readAheadMax[0],
                             output.linesProduced() - outcome.lineNumber()))) {
            UsageChargingTest.chargeAll(outcomes, job -> new ReportedUsage.SlurmJob(job.lineNumber(), job.record()),
                    tally);
        }

        long elapsedNanos = System.nanoTime() - startedNanos;
        System.out.printf("sacct import of %,d lines (read, classified, charged, counted): %,d ms, %,d lines/s%n",
                DATA_LINES + 1, elapsedNanos / 1_000_000, (DATA_LINES + 1) * 1_000_000_000L / elapsedNanos);

        assertThat(output.linesProduced()).isEqualTo(DATA_LINES + 1);
        assertThat(readAheadMax[0]).isLessThan(READ_AHEAD_LINES_MAX);
        ImportSummary summary = tally.summary();
        assertThat(summary.accepted()).isEqualTo(3 * CYCLES);
        assertThat(summary.ignored()).isEqualTo(new ImportSummary.Ignored(2 * CYCLES, CYCLES, CYCLES, 2 * CYCLES));
        assertThat(summary.rejectedTotal()).isEqualTo(CYCLES);
        assertThat(summary.rejected()).hasSize(ImportTally.REJECTIONS_KEPT_MAX);
        assertThat(summary.rejected().getFirst())
                .isEqualTo(new ImportSummary.Rejection(11, "ElapsedRaw '1h' is not a whole number of seconds"));
        // Each cycle: 2 H100 × 3600 s, 2 V100 (CPU share of 20 of 40 cores) × 600 s, 2 whole nodes of 4 H100 × 1800 s.
        assertThat(summary.chargedGpuSeconds()).isEqualTo(GpuSeconds.of((2 * 3600 + 2 * 600 + 8 * 1800) * CYCLES));
    }
}
