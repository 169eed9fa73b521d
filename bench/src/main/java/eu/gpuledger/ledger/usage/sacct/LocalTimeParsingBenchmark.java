package eu.gpuledger.ledger.usage.sacct;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.TimeUnit;

/**
 * sacct's local times ({@code 2026-10-25T02:30:00}, twice per line of an import): {@link ClusterLocalTime}'s reader
 * against java.time's. It lives in the package of the method it measures, which is not public.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class LocalTimeParsingBenchmark {

    private static final int SAMPLES = 1_024;
    private static final DateTimeFormatter SACCT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");

    private final String[] texts = new String[SAMPLES];
    private int next;

    @Setup
    public void samples() {
        LocalDateTime first = LocalDateTime.parse("2026-01-01T00:00:00");
        for (int index = 0; index < SAMPLES; index++) {
            texts[index] = first.plusSeconds(index * 7_919L).toString();
            if (texts[index].length() != 19) {
                texts[index] = texts[index] + ":00"; // LocalDateTime prints no seconds when they are zero
            }
        }
    }

    private int nextIndex() {
        next = (next + 1) & (SAMPLES - 1);
        return next;
    }

    @Benchmark
    public LocalDateTime hand_written_ClusterLocalTime() {
        return ClusterLocalTime.parse(texts[nextIndex()], "End", 3_600);
    }

    @Benchmark
    public LocalDateTime java_time_LocalDateTime_parse() {
        return LocalDateTime.parse(texts[nextIndex()]);
    }

    @Benchmark
    public LocalDateTime java_time_pattern() {
        return LocalDateTime.parse(texts[nextIndex()], SACCT);
    }
}
