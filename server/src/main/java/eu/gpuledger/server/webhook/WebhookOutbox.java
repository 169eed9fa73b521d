package eu.gpuledger.server.webhook;

import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

import java.time.Instant;

import static eu.gpuledger.server.schema.Tables.WEBHOOK;
import static eu.gpuledger.server.schema.Tables.WEBHOOK_DELIVERY;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.val;

/**
 * Turns a notice into one delivery per matching webhook, in the caller's transaction (for the notices processor, the
 * transaction of its token: the event store is the outbox, docs/webhooks.md). A webhook matches when it is enabled,
 * subscribes to the notice's type and names no provider (no cluster) or the notice's. A notice already enqueued for a
 * webhook is not enqueued again.
 */
@Component
public class WebhookOutbox {

    private final DSLContext sql;

    public WebhookOutbox(DSLContext sql) {
        this.sql = sql;
    }

    /** @return how many deliveries were added */
    public int enqueue(Notice notice, Instant now) {
        return sql.insertInto(WEBHOOK_DELIVERY, WEBHOOK_DELIVERY.NOTICE_ID, WEBHOOK_DELIVERY.WEBHOOK_ID,
                        WEBHOOK_DELIVERY.NOTICE_TYPE, WEBHOOK_DELIVERY.PAYLOAD, WEBHOOK_DELIVERY.CREATED_AT,
                        WEBHOOK_DELIVERY.STATE, WEBHOOK_DELIVERY.ATTEMPTS, WEBHOOK_DELIVERY.NEXT_ATTEMPT_AT)
                .select(sql.select(val(notice.noticeId()), WEBHOOK.WEBHOOK_ID, val(notice.type().name()),
                                val(notice.payload()), val(now), inline(DeliveryState.PENDING.name()), inline(0),
                                val(now))
                        .from(WEBHOOK)
                        .where(WEBHOOK.ENABLED.isTrue())
                        .and(WEBHOOK.EVENTS.contains("," + notice.type().name() + ","))
                        .and(WEBHOOK.PROVIDER_ID.isNull().or(WEBHOOK.PROVIDER_ID.eq(notice.providerId())))
                        .and(WEBHOOK.CLUSTER.isNull().or(WEBHOOK.CLUSTER.eq(notice.cluster()))))
                .onConflict(WEBHOOK_DELIVERY.NOTICE_ID, WEBHOOK_DELIVERY.WEBHOOK_ID).doNothing()
                .execute();
    }

    /** Where a delivery is. */
    public enum DeliveryState {
        /** Waiting for its next attempt (or being attempted). */
        PENDING,
        /** A 2xx answer came. */
        DELIVERED,
        /** Every attempt of the schedule failed; a redelivery may still be asked. */
        FAILED,
        /** Its webhook was disabled before it was delivered. */
        DISABLED
    }
}
