package eu.gpuledger.server.usage;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import eu.gpuledger.ledger.allocation.SchedulerAccount;
import eu.gpuledger.ledger.catalogue.ClusterName;
import eu.gpuledger.ledger.directory.LedgerDirectory;
import eu.gpuledger.ledger.directory.LedgerDirectory.PoolEntry;
import eu.gpuledger.ledger.metadata.LedgerMetadata;
import eu.gpuledger.ledger.quantity.GpuSeconds;
import eu.gpuledger.ledger.refusal.InvalidInput;
import eu.gpuledger.ledger.usage.IgnoredReason;
import eu.gpuledger.ledger.usage.ImportTally;
import eu.gpuledger.ledger.usage.UsageRecord;
import eu.gpuledger.ledger.usage.UsageRecordId;
import eu.gpuledger.ledger.usage.charging.ChargedUsage;
import eu.gpuledger.ledger.usage.charging.UsageCharging;
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
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The three ways usage comes in, all streaming (a file of a million lines is never held in memory) and all
 * booked through the same batches: sacct --parsable2 output, JSON usage records, and the billed-usage CSV of
 * private providers.
 */
@Component
public class UsageImports {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final LedgerDirectory directory;
    private final UsageBooking booking;

    public UsageImports(LedgerDirectory directory, UsageBooking booking) {
        this.directory = directory;
        this.booking = booking;
    }

    /** sacct output of one cluster, Start and End in the cluster's declared time zone (UTC when undeclared). */
    public ImportTally sacct(InputStream body, ClusterName cluster, MetaData metadata) throws IOException {
        ImportTally tally = new ImportTally();
        UsageBooking.Batcher batcher = booking.batcher(tally, detail(metadata, "sacct of " + cluster));
        ZoneId zone = directory.clusterTimeZone(cluster).orElse(ZoneOffset.UTC);
        try (Reader text = new InputStreamReader(body, StandardCharsets.UTF_8);
             SacctReader reader = SacctReader.open(text, cluster, zone)) {
            UsageCharging.sacctJobs(reader.stream(), cluster, partition -> directory.poolOfPartition(cluster, partition), tally)
                    .forEach(charged -> batcher.add(fromSacct(charged)));
        }
        batcher.flush();
        return tally;
    }

    /** The billed-usage CSV of private providers (docs/usage-csv-format.md). */
    public ImportTally billed(InputStream body, MetaData metadata) throws IOException {
        ImportTally tally = new ImportTally();
        UsageBooking.Batcher batcher = booking.batcher(tally, detail(metadata, "billed usage CSV"));
        try (Reader text = new InputStreamReader(body, StandardCharsets.UTF_8);
             BilledUsageReader reader = BilledUsageReader.open(text)) {
            UsageCharging.billedUsage(reader.stream(), directory::pool, tally)
                    .forEach(charged -> batcher.add(fromBilled(charged)));
        }
        batcher.flush();
        return tally;
    }

    /** A JSON array of usage records, read one element at a time; each charged as gpus × elapsedSeconds. */
    public ImportTally records(InputStream body, MetaData metadata) throws IOException {
        ImportTally tally = new ImportTally();
        UsageBooking.Batcher batcher = booking.batcher(tally, detail(metadata, "usage records"));
        Map<String, Optional<PoolEntry>> pools = new HashMap<>();
        try (JsonParser parser = JSON.getFactory().createParser(body)) {
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                throw new InvalidInput("body", "must be a JSON array of usage records");
            }
            long element = 0;
            while (parser.nextToken() == JsonToken.START_OBJECT) {
                element++;
                JsonNode json = JSON.readTree(parser);
                try {
                    fromJson(json, element, pools, tally).ifPresent(batcher::add);
                } catch (IllegalArgumentException invalid) {
                    tally.countRejected(element, invalid.getMessage());
                }
            }
        }
        batcher.flush();
        return tally;
    }

    private static MetaData detail(MetaData metadata, String source) {
        return metadata.and(LedgerMetadata.SOURCE, LedgerMetadata.Source.IMPORT.name())
                .and(LedgerMetadata.SOURCE_DETAIL, source);
    }

    private static UsageRecord fromSacct(ChargedUsage<SacctJob> charged) {
        SacctJob job = charged.record();
        return new UsageRecord(job.recordId(), job.cluster(), job.jobIdRaw(), job.account(), job.partition(),
                charged.pool().poolId(), job.user(), charged.decision().chargedGpus(), job.start(), job.end(),
                job.elapsedSeconds(), charged.decision().gpuSeconds(), charged.lineNumber());
    }

    private static UsageRecord fromBilled(ChargedUsage<BilledUsage> charged) {
        BilledUsage usage = charged.record();
        PoolEntry pool = charged.pool();
        return new UsageRecord(usage.recordId(), pool.cluster(),
                usage.jobId() == null ? usage.recordId().value() : usage.jobId(), usage.account(), pool.partition(),
                pool.poolId(), usage.user(), charged.decision().chargedGpus(), usage.start(), usage.end(),
                Math.multiplyExact(usage.billedMinutes(), 60L), charged.decision().gpuSeconds(), charged.lineNumber());
    }

    private Optional<UsageRecord> fromJson(JsonNode json, long element, Map<String, Optional<PoolEntry>> pools,
                                           ImportTally tally) {
        ClusterName cluster = ClusterName.of(text(json, "cluster"));
        String partition = text(json, "partition");
        Optional<PoolEntry> pool = pools.computeIfAbsent(cluster.value() + "\u0000" + partition,
                key -> directory.poolOfPartition(cluster, partition));
        if (pool.isEmpty()) {
            throw new IllegalArgumentException("partition " + partition + " of cluster " + cluster
                    + " is not a pool of the catalogue");
        }
        if (json.hasNonNull("providerId") && !pool.get().providerId().value().equals(json.get("providerId").asText())) {
            throw new IllegalArgumentException("providerId " + json.get("providerId").asText()
                    + " is not the provider of pool " + pool.get().poolId() + " (" + pool.get().providerId() + ")");
        }
        long gpus = wholeNumber(json, "gpus");
        long elapsedSeconds = wholeNumber(json, "elapsedSeconds");
        Instant end = instant(json, "end");
        Instant start = json.hasNonNull("start") ? instant(json, "start") : null;
        if (!pool.get().charged()) {
            tally.countIgnored(IgnoredReason.UNCHARGED_POOL);
            return Optional.empty();
        }
        if (elapsedSeconds == 0) {
            tally.countIgnored(IgnoredReason.ZERO_ELAPSED);
            return Optional.empty();
        }
        return Optional.of(new UsageRecord(UsageRecordId.of(text(json, "recordId")), cluster, text(json, "jobId"),
                SchedulerAccount.of(text(json, "account")), partition, pool.get().poolId(),
                json.hasNonNull("user") ? json.get("user").asText() : null, Math.toIntExact(gpus), start, end,
                elapsedSeconds, GpuSeconds.of(Math.multiplyExact(gpus, elapsedSeconds)), element));
    }

    private static String text(JsonNode json, String field) {
        JsonNode value = json.get(field);
        if (value == null || value.isNull() || value.asText().isBlank()) {
            throw new IllegalArgumentException(field + " is required");
        }
        return value.asText();
    }

    private static long wholeNumber(JsonNode json, String field) {
        JsonNode value = json.get(field);
        if (value == null || !value.canConvertToExactIntegral() || value.asLong() < 0) {
            throw new IllegalArgumentException(field + " must be a whole number, zero or more");
        }
        return value.asLong();
    }

    private static Instant instant(JsonNode json, String field) {
        String value = text(json, field);
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException unparseable) {
            throw new IllegalArgumentException(field + " must be an ISO-8601 instant in UTC, got '" + value + "'");
        }
    }
}
