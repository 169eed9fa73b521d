package eu.gpuledger.ledger.usage;

import eu.gpuledger.ledger.access.Actor;
import eu.gpuledger.ledger.access.CommandAccess;
import eu.gpuledger.ledger.access.Role;
import eu.gpuledger.ledger.catalogue.PoolId;
import org.axonframework.messaging.MetaData;

import eu.gpuledger.ledger.allocation.Allocation;
import eu.gpuledger.ledger.allocation.AllocationCommands.RecordConsumption;
import eu.gpuledger.ledger.allocation.AllocationId;
import eu.gpuledger.ledger.allocation.Charge;
import eu.gpuledger.ledger.catalogue.ClusterName;
import eu.gpuledger.ledger.directory.Directory;
import eu.gpuledger.ledger.limits.LedgerLimits;
import eu.gpuledger.ledger.quantity.GpuSeconds;
import eu.gpuledger.ledger.quantity.NormalisationFactor;
import eu.gpuledger.ledger.quantity.PricePerGpuHour;
import eu.gpuledger.ledger.usage.UsageBatchOutcome.Rejection;
import eu.gpuledger.ledger.usage.charging.UsageCharging;
import eu.gpuledger.ledger.usage.charging.UsageCharging.Outcome;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.Repository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Charges a batch of reported jobs by the charging rules ({@link UsageCharging}, on the pools of the directory) and
 * books what they cost exactly once. Everything happens in the command's unit of work, so in one transaction: the
 * usage store rows that make each job unique, and the ConsumptionRecorded events of every allocation concerned. A concurrent import of an overlapping file either waits on the same keys and then sees
 * them as duplicates, or fails on an allocation's (aggregate, sequence) key and is retried whole; a crash leaves
 * either the whole batch or none of it (docs/ingestion.md).
 * <p>
 * Lock order: the usage store rows are inserted in record id order and the allocations are charged in allocation
 * id order, so two batches that share keys or allocations wait for each other instead of deadlocking.
 */
@Component
public class UsageBatchHandler {

    private static final Logger log = LoggerFactory.getLogger(UsageBatchHandler.class);

    private final UsageStore store;
    private final AllocationResolver resolver;
    private final Directory directory;
    private final org.axonframework.config.Configuration axon;
    private final Clock clock;

    public UsageBatchHandler(UsageStore store, AllocationResolver resolver, Directory directory,
                             org.axonframework.config.Configuration axon, Clock clock) {
        this.store = store;
        this.resolver = resolver;
        this.directory = directory;
        this.axon = axon;
        this.clock = clock;
    }

    /** The key of a Slurm job in the usage store besides its record id. */
    private record JobKey(ClusterName cluster, String jobId) {
        static JobKey of(UsageRecord record) {
            return new JobKey(record.cluster(), record.jobId());
        }
    }

    /**
     * A line whose job ran in a pool of a provider outside the sender's scope is refused on its own, before anything
     * of it is stored (not even kept as unmatched): a centre accountant books the usage of its own providers only
     * ({@link CommandAccess}; docs/security.md).
     */
    @CommandHandler
    public UsageBatchOutcome handle(RecordUsageBatch command, MetaData metadata) {
        Optional<Actor> actor = Actor.of(metadata).filter(sender -> !sender.has(Role.ADMIN));
        UsageCharging charging = new UsageCharging(directory);
        Map<PoolId, Boolean> poolsInScope = new HashMap<>();
        List<UsageRecord> chargeable = new ArrayList<>(command.reported().size());
        Map<IgnoredReason, Long> ignored = new EnumMap<>(IgnoredReason.class);
        List<Rejection> refused = new ArrayList<>();
        for (ReportedUsage reported : command.reported()) {
            switch (charging.charge(reported)) {
                case Outcome.Chargeable(UsageRecord record) when actor.isPresent() && !poolsInScope.computeIfAbsent(
                        record.poolId(), pool -> directory.pool(pool)
                                .map(entry -> CommandAccess.chargesPool(actor.get(), entry)).orElse(false)) ->
                        refused.add(new Rejection(reported.line(), reported.recordId(), "job " + record.jobId()
                                + " ran in pool " + record.poolId() + ", of a provider outside what "
                                + actor.get().principal() + " may record (providers "
                                + actor.get().scope().providers() + "); it is not stored"));
                case Outcome.Chargeable(UsageRecord record) -> chargeable.add(record);
                case Outcome.Ignored(IgnoredReason reason) -> ignored.merge(reason, 1L, Long::sum);
                case Outcome.Refused(String reason) ->
                        refused.add(new Rejection(reported.line(), reported.recordId(), reason));
            }
        }
        return book(chargeable).withCharging(ignored, refused);
    }

    /** The jobs kept for want of an allocation, booked again: each one charged as it was when first reported. */
    @CommandHandler
    public UsageBatchOutcome handle(RetryUnmatchedUsage command) {
        return book(store.unmatched(command.recordsMax()));
    }

    private UsageBatchOutcome book(List<UsageRecord> records) {
        long started = System.nanoTime();
        AllocationResolver.Resolution resolution = resolver.resolve(records);
        long resolvedAt = System.nanoTime();
        List<UsageRecord> firstOccurrences = new ArrayList<>();
        List<UsageRecord> repeatedInBatch = new ArrayList<>();
        List<UsageRecord> unmatched = new ArrayList<>();
        Set<UsageRecordId> idsInBatch = new HashSet<>();
        Set<JobKey> jobsInBatch = new HashSet<>();
        for (UsageRecord record : records) {
            if (!resolution.isResolved(record)) {
                unmatched.add(record);
                continue;
            }
            boolean newRecordId = idsInBatch.add(record.recordId());
            boolean newJob = jobsInBatch.add(JobKey.of(record));
            if (newRecordId && newJob) {
                firstOccurrences.add(record);
            } else {
                repeatedInBatch.add(record); // the same job twice in one file: judged against its first line
            }
        }
        firstOccurrences.sort(Comparator.comparing(record -> record.recordId().value()));
        Map<UsageRecord, Long> contentHashes = new IdentityHashMap<>(records.size());
        for (UsageRecord record : records) {
            contentHashes.put(record, record.contentHash()); // a SHA-256 each: computed once per record
        }
        Set<UsageRecordId> inserted = store.insertNew(firstOccurrences, resolution, contentHashes);
        long insertedAt = System.nanoTime();

        Map<UsageRecordId, Long> bookedHashes = new HashMap<>(store.hashesOf(notIn(firstOccurrences, inserted)));
        Map<AllocationId, List<Charge>> charges = new TreeMap<>(Comparator.comparing(AllocationId::value));
        GpuSeconds charged = GpuSeconds.ZERO;
        for (UsageRecord record : firstOccurrences) {
            if (inserted.contains(record.recordId())) {
                AllocationResolver.Resolved target = resolution.of(record);
                charges.computeIfAbsent(target.allocationId(), id -> new ArrayList<>())
                        .add(toCharge(record, target.factor(), target.price()));
                charged = charged.plus(record.gpuSeconds());
                bookedHashes.put(record.recordId(), contentHashes.get(record));
            }
        }
        List<UsageRecord> alreadyBooked = new ArrayList<>(notInRecords(firstOccurrences, inserted));
        alreadyBooked.addAll(repeatedInBatch);
        alreadyBooked.sort(Comparator.comparingLong(UsageRecord::line));
        long duplicates = 0;
        List<Rejection> rejected = new ArrayList<>();
        Set<UsageRecordId> decided = new HashSet<>(inserted);
        for (UsageRecord record : alreadyBooked) {
            Long earlier = bookedHashes.get(record.recordId());
            if (earlier != null && earlier.longValue() == contentHashes.get(record)) {
                duplicates++;
                decided.add(record.recordId());
            } else {
                rejected.add(new Rejection(record.line(), record.recordId(), conflictReason(record)));
            }
        }

        long comparedAt = System.nanoTime();
        Repository<Allocation> allocations = axon.repository(Allocation.class);
        Set<UsageRecordId> refused = new HashSet<>();
        for (Map.Entry<AllocationId, List<Charge>> entry : charges.entrySet()) {
            AllocationId allocationId = entry.getKey();
            Aggregate<Allocation> allocation = allocations.load(allocationId.value());
            List<Charge> fitting = withinConsumptionRoom(entry.getValue(),
                    allocation.invoke(Allocation::consumptionRoom), refused);
            entry.setValue(fitting);
            if (!fitting.isEmpty()) {
                allocation.execute(loaded -> loaded.handle(new RecordConsumption(allocationId, fitting)));
            }
        }
        if (!refused.isEmpty()) {
            store.removeInserted(refused);
            for (UsageRecord record : firstOccurrences) {
                if (refused.contains(record.recordId())) {
                    charged = charged.minus(record.gpuSeconds());
                    rejected.add(new Rejection(record.line(), record.recordId(), "job " + record.jobId()
                            + " would take allocation " + resolution.of(record).allocationId()
                            + " past the most an allocation can be charged, "
                            + LedgerLimits.ALLOCATION_CONSUMED_GPU_SECONDS_MAX + " GPU-seconds; it is not charged"));
                }
            }
        }
        long chargedAt = System.nanoTime();

        for (UsageRecord record : unmatched) {
            rejected.add(new Rejection(record.line(), record.recordId(),
                    resolution.whyUnmatched(record) + " (kept; retried when the allocation exists)"));
        }
        store.keepUnmatched(unmatched, resolution::whyUnmatched, clock.instant());
        decided.removeAll(refused);
        store.forgetUnmatched(decided);
        rejected.sort(Comparator.comparingLong(Rejection::line));
        long accepted = charges.values().stream().mapToLong(List::size).sum();
        if (log.isDebugEnabled()) {
            log.debug("usage batch of {} records on {} allocations: resolve {} ms, usage store {} ms, duplicates {} ms,"
                            + " charge {} ms, unmatched {} ms", records.size(), charges.size(),
                    millis(resolvedAt - started), millis(insertedAt - resolvedAt), millis(comparedAt - insertedAt),
                    millis(chargedAt - comparedAt), millis(System.nanoTime() - chargedAt));
        }
        return new UsageBatchOutcome(accepted, duplicates, Map.of(), rejected, charged);
    }

    /**
     * The charges that fit, in order, in what the allocation can still be charged; each one that does not is
     * refused on its own and added to {@code refused}.
     */
    private static List<Charge> withinConsumptionRoom(List<Charge> charges, GpuSeconds room,
                                                      Set<UsageRecordId> refused) {
        long left = room.value();
        List<Charge> fitting = new ArrayList<>(charges.size());
        for (Charge charge : charges) {
            if (charge.gpuSeconds().value() <= left) {
                left -= charge.gpuSeconds().value();
                fitting.add(charge);
            } else {
                refused.add(charge.recordId());
            }
        }
        return fitting;
    }

    private static long millis(long nanos) {
        return nanos / 1_000_000;
    }

    /** DOMAIN.md, idempotency: the same key with other content is refused, never charged a second time. */
    static String conflictReason(UsageRecord record) {
        return "job " + record.jobId() + " of cluster " + record.cluster() + " (record " + record.recordId()
                + ") was already recorded with different content; it is not charged twice"
                + " (refund or correct the first record instead)";
    }

    private static Set<UsageRecordId> notIn(List<UsageRecord> records, Set<UsageRecordId> inserted) {
        Set<UsageRecordId> others = new HashSet<>();
        for (UsageRecord record : notInRecords(records, inserted)) {
            others.add(record.recordId());
        }
        return others;
    }

    private static List<UsageRecord> notInRecords(List<UsageRecord> records, Set<UsageRecordId> inserted) {
        List<UsageRecord> others = new ArrayList<>();
        for (UsageRecord record : records) {
            if (!inserted.contains(record.recordId())) {
                others.add(record);
            }
        }
        return others;
    }

    private static Charge toCharge(UsageRecord record, NormalisationFactor factor, PricePerGpuHour price) {
        return new Charge(record.recordId(), record.cluster(), record.jobId(), record.user(), record.partition(),
                record.chargedGpus(), record.start(), record.end(), record.elapsedSeconds(), factor, price);
    }

}
