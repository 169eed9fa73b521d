package eu.gpuledger.server.deadletter;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The bounds of each read model's dead-letter queue ({@code ledger.dead-letters.*}; docs/dead-letters.md): past
 * either, the read model stops and retries (health DOWN) rather than drop an event.
 *
 * @param maxSequences    aggregates (sequences) a read model's queue parks at most
 * @param maxSequenceSize events parked behind one aggregate's dead letter at most
 */
@ConfigurationProperties("ledger.dead-letters")
@Validated
public record DeadLetterProperties(@DefaultValue("1024") @Min(1) @Max(1_000_000) int maxSequences,
                                   @DefaultValue("1024") @Min(1) @Max(1_000_000) int maxSequenceSize) {
}
