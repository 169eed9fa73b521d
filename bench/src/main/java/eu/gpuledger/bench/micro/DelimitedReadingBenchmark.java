package eu.gpuledger.bench.micro;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import eu.gpuledger.ledger.catalogue.ClusterName;
import eu.gpuledger.ledger.usage.DelimitedInput;
import eu.gpuledger.ledger.usage.ImportLimits;
import eu.gpuledger.ledger.usage.sacct.SacctReader;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
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
import java.io.StringReader;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Splitting a large sacct export ({@code --parsable2}: fields between {@code |}, no quoting) into the fields a reader
 * needs: the hand-written {@link DelimitedInput} (which makes a String of a field only when asked) against Jackson's
 * CSV reader and Apache Commons CSV (which make one of every field), each asked for the ten required columns of every
 * line; and, for scale, the whole {@link SacctReader} (splitting, classifying and parsing every line). 100,000 jobs
 * of three lines each (the job, its batch and extern steps), as sacct prints them.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
@State(Scope.Benchmark)
public class DelimitedReadingBenchmark {

    static final int JOBS = 100_000;
    private static final List<String> REQUIRED = SacctReader.REQUIRED_COLUMNS;
    private static final ImportLimits LIMITS = new ImportLimits(1_000_000, 16_384);

    private String text;
    private int[] requiredColumns;

    @Setup
    public void export() {
        StringBuilder out = new StringBuilder(JOBS * 3 * 110);
        out.append("JobID|JobIDRaw|Account|User|Partition|AllocTRES|ElapsedRaw|Start|End|State|ExitCode\n");
        for (int job = 0; job < JOBS; job++) {
            String id = Integer.toString(55_000_000 + job);
            String account = "acct" + job % 1_000 + "@h100";
            String start = "2026-10-12T" + twoDigits(job / 3600 % 24) + ":" + twoDigits(job / 60 % 60) + ":"
                    + twoDigits(job % 60);
            String end = "2026-10-13T" + twoDigits(job / 3600 % 24) + ":" + twoDigits(job / 60 % 60) + ":"
                    + twoDigits(job % 60);
            String tres = "billing=8,cpu=8,gres/gpu:h100=2,gres/gpu=2,mem=4000M,node=1";
            out.append(id).append('|').append(id).append('|').append(account).append("|amartin|gpu_p6|").append(tres)
                    .append("|86400|").append(start).append('|').append(end).append("|COMPLETED|0:0\n");
            for (String step : new String[] {".batch", ".extern"}) {
                out.append(id).append(step).append('|').append(id).append(step).append('|').append(account)
                        .append("|||").append(tres).append("|86400|").append(start).append('|').append(end)
                        .append("|COMPLETED|0:0\n");
            }
        }
        text = out.toString();
        String[] header = text.substring(0, text.indexOf('\n')).split("\\|");
        requiredColumns = REQUIRED.stream().mapToInt(name -> List.of(header).indexOf(name)).toArray();
    }

    private static String twoDigits(int value) {
        return value < 10 ? "0" + value : Integer.toString(value);
    }

    @Benchmark
    public long hand_written_DelimitedInput() {
        long characters = 0;
        try (DelimitedInput input = new DelimitedInput(new StringReader(text), '|', "sacct", REQUIRED, LIMITS)) {
            int[] columns = REQUIRED.stream().mapToInt(input::column).toArray();
            while (input.next()) {
                for (int column : columns) {
                    characters += input.field(column).length();
                }
            }
        }
        return characters;
    }

    @Benchmark
    public long jackson_dataformat_csv() throws IOException {
        CsvMapper mapper = new CsvMapper();
        mapper.enable(CsvParser.Feature.WRAP_AS_ARRAY);
        CsvSchema schema = CsvSchema.emptySchema().withColumnSeparator('|').withoutQuoteChar().withSkipFirstDataRow(true);
        long characters = 0;
        try (MappingIterator<String[]> rows = mapper.readerFor(String[].class).with(schema)
                .readValues(new StringReader(text))) {
            while (rows.hasNext()) {
                String[] row = rows.next();
                for (int column : requiredColumns) {
                    characters += row[column].length();
                }
            }
        }
        return characters;
    }

    @Benchmark
    public long apache_commons_csv() throws IOException {
        CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter('|').setQuote(null).setHeader()
                .setSkipHeaderRecord(true).get();
        long characters = 0;
        try (CSVParser parser = CSVParser.builder().setReader(new StringReader(text)).setFormat(format).get()) {
            for (CSVRecord record : parser) {
                for (int column : requiredColumns) {
                    characters += record.get(column).length();
                }
            }
        }
        return characters;
    }

    @Benchmark
    public long hand_written_whole_SacctReader() {
        try (SacctReader reader = SacctReader.open(new StringReader(text), ClusterName.of("bench"), ZoneOffset.UTC,
                LIMITS)) {
            return reader.stream().count();
        }
    }
}
