package eu.gpuledger.server.webhook;

import eu.gpuledger.ledger.metadata.LedgerMetadata;
import eu.gpuledger.ledger.webhook.WebhookCommands.DisableWebhook;
import eu.gpuledger.ledger.webhook.WebhookDisabled;
import eu.gpuledger.ledger.webhook.WebhookId;
import eu.gpuledger.ledger.webhook.WebhookPolicy;
import eu.gpuledger.ledger.webhook.WebhookSecret;
import eu.gpuledger.server.webhook.WebhookOutbox.DeliveryState;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

import static eu.gpuledger.server.schema.Tables.WEBHOOK;
import static eu.gpuledger.server.schema.Tables.WEBHOOK_ATTEMPT;
import static eu.gpuledger.server.schema.Tables.WEBHOOK_DELIVERY;

/**
 * Sends the due deliveries (docs/webhooks.md). Each round claims at most {@code sender-concurrency} due deliveries with
 * {@code SELECT … FOR UPDATE SKIP LOCKED} and leases them (their next attempt moves past the attempt's timeout) in a
 * short transaction, so that several nodes share the work without sending one delivery twice at once; then posts them
 * in parallel outside any transaction, and records each attempt and its outcome in another short one. A node that
 * stops mid-attempt leaves the lease to run out: the delivery is attempted again (at least once).
 */
@Component
public class WebhookSender implements SchedulingConfigurer, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(WebhookSender.class);
    static final int ERROR_CHARS_MAX = 500;

    private final DSLContext sql;
    private final TransactionTemplate transactions;
    private final CommandGateway commands;
    private final WebhookPolicy policy;
    private final WebhookProperties settings;
    private final RetrySchedule schedule;
    private final Clock clock;
    private final HttpClient http;
    private final ExecutorService senders;
    private final Map<AttemptEnd, Timer> attemptTimes = new EnumMap<>(AttemptEnd.class);

    /** How an attempt left its delivery: the tag of the attempts' timer, for an operator's dashboard. */
    enum AttemptEnd {
        DELIVERED, RETRIED, GONE, GIVEN_UP;

        String tag() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    public WebhookSender(DSLContext sql, TransactionTemplate transactions, CommandGateway commands,
                         WebhookPolicy policy, WebhookProperties settings, Clock clock, MeterRegistry meters) {
        this.sql = sql;
        this.transactions = transactions;
        this.commands = commands;
        this.policy = policy;
        this.settings = settings;
        this.schedule = new RetrySchedule(settings.retrySchedule(), settings.jitterPercent(), settings.retryAfterMax());
        this.clock = clock;
        this.senders = Executors.newFixedThreadPool(settings.senderConcurrency(),
                Thread.ofPlatform().name("webhook-sender-", 0).daemon(true).factory());
        // never a redirect: a receiver could send the ledger to an address the policy refuses
        this.http = HttpClient.newBuilder().connectTimeout(settings.attemptTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        for (AttemptEnd end : AttemptEnd.values()) {
            attemptTimes.put(end, Timer.builder("ledger.webhook.attempts")
                    .description("Attempts to deliver webhook notices: how each left its delivery, and its latency")
                    .tag("outcome", end.tag()).register(meters));
        }
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar tasks) {
        tasks.addFixedDelayTask(new FixedDelayTask(this::sendDue, settings.senderEvery(), settings.senderEvery()));
    }

    /** A due delivery, with what its attempt needs. */
    record Due(long deliveryId, String noticeId, String webhookId, String payload, int attempts, String url,
               List<WebhookSecret> secrets) {
    }

    /** How an attempt ended. */
    record Outcome(Integer httpStatus, String error, long latencyMs, Optional<Duration> retryAfter) {
        boolean delivered() {
            return httpStatus != null && httpStatus >= 200 && httpStatus < 300;
        }

        boolean gone() {
            return httpStatus != null && httpStatus == 410;
        }
    }

    /** One round: claims, sends and records at most {@code sender-concurrency} deliveries. @return how many */
    public int sendDue() {
        try {
            List<Due> due = claimDue();
            List<Future<?>> sent = new ArrayList<>(due.size());
            for (Due delivery : due) {
                sent.add(senders.submit(() -> record(delivery, attempt(delivery))));
            }
            for (Future<?> attempt : sent) {
                attempt.get();
            }
            return due.size();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return 0;
        } catch (Exception failed) {
            log.warn("a round of webhook deliveries failed; the leased ones are tried again when the lease ends", failed);
            return 0;
        }
    }

    List<Due> claimDue() {
        Instant now = clock.instant();
        return transactions.execute(status -> {
            List<Due> due = new ArrayList<>();
            for (Record row : sql.select(WEBHOOK_DELIVERY.DELIVERY_ID, WEBHOOK_DELIVERY.NOTICE_ID,
                            WEBHOOK_DELIVERY.WEBHOOK_ID, WEBHOOK_DELIVERY.PAYLOAD, WEBHOOK_DELIVERY.ATTEMPTS, WEBHOOK.URL,
                            WEBHOOK.SECRET, WEBHOOK.PREVIOUS_SECRET, WEBHOOK.PREVIOUS_SECRET_VALID_UNTIL)
                    .from(WEBHOOK_DELIVERY).join(WEBHOOK).on(WEBHOOK.WEBHOOK_ID.eq(WEBHOOK_DELIVERY.WEBHOOK_ID))
                    .where(WEBHOOK_DELIVERY.STATE.eq(DeliveryState.PENDING.name()))
                    .and(WEBHOOK_DELIVERY.NEXT_ATTEMPT_AT.le(now))
                    .and(WEBHOOK.ENABLED.isTrue())
                    .orderBy(WEBHOOK_DELIVERY.NEXT_ATTEMPT_AT, WEBHOOK_DELIVERY.DELIVERY_ID)
                    .limit(settings.senderConcurrency())
                    .forUpdate().of(WEBHOOK_DELIVERY).skipLocked()
                    .fetch()) {
                List<WebhookSecret> secrets = new ArrayList<>(2);
                secrets.add(WebhookSecret.of(row.get(WEBHOOK.SECRET)));
                Instant previousUntil = row.get(WEBHOOK.PREVIOUS_SECRET_VALID_UNTIL);
                if (row.get(WEBHOOK.PREVIOUS_SECRET) != null && previousUntil != null && previousUntil.isAfter(now)) {
                    secrets.add(WebhookSecret.of(row.get(WEBHOOK.PREVIOUS_SECRET)));
                }
                due.add(new Due(row.get(WEBHOOK_DELIVERY.DELIVERY_ID), row.get(WEBHOOK_DELIVERY.NOTICE_ID),
                        row.get(WEBHOOK_DELIVERY.WEBHOOK_ID), row.get(WEBHOOK_DELIVERY.PAYLOAD),
                        row.get(WEBHOOK_DELIVERY.ATTEMPTS), row.get(WEBHOOK.URL), List.copyOf(secrets)));
            }
            if (!due.isEmpty()) {
                // the lease: nobody else attempts these until the attempt has had its time, twice over
                sql.update(WEBHOOK_DELIVERY)
                        .set(WEBHOOK_DELIVERY.NEXT_ATTEMPT_AT, now.plus(settings.attemptTimeout().multipliedBy(2)))
                        .where(WEBHOOK_DELIVERY.DELIVERY_ID.in(due.stream().map(Due::deliveryId).toList()))
                        .execute();
            }
            return due;
        });
    }

    /** One attempt: the host's addresses checked against the policy, then one signed POST within the timeout. */
    Outcome attempt(Due delivery) {
        long started = System.nanoTime();
        try {
            URI url = URI.create(delivery.url());
            for (InetAddress address : InetAddress.getAllByName(url.getHost())) {
                Optional<String> refusal = policy.refusalOf(address);
                if (refusal.isPresent()) {
                    return failure("refused: " + url.getHost() + " resolves to a " + refusal.get(), started);
                }
            }
            long timestamp = clock.instant().getEpochSecond();
            HttpRequest request = HttpRequest.newBuilder(url).timeout(settings.attemptTimeout())
                    .header("content-type", "application/json")
                    .header("user-agent", "gpu-ledger-webhooks")
                    .header("webhook-id", delivery.noticeId())
                    .header("webhook-timestamp", Long.toString(timestamp))
                    .header("webhook-signature", WebhookSignature.header(delivery.secrets(), delivery.noticeId(),
                            timestamp, delivery.payload()))
                    .POST(HttpRequest.BodyPublishers.ofString(delivery.payload(), StandardCharsets.UTF_8))
                    .build();
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            return new Outcome(response.statusCode(), null, elapsedMs(started),
                    RetrySchedule.retryAfter(response.headers().firstValue("retry-after"), clock.instant()));
        } catch (UnknownHostException unknown) {
            return failure("unknown host: " + unknown.getMessage(), started);
        } catch (IOException | IllegalArgumentException failed) {
            return failure(failed.getClass().getSimpleName() + ": " + failed.getMessage(), started);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return failure("interrupted (the ledger is stopping)", started);
        }
    }

    private static Outcome failure(String error, long started) {
        return new Outcome(null, error.length() > ERROR_CHARS_MAX ? error.substring(0, ERROR_CHARS_MAX) : error,
                elapsedMs(started), Optional.empty());
    }

    private static long elapsedMs(long startedNanos) {
        return Duration.ofNanos(System.nanoTime() - startedNanos).toMillis();
    }

    /** Records the attempt; a 2xx delivers, a 410 disables the webhook, anything else waits for the next attempt. */
    void record(Due delivery, Outcome outcome) {
        Instant now = clock.instant();
        int attempts = delivery.attempts() + 1;
        Optional<Duration> pause = outcome.delivered() || outcome.gone() ? Optional.empty()
                : schedule.pauseAfter(attempts, outcome.retryAfter(), ThreadLocalRandom.current());
        AttemptEnd end = outcome.delivered() ? AttemptEnd.DELIVERED : outcome.gone() ? AttemptEnd.GONE
                : pause.isPresent() ? AttemptEnd.RETRIED : AttemptEnd.GIVEN_UP;
        transactions.executeWithoutResult(status -> {
            sql.insertInto(WEBHOOK_ATTEMPT)
                    .set(WEBHOOK_ATTEMPT.DELIVERY_ID, delivery.deliveryId())
                    .set(WEBHOOK_ATTEMPT.ATTEMPT, attempts)
                    .set(WEBHOOK_ATTEMPT.STARTED_AT, now.minusMillis(outcome.latencyMs()))
                    .set(WEBHOOK_ATTEMPT.HTTP_STATUS, outcome.httpStatus())
                    .set(WEBHOOK_ATTEMPT.ERROR, outcome.error())
                    .set(WEBHOOK_ATTEMPT.LATENCY_MS, outcome.latencyMs())
                    .execute();
            var update = sql.update(WEBHOOK_DELIVERY).set(WEBHOOK_DELIVERY.ATTEMPTS, attempts);
            switch (end) {
                case DELIVERED -> update.set(WEBHOOK_DELIVERY.STATE, DeliveryState.DELIVERED.name())
                        .set(WEBHOOK_DELIVERY.DELIVERED_AT, now);
                case GONE -> update.set(WEBHOOK_DELIVERY.STATE, DeliveryState.DISABLED.name());
                case RETRIED -> update.set(WEBHOOK_DELIVERY.NEXT_ATTEMPT_AT, now.plus(pause.orElseThrow()));
                case GIVEN_UP -> update.set(WEBHOOK_DELIVERY.STATE, DeliveryState.FAILED.name());
            }
            update.where(WEBHOOK_DELIVERY.DELIVERY_ID.eq(delivery.deliveryId()))
                    .and(WEBHOOK_DELIVERY.STATE.eq(DeliveryState.PENDING.name())).execute();
        });
        attemptTimes.get(end).record(Duration.ofMillis(outcome.latencyMs()));
        if (end == AttemptEnd.GONE) {
            disable(delivery.webhookId());
        }
    }

    /** 410 Gone: the receiver asks never to be sent to again (Standard Webhooks); a new PUT enables it. */
    private void disable(String webhookId) {
        try {
            commands.sendAndWait(GenericCommandMessage.asCommandMessage(new DisableWebhook(WebhookId.of(webhookId),
                            WebhookDisabled.Cause.GONE, "the receiver answered 410 Gone"))
                    .andMetaData(LedgerMetadata.by("ledger-webhooks", LedgerMetadata.Source.SCHEDULER)
                            .reason("410 Gone").build()));
        } catch (RuntimeException failed) {
            log.warn("could not disable webhook {} after a 410: {}", webhookId, failed.getMessage());
        }
    }

    @Override
    public void destroy() {
        senders.shutdownNow();
        http.shutdownNow();
    }
}
