package eu.gpuledger.ledger.usage;

import eu.gpuledger.ledger.catalogue.ClusterName;
import eu.gpuledger.ledger.usage.sacct.SacctJob;
import eu.gpuledger.ledger.usage.sacct.SacctReader;
import org.junit.jupiter.api.Test;

import java.io.Reader;
import java.io.StringReader;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The import readers' bounds (ledger.limits.import-lines, ledger.limits.import-line-chars), at and past each. */
class BoundedImportLinesTest {

    private static final String HEADER =
            "JobID|JobIDRaw|Account|User|Partition|AllocTRES|ElapsedRaw|Start|End|State|Comment";
    private static final int LINE_CHARS_MAX = 300;

    @Test
    void a_line_of_exactly_the_longest_length_is_read_and_one_character_more_is_rejected_on_its_own() {
        String atTheBound = jobOfLength("1", LINE_CHARS_MAX);
        String pastTheBound = jobOfLength("2", LINE_CHARS_MAX + 1);
        List<LineOutcome<SacctJob>> outcomes = read(HEADER + "\n" + atTheBound + "\n" + pastTheBound + "\n"
                + jobOfLength("3", 120) + "\n", new ImportLimits(10, LINE_CHARS_MAX));

        assertThat(outcomes).hasSize(3);
        assertThat(outcomes.get(0)).isInstanceOf(LineOutcome.Read.class);
        assertThat(outcomes.get(1)).isEqualTo(new LineOutcome.Rejected<>(3,
                "the line is longer than 300 characters (ledger.limits.import-line-chars)"));
        assertThat(outcomes.get(2)).as("the line after the long one is read as usual")
                .isInstanceOf(LineOutcome.Read.class);
        assertThat(outcomes.get(2).lineNumber()).isEqualTo(4);
    }

    @Test
    void a_line_of_ten_million_characters_is_rejected_without_stopping_the_import() {
        String huge = jobOfLength("9", 10_000_000);
        List<LineOutcome<SacctJob>> outcomes = read(HEADER + "\r\n" + huge + "\r\n" + jobOfLength("3", 120),
                ImportLimits.DEFAULT);

        assertThat(outcomes).hasSize(2);
        assertThat(outcomes.get(0)).isInstanceOf(LineOutcome.Rejected.class);
        assertThat(((LineOutcome.Rejected<?>) outcomes.get(0)).reason()).contains("longer than 16384 characters");
        assertThat(outcomes.get(1)).isInstanceOf(LineOutcome.Read.class);
    }

    @Test
    void a_header_longer_than_the_longest_line_is_refused() {
        assertThatThrownBy(() -> read(HEADER + "|" + "Extra".repeat(100) + "\n", new ImportLimits(10, LINE_CHARS_MAX)))
                .isInstanceOf(UnreadableHeader.class).hasMessageContaining("longer than 300 characters");
    }

    @Test
    void the_most_lines_an_import_may_carry_are_read_and_one_more_ends_the_reading() {
        StringBuilder atTheBound = new StringBuilder(HEADER + "\n");
        for (int job = 1; job <= 5; job++) {
            atTheBound.append(jobOfLength(Integer.toString(job), 120)).append('\n');
        }
        assertThat(read(atTheBound.toString(), new ImportLimits(5, LINE_CHARS_MAX))).hasSize(5);

        String pastTheBound = atTheBound + jobOfLength("6", 120) + "\n";
        List<LineOutcome<SacctJob>> readBefore = new ArrayList<>();
        assertThatThrownBy(() -> readInto(pastTheBound, new ImportLimits(5, LINE_CHARS_MAX), readBefore))
                .isInstanceOfSatisfying(TooManyLines.class, tooMany -> {
                    assertThat(tooMany.linesMax()).isEqualTo(5);
                    assertThat(tooMany.lastLineRead()).isEqualTo(6);
                });
        assertThat(readBefore).as("every line up to the bound was read before").hasSize(5);
    }

    @Test
    void line_ends_of_every_kind_split_lines_also_across_the_reading_buffer() {
        // 65,536 characters fill the reader's buffer: put a \r\n across its edge.
        String first = jobOfLength("1", 120);
        String padding = "\n".repeat(65_536 - HEADER.length() - 1 - first.length() - 1 - 1);
        String text = HEADER + "\n" + first + "\n" + padding + "\r\n" + jobOfLength("2", 120) + "\r"
                + jobOfLength("3", 120);
        List<LineOutcome<SacctJob>> outcomes = read(text, ImportLimits.DEFAULT);

        assertThat(outcomes).hasSize(3);
        assertThat(outcomes).allMatch(outcome -> outcome instanceof LineOutcome.Read<?>);
        assertThat(outcomes.get(1).lineNumber()).as("\\r\\n is one line end").isEqualTo(4 + padding.length());
    }

    /** A completed job line padded (in its Comment field, which the reader does not read) to {@code length}. */
    private static String jobOfLength(String jobId, int length) {
        String line = jobId + "|" + jobId + "|abc@h100|amartin|gpu_p6|billing=8,cpu=8,gres/gpu=2,node=1|3600"
                + "|2026-10-12T08:00:00|2026-10-12T09:00:00|COMPLETED|";
        return line + "c".repeat(length - line.length());
    }

    private static List<LineOutcome<SacctJob>> read(String text, ImportLimits limits) {
        List<LineOutcome<SacctJob>> outcomes = new ArrayList<>();
        readInto(text, limits, outcomes);
        return outcomes;
    }

    private static void readInto(String text, ImportLimits limits, List<LineOutcome<SacctJob>> outcomes) {
        Reader reader = new StringReader(text);
        try (SacctReader sacct = SacctReader.open(reader, ClusterName.of("jean-zay"), ZoneOffset.UTC, limits)) {
            sacct.forEachRemaining(outcomes::add);
        }
    }
}
