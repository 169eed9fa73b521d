package eu.gpuledger.server.usage;

import eu.gpuledger.ledger.usage.RecordUsageBatch;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How imports are booked ({@code ledger.usage.*}; {@link UsageBooking}, docs/ingestion.md).
 *
 * @param batchSize      records a RecordUsageBatch (one transaction) holds, at most
 *                       {@link RecordUsageBatch#RECORDS_MAX}
 * @param groupingWindow records an import collects and groups by allocation before cutting them into batches, at
 *                       most {@link UsageBooking#WINDOW_RECORDS_MAX} (about 500 bytes each in memory)
 */
@ConfigurationProperties("ledger.usage")
@Validated
public record UsageProperties(@DefaultValue("10000") @Min(1) @Max(RecordUsageBatch.RECORDS_MAX) int batchSize,
                              @DefaultValue("50000") @Min(1) @Max(UsageBooking.WINDOW_RECORDS_MAX)
                              int groupingWindow) {

    /** A window smaller than a batch would cut every batch short. */
    @AssertTrue(message = "ledger.usage.grouping-window must be at least ledger.usage.batch-size")
    public boolean isGroupingWindowAtLeastTheBatchSize() {
        return groupingWindow >= batchSize;
    }
}
