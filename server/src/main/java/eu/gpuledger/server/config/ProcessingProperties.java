package eu.gpuledger.server.config;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The read models' pooled streaming processors ({@code ledger.processing.*}, STACK.md trap 5).
 *
 * @param batchSize events a processor handles in one transaction (docs/projection-batching.md)
 * @param segments  segments of each processor, and the most one node claims
 */
@ConfigurationProperties("ledger.processing")
@Validated
public record ProcessingProperties(@DefaultValue("500") @Min(1) @Max(100_000) int batchSize,
                                   @DefaultValue("2") @Min(1) @Max(256) int segments) {
}
