package eu.gpuledger.server.config;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Snapshots of aggregates ({@code ledger.snapshots.*}).
 *
 * @param allocationThreshold events of an allocation between two of its snapshots
 */
@ConfigurationProperties("ledger.snapshots")
@Validated
public record SnapshotProperties(@DefaultValue("50") @Min(1) @Max(1_000_000) int allocationThreshold) {
}
