package eu.gpuledger.server.eventstore;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
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

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.TimeUnit;

/**
 * Reading the instants of stored events (ISO-8601 UTC, as Jackson writes them): {@link IsoInstants} against
 * java.time's own parsers, bare and inside Jackson (the JavaTimeModule's reader against {@link IsoInstantDeserializer}).
 * It lives in the package of the classes it measures, which are not public.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class InstantParsingBenchmark {

    private static final int SAMPLES = 1_024;

    private final String[] texts = new String[SAMPLES];
    private final byte[][] jsons = new byte[SAMPLES][];
    private int next;
    private ObjectReader javaTime;
    private ObjectReader handWritten;

    @Setup
    public void samples() {
        Instant first = Instant.parse("2026-01-01T00:00:00Z");
        for (int index = 0; index < SAMPLES; index++) {
            // whole seconds and fractions, as events hold them (job ends, and timestamps with their nanoseconds)
            Instant instant = first.plusSeconds(index * 7_919L).plusNanos(index % 3 == 0 ? 0 : index * 1_000_003L);
            texts[index] = instant.toString();
            jsons[index] = ("\"" + instant + "\"").getBytes(StandardCharsets.UTF_8);
        }
        javaTime = new ObjectMapper().registerModule(new JavaTimeModule()).readerFor(Instant.class);
        handWritten = new ObjectMapper().registerModule(new JavaTimeModule())
                .registerModule(new SimpleModule().addDeserializer(Instant.class, new IsoInstantDeserializer()))
                .readerFor(Instant.class);
    }

    private int nextIndex() {
        next = (next + 1) & (SAMPLES - 1);
        return next;
    }

    @Benchmark
    public Instant hand_written_IsoInstants() {
        return IsoInstants.parseUtc(texts[nextIndex()]);
    }

    @Benchmark
    public Instant java_time_Instant_parse() {
        return Instant.parse(texts[nextIndex()]);
    }

    @Benchmark
    public Instant java_time_ISO_INSTANT() {
        return DateTimeFormatter.ISO_INSTANT.parse(texts[nextIndex()], Instant::from);
    }

    @Benchmark
    public Instant jackson_JavaTimeModule() throws IOException {
        return javaTime.readValue(jsons[nextIndex()]);
    }

    @Benchmark
    public Instant jackson_hand_written_IsoInstantDeserializer() throws IOException {
        return handWritten.readValue(jsons[nextIndex()]);
    }
}
