package eu.gpuledger.server.config;

import eu.gpuledger.ledger.allocation.ClawbackPolicy;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * The claw-back rule's notice ({@code ledger.clawback.*}; DOMAIN.md rule 6, {@link ClawbackPolicy}).
 *
 * @param requiredNotice how long before a claw-back the under-consumption warning must be
 */
@ConfigurationProperties("ledger.clawback")
@Validated
public record ClawbackProperties(@DefaultValue(ClawbackPolicy.DEFAULT_NOTICE_TEXT) @NotNull @DurationMin(days = 0)
                                 @DurationMax(days = 3_660) Duration requiredNotice) {

    public ClawbackPolicy policy() {
        return new ClawbackPolicy(requiredNotice);
    }
}
