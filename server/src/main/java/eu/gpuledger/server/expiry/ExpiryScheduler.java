package eu.gpuledger.server.expiry;

import eu.gpuledger.ledger.allocation.AllocationCommands.ExpireAllocation;
import eu.gpuledger.ledger.allocation.AllocationId;
import eu.gpuledger.ledger.allocation.ExpiryPolicy;
import eu.gpuledger.ledger.directory.LedgerDirectory;
import eu.gpuledger.ledger.metadata.LedgerMetadata;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Expires allocations on time by itself. It asks the directory (in PostgreSQL, so it survives restarts and sees
 * what every node granted) which periods ended more than the grace period ago and sends ExpireAllocation for
 * each. Every node may run it: the command is idempotent, and two nodes racing on one allocation end with one
 * expiry (the other fails on the aggregate's sequence and finds it expired next time).
 */
@Component
public class ExpiryScheduler implements SchedulingConfigurer {

    static final int ALLOCATIONS_PER_ROUND_MAX = 500;
    private static final Logger log = LoggerFactory.getLogger(ExpiryScheduler.class);

    private final LedgerDirectory directory;
    private final CommandGateway commands;
    private final Clock clock;
    private final ExpiryPolicy policy;
    private final ExpiryProperties settings;

    public ExpiryScheduler(LedgerDirectory directory, CommandGateway commands, Clock clock, ExpiryProperties settings) {
        this.directory = directory;
        this.commands = commands;
        this.clock = clock;
        this.policy = new ExpiryPolicy(settings.grace());
        this.settings = settings;
    }

    /** A round every {@code ledger.expiry.every}, the first {@code ledger.expiry.initial-delay} after the start. */
    @Override
    public void configureTasks(ScheduledTaskRegistrar tasks) {
        tasks.addFixedDelayTask(new FixedDelayTask(this::expireDue, settings.every(), settings.initialDelay()));
    }

    /** @return how many allocations were expired in this round */
    public int expireDue() {
        Instant now = clock.instant();
        List<AllocationId> due = directory.dueForExpiry(policy.periodsEndedBefore(now), ALLOCATIONS_PER_ROUND_MAX);
        int expired = 0;
        for (AllocationId allocationId : due) {
            try {
                commands.sendAndWait(GenericCommandMessage.asCommandMessage(new ExpireAllocation(allocationId, now))
                        .andMetaData(LedgerMetadata.by("ledger-expiry", LedgerMetadata.Source.SCHEDULER)
                                .reason("period ended").build()));
                expired++;
            } catch (RuntimeException failed) {
                log.warn("could not expire allocation {} now, will try again: {}", allocationId, failed.getMessage());
            }
        }
        if (expired > 0) {
            log.info("expired {} allocation(s) whose period ended before {}", expired, policy.periodsEndedBefore(now));
        }
        return expired;
    }
}
