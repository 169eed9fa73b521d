package eu.gpuledger.server.webhook;

import eu.gpuledger.ledger.webhook.NoticeType;
import eu.gpuledger.server.schema.tables.records.WebhookAllocationRecord;
import org.jooq.DSLContext;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static eu.gpuledger.server.schema.Tables.WEBHOOK_ALLOCATION;

/**
 * EXPIRING notices: an allocation whose period ends within {@code ledger.webhooks.expiring-days} is announced once.
 * Time passing is no event, so a scheduled check looks for them; the notice's id is made of the allocation and its
 * period's end, so every round and every node derives the same notice, which the outbox enqueues once per webhook.
 */
@Component
public class ExpiringNotices implements SchedulingConfigurer {

    static final int ALLOCATIONS_PER_ROUND_MAX = 1_000;

    private final DSLContext sql;
    private final TransactionTemplate transactions;
    private final WebhookOutbox outbox;
    private final WebhookProperties settings;
    private final Clock clock;

    public ExpiringNotices(DSLContext sql, TransactionTemplate transactions, WebhookOutbox outbox,
                           WebhookProperties settings, Clock clock) {
        this.sql = sql;
        this.transactions = transactions;
        this.outbox = outbox;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar tasks) {
        tasks.addFixedDelayTask(new FixedDelayTask(this::announceExpiring, settings.expiringEvery(),
                settings.senderEvery()));
    }

    /** @return how many deliveries this round added */
    public int announceExpiring() {
        Instant now = clock.instant();
        Instant horizon = now.plus(Duration.ofDays(settings.expiringDays()));
        return transactions.execute(status -> {
            int added = 0;
            for (WebhookAllocationRecord allocation : sql.selectFrom(WEBHOOK_ALLOCATION)
                    .where(WEBHOOK_ALLOCATION.PERIOD_END.gt(now)).and(WEBHOOK_ALLOCATION.PERIOD_END.le(horizon))
                    .orderBy(WEBHOOK_ALLOCATION.PERIOD_END).limit(ALLOCATIONS_PER_ROUND_MAX).fetch()) {
                Map<String, Object> data = WebhookNotices.allocationData(allocation);
                data.put("daysBefore", settings.expiringDays());
                String noticeId = "msg_expiring_" + allocation.getAllocationId() + "_"
                        + allocation.getPeriodEnd().getEpochSecond();
                added += outbox.enqueue(new Notice(noticeId, NoticeType.EXPIRING, now, allocation.getProviderId(),
                        allocation.getCluster(), data), now);
            }
            return added;
        });
    }
}
