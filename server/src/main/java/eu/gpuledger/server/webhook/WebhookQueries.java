package eu.gpuledger.server.webhook;

import com.fasterxml.jackson.annotation.JsonInclude;
import eu.gpuledger.ledger.refusal.InvalidInput;
import eu.gpuledger.ledger.refusal.UnknownReference;
import eu.gpuledger.server.schema.tables.records.WebhookDeliveryRecord;
import eu.gpuledger.server.schema.tables.records.WebhookRecord;
import eu.gpuledger.server.webhook.WebhookOutbox.DeliveryState;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import static eu.gpuledger.server.schema.Tables.WEBHOOK;
import static eu.gpuledger.server.schema.Tables.WEBHOOK_ATTEMPT;
import static eu.gpuledger.server.schema.Tables.WEBHOOK_DELIVERY;

/** The registrations as the API shows them (never a secret), their delivery log, and a redelivery. */
@Component
public class WebhookQueries {

    public static final int PAGE_LIMIT_DEFAULT = 50;
    public static final int PAGE_LIMIT_MAX = 500;
    public static final int WEBHOOKS_MAX = 10_000;

    private final DSLContext sql;
    private final Clock clock;

    public WebhookQueries(DSLContext sql, Clock clock) {
        this.sql = sql;
        this.clock = clock;
    }

    /** A registration without its secrets. */
    public record WebhookView(String webhookId, int version, String url, List<String> events,
                              @JsonInclude(JsonInclude.Include.NON_NULL) String providerId,
                              @JsonInclude(JsonInclude.Include.NON_NULL) String cluster, boolean enabled,
                              @JsonInclude(JsonInclude.Include.NON_NULL) String disabledCause,
                              @JsonInclude(JsonInclude.Include.NON_NULL) String disabledDetail,
                              boolean secretRotationInProgress, Instant registeredAt, Instant changedAt) {
    }

    public record Attempt(int attempt, Instant at, @JsonInclude(JsonInclude.Include.NON_NULL) Integer httpStatus,
                          @JsonInclude(JsonInclude.Include.NON_NULL) String error, long latencyMs) {
    }

    /** One notice to one webhook; {@code webhookMessageId} is the {@code webhook-id} header of every attempt. */
    public record Delivery(long deliveryId, String webhookMessageId, String type, String state, int attempts,
                           Instant createdAt, @JsonInclude(JsonInclude.Include.NON_NULL) Instant nextAttemptAt,
                           @JsonInclude(JsonInclude.Include.NON_NULL) Instant deliveredAt, List<Attempt> log) {
    }

    public record Page(List<Delivery> items, @JsonInclude(JsonInclude.Include.NON_NULL) String next) {
    }

    public Optional<WebhookView> find(String webhookId) {
        return sql.selectFrom(WEBHOOK).where(WEBHOOK.WEBHOOK_ID.eq(webhookId)).fetchOptional()
                .map(this::toView);
    }

    public List<WebhookView> list(Predicate<Optional<String>> readable) {
        return sql.selectFrom(WEBHOOK).orderBy(WEBHOOK.WEBHOOK_ID).limit(WEBHOOKS_MAX).fetch().stream()
                .filter(row -> readable.test(Optional.ofNullable(row.getProviderId()))).map(this::toView).toList();
    }

    /** The deliveries of a webhook, oldest first, each with its attempts; {@code after} is the previous page's next. */
    public Page deliveries(String webhookId, int limit, Optional<String> after) {
        if (limit < 1 || limit > PAGE_LIMIT_MAX) {
            throw new InvalidInput("limit", "must be between 1 and " + PAGE_LIMIT_MAX + ", got " + limit);
        }
        long afterId = after.map(cursor -> {
            try {
                return Long.parseLong(cursor);
            } catch (NumberFormatException notACursor) {
                throw new InvalidInput("after", "must be the next cursor of a previous page");
            }
        }).orElse(0L);
        List<WebhookDeliveryRecord> rows = sql.selectFrom(WEBHOOK_DELIVERY)
                .where(WEBHOOK_DELIVERY.WEBHOOK_ID.eq(webhookId)).and(WEBHOOK_DELIVERY.DELIVERY_ID.gt(afterId))
                .orderBy(WEBHOOK_DELIVERY.DELIVERY_ID).limit(limit + 1).fetch();
        List<WebhookDeliveryRecord> page = rows.subList(0, Math.min(limit, rows.size()));
        Map<Long, List<Attempt>> attempts = page.isEmpty() ? Map.of() : sql.selectFrom(WEBHOOK_ATTEMPT)
                .where(WEBHOOK_ATTEMPT.DELIVERY_ID.in(page.stream().map(WebhookDeliveryRecord::getDeliveryId).toList()))
                .orderBy(WEBHOOK_ATTEMPT.DELIVERY_ID, WEBHOOK_ATTEMPT.ATTEMPT).fetch().stream()
                .collect(Collectors.groupingBy(row -> row.getDeliveryId(), Collectors.mapping(row -> new Attempt(
                        row.getAttempt(), row.getStartedAt(), row.getHttpStatus(), row.getError(),
                        row.getLatencyMs()), Collectors.toList())));
        List<Delivery> items = page.stream().map(row -> new Delivery(row.getDeliveryId(), row.getNoticeId(),
                row.getNoticeType(), row.getState(), row.getAttempts(), row.getCreatedAt(),
                row.getState().equals(DeliveryState.PENDING.name()) ? row.getNextAttemptAt() : null,
                row.getDeliveredAt(), attempts.getOrDefault(row.getDeliveryId(), List.of()))).toList();
        String next = rows.size() > limit ? Long.toString(page.get(page.size() - 1).getDeliveryId()) : null;
        return new Page(items, next);
    }

    /**
     * A new attempt now, with the same {@code webhook-id}: the delivery is pending again, due at once. A delivery of
     * a disabled webhook is not sent (the webhook is enabled again by a PUT).
     */
    @Transactional
    public void redeliver(String webhookId, long deliveryId) {
        WebhookRecord webhook = sql.selectFrom(WEBHOOK).where(WEBHOOK.WEBHOOK_ID.eq(webhookId)).fetchOptional()
                .orElseThrow(() -> new UnknownReference("webhookId", webhookId));
        if (!webhook.getEnabled()) {
            throw new RedeliveryToADisabledWebhook(webhookId);
        }
        int updated = sql.update(WEBHOOK_DELIVERY).set(WEBHOOK_DELIVERY.STATE, DeliveryState.PENDING.name())
                .set(WEBHOOK_DELIVERY.NEXT_ATTEMPT_AT, clock.instant())
                .where(WEBHOOK_DELIVERY.DELIVERY_ID.eq(deliveryId)).and(WEBHOOK_DELIVERY.WEBHOOK_ID.eq(webhookId))
                .execute();
        if (updated == 0) {
            throw new UnknownReference("deliveryId", Long.toString(deliveryId));
        }
    }

    private WebhookView toView(WebhookRecord row) {
        Instant now = clock.instant();
        boolean rotating = row.getPreviousSecret() != null && row.getPreviousSecretValidUntil() != null
                && row.getPreviousSecretValidUntil().isAfter(now);
        return new WebhookView(row.getWebhookId(), row.getVersion(), row.getUrl(),
                Arrays.stream(row.getEvents().split(",")).filter(event -> !event.isEmpty()).toList(),
                row.getProviderId(), row.getCluster(), row.getEnabled(), row.getDisabledCause(),
                row.getDisabledDetail(), rotating, row.getRegisteredAt(), row.getChangedAt());
    }
}
