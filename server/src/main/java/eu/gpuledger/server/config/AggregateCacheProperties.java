package eu.gpuledger.server.config;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Aggregates kept in memory between commands ({@code ledger.cache.*}).
 *
 * @param allocationsMax allocations kept (strong references, the least recently used evicted): about 1 KB each plus
 *                       their idempotency maps, so the bound is a bound on memory
 */
@ConfigurationProperties("ledger.cache")
@Validated
public record AggregateCacheProperties(@DefaultValue("20000") @Min(1) @Max(1_000_000) int allocationsMax) {
}
