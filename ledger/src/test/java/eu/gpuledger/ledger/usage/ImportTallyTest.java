package eu.gpuledger.ledger.usage;

import eu.gpuledger.ledger.quantity.GpuSeconds;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ImportTallyTest {

    @Test
    void an_answer_lists_the_first_thousand_rejected_lines_and_counts_them_all() {
        ImportTally tally = new ImportTally();
        for (long line = 2; line < 2 + 5000; line++) {
            tally.count(new LineOutcome.Rejected<>(line, "ElapsedRaw 'x' is not a whole number of seconds"));
        }

        ImportSummary summary = tally.summary();

        assertThat(summary.rejected()).hasSize(ImportTally.REJECTIONS_KEPT_MAX);
        assertThat(summary.rejected().getFirst().line()).isEqualTo(2);
        assertThat(summary.rejectedTotal()).isEqualTo(5000);
        assertThat(summary.rejectionsTruncated()).isTrue();
    }

    @Test
    void accepted_duplicate_and_ignored_records_are_counted_apart() {
        ImportTally tally = new ImportTally();
        tally.countAccepted(GpuSeconds.of(7200));
        tally.countAccepted(GpuSeconds.of(1200));
        tally.countDuplicate();
        tally.count(new LineOutcome.Ignored<>(3, IgnoredReason.STEP, "1.batch"));
        tally.count(new LineOutcome.Ignored<>(4, IgnoredReason.NOT_FINAL, "2"));
        tally.count(new LineOutcome.Ignored<>(5, IgnoredReason.ZERO_ELAPSED, "3"));
        tally.countIgnored(IgnoredReason.UNCHARGED_POOL);
        tally.count(new LineOutcome.Read<>(6, "decided later"));

        ImportSummary summary = tally.summary();

        assertThat(summary.accepted()).isEqualTo(2);
        assertThat(summary.duplicates()).isEqualTo(1);
        assertThat(summary.ignored()).isEqualTo(new ImportSummary.Ignored(1, 1, 1, 1));
        assertThat(summary.rejected()).isEmpty();
        assertThat(summary.chargedGpuSeconds()).isEqualTo(GpuSeconds.of(8400));
    }
}
