package eu.gpuledger.ledger.usage;

import eu.gpuledger.ledger.allocation.Allocation;
import eu.gpuledger.ledger.allocation.AllocationCommands.RecordConsumption;
import eu.gpuledger.ledger.allocation.AllocationId;
import eu.gpuledger.ledger.allocation.Charge;
import eu.gpuledger.ledger.quantity.GpuSeconds;
import eu.gpuledger.ledger.quantity.NormalisationFactor;
import eu.gpuledger.ledger.quantity.PricePerGpuHour;
import eu.gpuledger.ledger.usage.UsageBatchOutcome.Rejection;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Books a batch of usage records exactly once. Everything happens in the command's unit of work, so in one
 * transaction: the usage store rows that make each job unique, and the ConsumptionRecorded events of every
 * allocation concerned. A concurrent import of an overlapping file either waits on the same keys and then sees
 * them as duplicates, or fails on an allocation's (aggregate, sequence) key and is retried whole; a crash leaves
 * either the whole batch or none of it.
 */
@Component
public class UsageBatchHandler {

    private final UsageStore store;
    private final AllocationResolver resolver;
    private final org.axonframework.config.Configuration axon;
    private final Clock clock;

    public UsageBatchHandler(UsageStore store, AllocationResolver resolver,
                             org.axonframework.config.Configuration axon, Clock clock) {
        this.store = store;
        this.resolver = resolver;
        this.axon = axon;
        this.clock = clock;
    }

    @CommandHandler
    public UsageBatchOutcome handle(RecordUsageBatch command) {
        List<Rejection> rejected = new ArrayList<>();
        Map<UsageRecord, AllocationResolver.Resolved> resolved = resolver.resolve(command.records());
        List<UsageRecord> matched = new ArrayList<>(resolved.size());
        List<UsageRecord> unmatched = new ArrayList<>();
        for (UsageRecord record : command.records()) {
            if (resolved.containsKey(record)) {
                matched.add(record);
            } else {
                unmatched.add(record);
            }
        }
        Set<UsageRecordId> inserted = store.insertNew(matched, resolved);
        long duplicates = 0;
        Map<UsageRecordId, Long> earlierHashes = store.hashesOf(notIn(matched, inserted));
        Set<UsageRecordId> seenInBatch = new HashSet<>();
        Map<AllocationId, List<Charge>> charges = new LinkedHashMap<>();
        GpuSeconds charged = GpuSeconds.ZERO;
        for (UsageRecord record : matched) {
            if (inserted.contains(record.recordId()) && seenInBatch.add(record.recordId())) {
                AllocationResolver.Resolved target = resolved.get(record);
                charges.computeIfAbsent(target.allocationId(), id -> new ArrayList<>())
                        .add(toCharge(record, target.factor(), target.price()));
                charged = charged.plus(record.gpuSeconds());
            } else {
                Long earlier = earlierHashes.get(record.recordId());
                if (earlier == null) {
                    earlier = store.hashOf(record.recordId()); // a duplicate within the batch itself
                }
                if (earlier != null && earlier == record.contentHash()) {
                    duplicates++;
                } else {
                    rejected.add(new Rejection(record.line(), record.recordId(), "job " + record.jobId()
                            + " of cluster " + record.cluster() + " was already recorded with different content;"
                            + " it is not charged twice (refund or correct the first record instead)"));
                }
            }
        }
        Repository<Allocation> allocations = axon.repository(Allocation.class);
        charges.forEach((allocationId, batch) -> allocations.load(allocationId.value())
                .execute(allocation -> allocation.handle(new RecordConsumption(allocationId, batch))));
        for (UsageRecord record : unmatched) {
            String reason = resolver.whyUnmatched(record);
            rejected.add(new Rejection(record.line(), record.recordId(), reason + " (kept; retried when the allocation exists)"));
        }
        store.keepUnmatched(unmatched, resolver::whyUnmatched, clock.instant());
        store.forgetUnmatched(inserted);
        long accepted = charges.values().stream().mapToLong(List::size).sum();
        return new UsageBatchOutcome(accepted, duplicates, rejected, charged);
    }

    private static Set<UsageRecordId> notIn(List<UsageRecord> records, Set<UsageRecordId> inserted) {
        Set<UsageRecordId> others = new HashSet<>();
        for (UsageRecord record : records) {
            if (!inserted.contains(record.recordId())) {
                others.add(record.recordId());
            }
        }
        return others;
    }

    private static Charge toCharge(UsageRecord record, NormalisationFactor factor, PricePerGpuHour price) {
        return new Charge(record.recordId(), record.cluster(), record.jobId(), record.user(), record.partition(),
                record.chargedGpus(), record.start(), record.end(), record.elapsedSeconds(), record.gpuSeconds(),
                factor, price);
    }

}
