package eu.gpuledger.server.webhook;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;
import java.util.List;

/**
 * Webhooks ({@code ledger.webhooks.*}, docs/webhooks.md).
 *
 * @param allowedHosts          the host names deliveries may go to ({@code hooks.example.org}, {@code *.example.org})
 * @param developmentMode       allows {@code http://} and loopback receivers (a receiver on this machine)
 * @param allowPrivateAddresses allows receivers on private networks (10/8, 172.16/12, 192.168/16, fc00::/7)
 * @param secretOverlap         how long a rotated-out secret still signs deliveries beside the new one
 * @param attemptTimeout        the most one delivery attempt may take, connection included
 * @param retrySchedule         the pauses before each retry (Standard Webhooks: 5 s, 5 min, 30 min, 2 h, 5 h, 10 h,
 *                              14 h, 20 h, 24 h); a delivery that failed them all is FAILED
 * @param jitterPercent         each pause is moved at random by up to this share, so receivers that came back are not
 *                              hit by every sender at once
 * @param retryAfterMax         the longest {@code Retry-After} a receiver may ask for
 * @param senderEvery           how often a node looks for due deliveries
 * @param senderConcurrency     deliveries in flight at once on a node
 * @param expiringDays          an EXPIRING notice goes this many days before an allocation's period ends
 * @param expiringEvery         how often a node looks for allocations that enter that window
 */
@ConfigurationProperties("ledger.webhooks")
@Validated
public record WebhookProperties(@DefaultValue @NotNull @Size(max = 200) List<String> allowedHosts,
                                @DefaultValue("false") boolean developmentMode,
                                @DefaultValue("false") boolean allowPrivateAddresses,
                                @DefaultValue("P1D") @NotNull @DurationMin(days = 0) @DurationMax(days = 30)
                                Duration secretOverlap,
                                @DefaultValue("PT15S") @NotNull @DurationMin(millis = 100) @DurationMax(minutes = 5)
                                Duration attemptTimeout,
                                @DefaultValue({"PT5S", "PT5M", "PT30M", "PT2H", "PT5H", "PT10H", "PT14H", "PT20H",
                                        "PT24H"}) @NotNull @Size(max = 20) List<Duration> retrySchedule,
                                @DefaultValue("10") @Min(0) @Max(50) int jitterPercent,
                                @DefaultValue("PT24H") @NotNull @DurationMin(seconds = 1) @DurationMax(days = 2)
                                Duration retryAfterMax,
                                @DefaultValue("PT1S") @NotNull @DurationMin(millis = 50) @DurationMax(minutes = 10)
                                Duration senderEvery,
                                @DefaultValue("4") @Min(1) @Max(64) int senderConcurrency,
                                @DefaultValue("7") @Min(1) @Max(366) int expiringDays,
                                @DefaultValue("PT10M") @NotNull @DurationMin(millis = 100) @DurationMax(days = 1)
                                Duration expiringEvery) {
}
