package eu.gpuledger.server.webhook;

import eu.gpuledger.ledger.allocation.AllocationGranted;
import eu.gpuledger.ledger.allocation.AllocationResumed;
import eu.gpuledger.ledger.allocation.AllocationStandingChanged;
import eu.gpuledger.ledger.allocation.AllocationState;
import eu.gpuledger.ledger.allocation.AllocationSuspended;
import eu.gpuledger.ledger.allocation.Standing;
import eu.gpuledger.ledger.allocation.UsageThresholdCrossed;
import eu.gpuledger.ledger.directory.LedgerDirectory;
import eu.gpuledger.ledger.directory.PoolEntry;
import eu.gpuledger.ledger.webhook.NoticeType;
import eu.gpuledger.ledger.webhook.WebhookDisabled;
import eu.gpuledger.ledger.webhook.WebhookRegistered;
import eu.gpuledger.projections.quota.QuotaQueries;
import eu.gpuledger.projections.quota.QuotaQueries.Decision;
import eu.gpuledger.server.schema.tables.records.WebhookAllocationRecord;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import static eu.gpuledger.server.schema.Tables.WEBHOOK;
import static eu.gpuledger.server.schema.Tables.WEBHOOK_ALLOCATION;
import static eu.gpuledger.server.schema.Tables.WEBHOOK_DELIVERY;

/**
 * Derives the webhooks' notices from the events (docs/webhooks.md), in a tracking processor of its own whose token is
 * in the JDBC token store: each notice's deliveries are written in the transaction that moves the token past its event,
 * so a notice is never lost nor doubled across a restart. One segment, so that a registration and the notices after
 * it are handled in the order they were stored.
 * <p>
 * The rules, by name:
 * <ul>
 *     <li>{@code THRESHOLD_CROSSED}: each {@link UsageThresholdCrossed} (80%, 100%, the effective limit), which the
 *     write model emits once per upward crossing (OverConsumptionPolicy.noticesOf);</li>
 *     <li>{@code BLOCKED} / {@code UNBLOCKED}: the allocation's quota decision ({@link QuotaQueries#decisionOf}, the
 *     hooks' own rule) became DENY / stopped being DENY, through its standing or a suspension;</li>
 *     <li>{@code EXPIRING}: by time, not by an event ({@link ExpiringNotices}).</li>
 * </ul>
 */
@Component
@ProcessingGroup(WebhookNotices.PROCESSING_GROUP)
public class WebhookNotices {

    public static final String PROCESSING_GROUP = "webhook-notices";

    private final DSLContext sql;
    private final LedgerDirectory directory;
    private final WebhookOutbox outbox;

    public WebhookNotices(DSLContext sql, LedgerDirectory directory, WebhookOutbox outbox) {
        this.sql = sql;
        this.directory = directory;
        this.outbox = outbox;
    }

    @EventHandler
    void on(WebhookRegistered event, @Timestamp Instant at) {
        sql.insertInto(WEBHOOK)
                .set(WEBHOOK.WEBHOOK_ID, event.webhookId().value())
                .set(WEBHOOK.REGISTERED_AT, at)
                .set(webhookColumns(event, at))
                .onConflict(WEBHOOK.WEBHOOK_ID).doUpdate()
                .set(webhookColumns(event, at))
                .execute();
    }

    private static Map<org.jooq.Field<?>, Object> webhookColumns(WebhookRegistered event, Instant at) {
        Map<org.jooq.Field<?>, Object> columns = new LinkedHashMap<>();
        columns.put(WEBHOOK.VERSION, event.version());
        columns.put(WEBHOOK.URL, event.url());
        columns.put(WEBHOOK.SECRET, event.secret().value());
        columns.put(WEBHOOK.PREVIOUS_SECRET, event.previousSecret() == null ? null : event.previousSecret().value());
        columns.put(WEBHOOK.PREVIOUS_SECRET_VALID_UNTIL, event.previousSecretValidUntil());
        columns.put(WEBHOOK.EVENTS, event.events().stream().map(Enum::name)
                .collect(Collectors.joining(",", ",", ",")));
        columns.put(WEBHOOK.PROVIDER_ID, event.providerId() == null ? null : event.providerId().value());
        columns.put(WEBHOOK.CLUSTER, event.cluster() == null ? null : event.cluster().value());
        columns.put(WEBHOOK.ENABLED, true);
        columns.put(WEBHOOK.DISABLED_CAUSE, null);
        columns.put(WEBHOOK.DISABLED_DETAIL, null);
        columns.put(WEBHOOK.CHANGED_AT, at);
        return columns;
    }

    @EventHandler
    void on(WebhookDisabled event, @Timestamp Instant at) {
        sql.update(WEBHOOK).set(WEBHOOK.ENABLED, false).set(WEBHOOK.DISABLED_CAUSE, event.cause().name())
                .set(WEBHOOK.DISABLED_DETAIL, event.detail()).set(WEBHOOK.CHANGED_AT, at)
                .where(WEBHOOK.WEBHOOK_ID.eq(event.webhookId().value())).execute();
        sql.update(WEBHOOK_DELIVERY).set(WEBHOOK_DELIVERY.STATE, WebhookOutbox.DeliveryState.DISABLED.name())
                .where(WEBHOOK_DELIVERY.WEBHOOK_ID.eq(event.webhookId().value()))
                .and(WEBHOOK_DELIVERY.STATE.eq(WebhookOutbox.DeliveryState.PENDING.name())).execute();
    }

    /** Where the allocation is and whose account it is: its pool is in the directory, written with the pool. */
    @EventHandler
    void on(AllocationGranted event) {
        Optional<PoolEntry> pool = directory.pool(event.poolId());
        if (pool.isEmpty()) {
            throw new IllegalStateException("allocation " + event.allocationId() + " names pool " + event.poolId()
                    + ", which the directory does not hold");
        }
        sql.insertInto(WEBHOOK_ALLOCATION)
                .set(WEBHOOK_ALLOCATION.ALLOCATION_ID, event.allocationId().value())
                .set(WEBHOOK_ALLOCATION.PROVIDER_ID, pool.get().providerId().value())
                .set(WEBHOOK_ALLOCATION.CLUSTER, pool.get().cluster().value())
                .set(WEBHOOK_ALLOCATION.POOL_ID, event.poolId().value())
                .set(WEBHOOK_ALLOCATION.SCHEDULER_ACCOUNT,
                        event.schedulerAccount() == null ? null : event.schedulerAccount().value())
                .set(WEBHOOK_ALLOCATION.PERIOD_START, event.periodStart())
                .set(WEBHOOK_ALLOCATION.PERIOD_END, event.periodEnd())
                .set(WEBHOOK_ALLOCATION.STANDING, Standing.WITHIN_GRANT.name())
                .set(WEBHOOK_ALLOCATION.SUSPENDED, false)
                .onConflictDoNothing().execute();
    }

    @EventHandler
    void on(UsageThresholdCrossed event, EventMessage<?> message) {
        allocation(event.allocationId().value()).ifPresent(allocation -> {
            Map<String, Object> data = allocationData(allocation);
            data.put("threshold", event.threshold().name());
            data.put("netConsumedGpuSeconds", event.netConsumed().value());
            data.put("entitlementGpuSeconds", event.entitlement().value());
            notify(message, NoticeType.THRESHOLD_CROSSED, allocation, data);
        });
    }

    @EventHandler
    void on(AllocationStandingChanged event, EventMessage<?> message) {
        allocation(event.allocationId().value()).ifPresent(allocation -> changeDecision(message, allocation,
                event.to(), allocation.getSuspended(), "standing " + event.from() + " to " + event.to()));
    }

    @EventHandler
    void on(AllocationSuspended event, EventMessage<?> message) {
        allocation(event.allocationId().value()).ifPresent(allocation -> changeDecision(message, allocation,
                Standing.valueOf(allocation.getStanding()), true, "suspended: " + event.reason()));
    }

    @EventHandler
    void on(AllocationResumed event, EventMessage<?> message) {
        allocation(event.allocationId().value()).ifPresent(allocation -> changeDecision(message, allocation,
                Standing.valueOf(allocation.getStanding()), false, "resumed: " + event.reason()));
    }

    /**
     * BLOCKED when the allocation's quota decision becomes DENY, UNBLOCKED when it stops being DENY: the decision is
     * the hooks' own ({@link QuotaQueries#decisionOf}); expiry is left out (its notice is EXPIRING, before it).
     */
    private void changeDecision(EventMessage<?> message, WebhookAllocationRecord allocation, Standing standing,
                                boolean suspended, String cause) {
        Decision before = decisionOf(Standing.valueOf(allocation.getStanding()), allocation.getSuspended());
        Decision after = decisionOf(standing, suspended);
        allocation.setStanding(standing.name());
        allocation.setSuspended(suspended);
        sql.executeUpdate(allocation);
        if ((before == Decision.DENY) == (after == Decision.DENY)) {
            return;
        }
        Map<String, Object> data = allocationData(allocation);
        data.put("decision", after.name());
        data.put("cause", cause);
        notify(message, after == Decision.DENY ? NoticeType.BLOCKED : NoticeType.UNBLOCKED, allocation, data);
    }

    /**
     * Refused: replayed, the processor would find today's registrations already in its table and send them the notices
     * of years past (the ids would be the same, so nothing already enqueued is sent twice, but the rest is new).
     */
    @ResetHandler
    void refuseAReplay() {
        throw new IllegalStateException("the webhook notices are not replayed: a replay would send past notices to "
                + "the webhooks registered since (docs/webhooks.md)");
    }

    static Decision decisionOf(Standing standing, boolean suspended) {
        return QuotaQueries.decisionOf(AllocationState.of(false, suspended, standing));
    }

    private void notify(EventMessage<?> message, NoticeType type, WebhookAllocationRecord allocation,
                        Map<String, Object> data) {
        // one notice per event and type: the event's identifier makes its id, the same if it is handled again
        outbox.enqueue(new Notice("msg_" + type.name().toLowerCase() + "_" + message.getIdentifier(), type,
                message.getTimestamp(), allocation.getProviderId(), allocation.getCluster(), data),
                message.getTimestamp());
    }

    private Optional<WebhookAllocationRecord> allocation(String allocationId) {
        return sql.selectFrom(WEBHOOK_ALLOCATION).where(WEBHOOK_ALLOCATION.ALLOCATION_ID.eq(allocationId))
                .fetchOptional();
    }

    static Map<String, Object> allocationData(WebhookAllocationRecord allocation) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("allocationId", allocation.getAllocationId());
        data.put("providerId", allocation.getProviderId());
        data.put("cluster", allocation.getCluster());
        data.put("poolId", allocation.getPoolId());
        data.put("schedulerAccount", allocation.getSchedulerAccount());
        data.put("periodEnd", allocation.getPeriodEnd().toString());
        return data;
    }
}
