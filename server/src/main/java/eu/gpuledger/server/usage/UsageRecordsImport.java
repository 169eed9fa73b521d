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
import eu.gpuledger.ledger.usage.UsageRecord;
import eu.gpuledger.ledger.usage.UsageRecordId;
import org.axonframework.messaging.MetaData;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * POST /usage/records: a JSON array of usage records, read one element at a time (never the whole array in
 * memory), each charged as gpus × elapsedSeconds and booked in batches.
 */
@Component
public class UsageRecordsImport {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final LedgerDirectory directory;
    private final UsageBooking booking;

    public UsageRecordsImport(LedgerDirectory directory, UsageBooking booking) {
        this.directory = directory;
        this.booking = booking;
    }

    public ImportSummary run(InputStream body, MetaData metadata) throws IOException {
        ImportSummary summary = new ImportSummary();
        UsageBooking.Batcher batcher = booking.batcher(summary, metadata.and(LedgerMetadata.SOURCE_DETAIL, "usage records"));
        PoolLookup pools = new PoolLookup(directory);
        try (JsonParser parser = JSON.getFactory().createParser(body)) {
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                throw new IllegalArgumentException("the body must be a JSON array of usage records");
            }
            long line = 0;
            while (parser.nextToken() == JsonToken.START_OBJECT) {
                line++;
                JsonNode element = JSON.readTree(parser);
                try {
                    toRecord(element, line, pools, summary).ifPresent(batcher::add);
                } catch (IllegalArgumentException invalid) {
                    summary.reject(line, invalid.getMessage());
                }
            }
        }
        batcher.flush();
        return summary;
    }

    private static Optional<UsageRecord> toRecord(JsonNode element, long line, PoolLookup pools, ImportSummary summary) {
        ClusterName cluster = ClusterName.of(text(element, "cluster"));
        String partition = text(element, "partition");
        Optional<PoolEntry> pool = pools.of(cluster, partition);
        if (pool.isEmpty()) {
            throw new IllegalArgumentException(PoolLookup.noPool(cluster, partition));
        }
        if (element.hasNonNull("providerId") && !pool.get().providerId().value().equals(element.get("providerId").asText())) {
            throw new IllegalArgumentException("providerId " + element.get("providerId").asText() + " is not the provider of pool "
                    + pool.get().poolId() + " (" + pool.get().providerId() + ")");
        }
        long gpus = number(element, "gpus");
        long elapsedSeconds = number(element, "elapsedSeconds");
        if (!pool.get().charged()) {
            summary.uncharged();
            return Optional.empty();
        }
        if (elapsedSeconds == 0) {
            summary.zeroElapsed();
            return Optional.empty();
        }
        Instant end = instant(element, "end");
        Instant start = element.hasNonNull("start") ? instant(element, "start") : null;
        return Optional.of(new UsageRecord(UsageRecordId.of(text(element, "recordId")), cluster, text(element, "jobId"),
                SchedulerAccount.of(text(element, "account")), partition, pool.get().poolId(),
                element.hasNonNull("user") ? element.get("user").asText() : null, Math.toIntExact(gpus), start, end,
                elapsedSeconds, GpuSeconds.of(Math.multiplyExact(gpus, elapsedSeconds)), line));
    }

    private static String text(JsonNode element, String field) {
        JsonNode value = element.get(field);
        if (value == null || value.isNull() || value.asText().isBlank()) {
            throw new IllegalArgumentException(field + " is required");
        }
        return value.asText();
    }

    private static long number(JsonNode element, String field) {
        JsonNode value = element.get(field);
        if (value == null || !value.canConvertToExactIntegral() || value.asLong() < 0) {
            throw new IllegalArgumentException(field + " must be a whole number, zero or more");
        }
        return value.asLong();
    }

    private static Instant instant(JsonNode element, String field) {
        String value = text(element, field);
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException unparseable) {
            throw new IllegalArgumentException(field + " must be an ISO-8601 instant in UTC, got '" + value + "'");
        }
    }
}
