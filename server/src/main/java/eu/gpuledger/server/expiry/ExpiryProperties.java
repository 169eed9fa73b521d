package eu.gpuledger.server.expiry;

import eu.gpuledger.ledger.allocation.ExpiryPolicy;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * When allocations expire, and how often the ledger looks for them ({@code ledger.expiry.*}).
 *
 * @param grace        how long after its period's end an allocation expires (late accounting still lands)
 * @param initialDelay how long after the start the first look is
 * @param every        the pause between two looks
 */
@ConfigurationProperties("ledger.expiry")
@Validated
public record ExpiryProperties(@DefaultValue(ExpiryPolicy.DEFAULT_GRACE_TEXT) @NotNull @DurationMin(days = 0)
                               @DurationMax(days = 3_660) Duration grace,
                               @DefaultValue("PT10S") @NotNull @DurationMin(days = 0) @DurationMax(days = 1)
                               Duration initialDelay,
                               @DefaultValue("PT1M") @NotNull @DurationMin(millis = 100) @DurationMax(days = 1)
                               Duration every) {
}
