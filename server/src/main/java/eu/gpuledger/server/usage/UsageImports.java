package eu.gpuledger.server.usage;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import eu.gpuledger.ledger.allocation.SchedulerAccount;
import eu.gpuledger.ledger.catalogue.ClusterName;
import eu.gpuledger.ledger.catalogue.ProviderId;
import eu.gpuledger.ledger.directory.LedgerDirectory;
import eu.gpuledger.ledger.limits.LedgerLimits;
import eu.gpuledger.ledger.metadata.LedgerMetadata;
import eu.gpuledger.ledger.refusal.InvalidInput;
import eu.gpuledger.ledger.usage.ImportLimits;
import eu.gpuledger.ledger.usage.ImportTally;
import eu.gpuledger.ledger.usage.LineOutcome;
import eu.gpuledger.ledger.usage.ReportedUsage;
import eu.gpuledger.ledger.usage.TooManyLines;
import eu.gpuledger.ledger.usage.UsageRecordId;
import eu.gpuledger.ledger.usage.csv.BilledUsage;
import eu.gpuledger.ledger.usage.csv.BilledUsageReader;
import eu.gpuledger.ledger.usage.sacct.SacctJob;
import eu.gpuledger.ledger.usage.sacct.SacctReader;
import org.axonframework.messaging.MetaData;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The three ways usage comes in, all streaming (a file of a million lines is never held in memory) and all
 * booked through the same batches: sacct --parsable2 output, JSON usage records, and the billed-usage CSV of
 * private providers.
 * <p>
 * Bounded (docs/bounds.md, docs/ingestion.md): at most {@code ledger.limits.import-lines} lines (elements) a
 * request, each at most {@code ledger.limits.import-line-chars} characters (bytes of a JSON element). A longer
 * line is rejected on its own. Past the most lines, reading stops: what was read before is booked, and the import
 * ends with {@link ImportTooLarge} (413) that states it.
 * <p>
 * JSON records are judged one by one: an element that is not a valid record is rejected with its index (1 for
 * the first element) and the reason, and the others are read. A body that breaks off (cut, or not JSON from some
 * point) is read up to the break: the elements before it are booked and answered, and the break is answered as a
 * rejection of the element it falls in, naming the parse error. What the answer says was accepted is exactly what
 * is stored.
 */
@Component
public class UsageImports {

    private final LedgerDirectory directory;
    private final UsageBooking booking;
    private final ImportLimits limits;
    private final JsonFactory json;

    public UsageImports(LedgerDirectory directory, UsageBooking booking, ImportLimitProperties settings) {
        this.directory = directory;
        this.booking = booking;
        this.limits = settings.limits();
        int lineCharsMax = limits.lineCharsMax();
        // A string longer than a whole element, a number of more digits than any bound, nesting deeper than a flat
        // record needs: each stops the parser at once, with memory bounded (answered as the body's break).
        this.json = JsonFactory.builder().streamReadConstraints(StreamReadConstraints.builder()
                .maxStringLength(lineCharsMax).maxNumberLength(JSON_NUMBER_DIGITS_MAX)
                .maxNestingDepth(JSON_NESTING_MAX).build()).build();
    }

    /** Digits of a JSON number, at most: every bound of a record has fewer than 20. */
    private static final int JSON_NUMBER_DIGITS_MAX = 100;
    /** Nesting of JSON, at most: a record is flat; values nested deeper than this stop the parser. */
    private static final int JSON_NESTING_MAX = 32;

    public ImportLimits limits() {
        return limits;
    }

    /** sacct output of one cluster, Start and End in the cluster's declared time zone (UTC when undeclared). */
    public ImportTally sacct(InputStream body, ClusterName cluster, MetaData metadata) throws IOException {
        ImportTally tally = new ImportTally();
        UsageBooking.Batcher batcher = booking.batcher(tally, detail(metadata, "sacct of " + cluster));
        ZoneId zone = directory.clusterTimeZone(cluster).orElse(ZoneOffset.UTC);
        try (Reader text = new InputStreamReader(body, StandardCharsets.UTF_8);
             SacctReader reader = SacctReader.open(text, cluster, zone, limits)) {
            reader.stream().forEach(outcome -> {
                if (outcome instanceof LineOutcome.Read<SacctJob>(long line, SacctJob job)) {
                    batcher.add(new ReportedUsage.SlurmJob(line, job));
                } else {
                    tally.count(outcome);
                }
            });
        } catch (TooManyLines tooMany) {
            batcher.flush();
            throw new ImportTooLarge(tally.summary(), tooMany.linesMax(), tooMany.lastLineRead(), "lines");
        }
        batcher.flush();
        return tally;
    }

    /** The billed-usage CSV of private providers (docs/usage-csv-format.md). */
    public ImportTally billed(InputStream body, MetaData metadata) throws IOException {
        return billed(body, metadata, provider -> { });
    }

    /** {@link #billed(InputStream, MetaData)}, telling {@code seen} the provider of each line read (for the import log). */
    public ImportTally billed(InputStream body, MetaData metadata, java.util.function.Consumer<ProviderId> seen)
            throws IOException {
        ImportTally tally = new ImportTally();
        UsageBooking.Batcher batcher = booking.batcher(tally, detail(metadata, "billed usage CSV"));
        try (Reader text = new InputStreamReader(body, StandardCharsets.UTF_8);
             BilledUsageReader reader = BilledUsageReader.open(text, limits)) {
            reader.stream().forEach(outcome -> {
                if (outcome instanceof LineOutcome.Read<BilledUsage>(long line, BilledUsage usage)) {
                    seen.accept(usage.providerId());
                    batcher.add(new ReportedUsage.Billed(line, usage));
                } else {
                    tally.count(outcome);
                }
            });
        } catch (TooManyLines tooMany) {
            batcher.flush();
            throw new ImportTooLarge(tally.summary(), tooMany.linesMax(), tooMany.lastLineRead(), "lines");
        }
        batcher.flush();
        return tally;
    }

    /** A JSON array of usage records, read one element at a time; each charged as gpus × elapsedSeconds. */
    public ImportTally records(InputStream body, MetaData metadata) throws IOException {
        ImportTally tally = new ImportTally();
        UsageBooking.Batcher batcher = booking.batcher(tally, detail(metadata, "usage records"));
        try (JsonParser parser = json.createParser(body)) {
            JsonToken first;
            try {
                first = parser.nextToken();
            } catch (JsonProcessingException unreadable) {
                throw new InvalidInput("body", "is not JSON: " + unreadable.getOriginalMessage());
            }
            if (first != JsonToken.START_ARRAY) {
                throw new InvalidInput("body", "must be a JSON array of usage records");
            }
            long element = 0;
            boolean inElement = false;
            try {
                for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
                    if (token == null) {
                        tally.countRejected(element + 1, "the body ends before the array is closed (no ']'): "
                                + "nothing after element " + element + " was read");
                        break;
                    }
                    if (element >= limits.linesMax()) {
                        batcher.flush();
                        throw new ImportTooLarge(tally.summary(), limits.linesMax(), element, "elements");
                    }
                    element++;
                    inElement = true;
                    long start = offset(parser.currentTokenLocation());
                    if (token != JsonToken.START_OBJECT) {
                        parser.skipChildren();
                        tally.countRejected(element, "is not a usage record (a JSON object) but " + kindOf(token));
                        inElement = false;
                        continue;
                    }
                    JsonRecord record = JsonRecord.read(parser);
                    inElement = false;
                    long size = offset(parser.currentLocation()) - start;
                    if (size > limits.lineCharsMax()) {
                        tally.countRejected(element, "is " + size + " bytes long, more than "
                                + limits.lineCharsMax() + " (ledger.limits.import-line-chars)");
                        continue;
                    }
                    try {
                        batcher.add(fromJson(record, element));
                    } catch (IllegalArgumentException invalid) {
                        tally.countRejected(element, invalid.getMessage());
                    }
                }
            } catch (JsonProcessingException broken) {
                long at = inElement ? element : element + 1;
                JsonLocation where = broken.getLocation() != null ? broken.getLocation() : parser.currentLocation();
                tally.countRejected(at, "the body cannot be read from line " + where.getLineNr()
                        + ", column " + where.getColumnNr() + " (" + broken.getOriginalMessage()
                        + "): element " + at + " and anything after it were not read");
            }
        }
        batcher.flush();
        return tally;
    }

    private static long offset(JsonLocation location) {
        return location.getByteOffset() >= 0 ? location.getByteOffset() : location.getCharOffset();
    }

    private static String kindOf(JsonToken token) {
        return switch (token) {
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> token.asString() == null ? token.name() : token.asString();
        };
    }

    private static MetaData detail(MetaData metadata, String source) {
        return metadata.and(LedgerMetadata.SOURCE, LedgerMetadata.Source.IMPORT.name())
                .and(LedgerMetadata.SOURCE_DETAIL, source);
    }

    /**
     * Reads one record (API.md, Usage) into what the command side charges; throws IllegalArgumentException with the
     * reason naming the field. Whether its partition is a pool, its provider the pool's, and what it costs are the
     * command side's to decide.
     */
    private static ReportedUsage fromJson(JsonRecord json, long element) {
        json.assertReadable();
        UsageRecordId recordId = UsageRecordId.parse(json.required(JsonRecord.RECORD_ID), "recordId");
        ClusterName cluster = ClusterName.parse(json.required(JsonRecord.CLUSTER), "cluster");
        String partition = json.label(JsonRecord.PARTITION, true);
        String jobId = json.label(JsonRecord.JOB_ID, true);
        SchedulerAccount account = SchedulerAccount.parse(json.required(JsonRecord.ACCOUNT), "account");
        String user = json.label(JsonRecord.USER, false);
        long gpus = json.wholeNumber(JsonRecord.GPUS, LedgerLimits.JOB_GPUS_MAX);
        long elapsedSeconds = json.wholeNumber(JsonRecord.ELAPSED_SECONDS, LedgerLimits.JOB_ELAPSED_SECONDS_MAX);
        Instant end = json.instant(JsonRecord.END, true);
        Instant start = json.instant(JsonRecord.START, false);
        if (start != null && start.isAfter(end)) {
            throw new IllegalArgumentException("start " + start + " is after end " + end);
        }
        String providerId = json.text(JsonRecord.PROVIDER_ID);
        return new ReportedUsage.Measured(element, recordId, cluster, partition, jobId, account, user,
                Math.toIntExact(gpus), elapsedSeconds, start, end,
                providerId == null ? null : ProviderId.parse(providerId, "providerId"));
    }
}
