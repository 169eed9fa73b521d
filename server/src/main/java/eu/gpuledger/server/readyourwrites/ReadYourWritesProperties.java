package eu.gpuledger.server.readyourwrites;

import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * Read your writes ({@code ledger.read-your-writes.*}; docs/read-your-writes.md).
 *
 * @param waitMax the longest a write waits for the read models to have processed its events; then 503
 *                {@code read-models-behind}
 */
@ConfigurationProperties("ledger.read-your-writes")
@Validated
public record ReadYourWritesProperties(@DefaultValue("PT30S") @NotNull @DurationMin(millis = 1)
                                       @DurationMax(minutes = 10) Duration waitMax) {
}
