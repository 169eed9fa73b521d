package eu.gpuledger.ledger.transfer;

import eu.gpuledger.ledger.allocation.Allocation;
import eu.gpuledger.ledger.allocation.AllocationCommands.CreditFromTransfer;
import eu.gpuledger.ledger.allocation.AllocationCommands.DebitForTransfer;
import eu.gpuledger.ledger.allocation.AllocationId;
import eu.gpuledger.ledger.allocation.TransferSide;
import eu.gpuledger.ledger.catalogue.PoolId;
import eu.gpuledger.ledger.directory.Directory;
import eu.gpuledger.ledger.refusal.LedgerRefusal;
import eu.gpuledger.ledger.refusal.UnknownReference;
import eu.gpuledger.ledger.transfer.TransferCommands.TransferHours;
import eu.gpuledger.ledger.transfer.TransferConversionRules.ConvertedTransfer;
import eu.gpuledger.ledger.transfer.TransferConversionRules.PoolRates;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * A transfer in one unit of work, so in one transaction (docs/transfers.md): the Transfer aggregate (created, or
 * loaded for a replay: the same id with the same content answers the first outcome, with other content is a
 * conflict), the conversion at the rates in force now on the pools of both allocations, then both allocations,
 * loaded in allocation-id order: each side's rules are checked before either side is applied, so a refused side
 * moves nothing and the transfer is stored REJECTED with the refusal; otherwise both sides are booked and the
 * transfer COMPLETED. The event store's (aggregate, sequence) key makes it safe on any command bus and node.
 */
@Component
public class TransferHandler {

    /** The lock order of the allocations, whichever way hours go: A→B and B→A at once wait, never deadlock. */
    private static final Comparator<AllocationId> LOCK_ORDER = Comparator.comparing(AllocationId::value);

    private final org.axonframework.config.Configuration axon;
    private final Directory directory;
    private final Clock clock;

    public TransferHandler(org.axonframework.config.Configuration axon, Directory directory, Clock clock) {
        this.axon = axon;
        this.directory = directory;
        this.clock = clock;
    }

    @CommandHandler
    public TransferState handle(TransferHours command) throws Exception {
        Transfer.assertValid(command);
        Aggregate<Transfer> transfer = axon.repository(Transfer.class)
                .loadOrCreate(command.transferId().value(), Transfer::new);
        if (!transfer.invoke(existing -> existing.isReplayOf(command))) {
            TransferRequested requested = requestOf(command);
            transfer.execute(created -> created.request(requested));
        }
        if (transfer.invoke(Transfer::state) == TransferState.PENDING) {
            settle(transfer, transfer.invoke(Transfer::requested));
        }
        return transfer.invoke(Transfer::state);
    }

    /** The request with its conversion fixed now (TransferNotConvertible when the pools have no common rate). */
    private TransferRequested requestOf(TransferHours command) {
        Instant now = clock.instant();
        ConvertedTransfer converted = TransferConversionRules.convert(command.debit(),
                ratesOf(command.from(), "fromAllocationId", now), ratesOf(command.to(), "toAllocationId", now));
        return new TransferRequested(command.transferId(), command.from(), command.to(), converted.debit(),
                converted.credit(), converted.conversion(), command.reason());
    }

    private PoolRates ratesOf(AllocationId allocationId, String field, Instant now) {
        PoolId pool = directory.poolOfAllocation(allocationId)
                .orElseThrow(() -> new UnknownReference(field, allocationId.value()));
        return new PoolRates(pool, directory.factorInForce(pool, now).orElse(null),
                directory.priceInForce(pool, now).orElse(null));
    }

    /**
     * Books what a pending transfer still misses. A transfer requested now misses both sides; one that an earlier
     * version's saga left pending may already have its debit booked (docs/transfers.md), which is then kept when
     * the credit can be made, and given back when it cannot.
     */
    private void settle(Aggregate<Transfer> transfer, TransferRequested request) {
        TransferId id = request.transferId();
        Map<AllocationId, Aggregate<Allocation>> loaded = loadInLockOrder(request);
        Aggregate<Allocation> source = loaded.get(request.fromAllocationId());
        Aggregate<Allocation> target = loaded.get(request.toAllocationId());
        TransferSide sourceSide = source.invoke(allocation -> allocation.sideOf(id));
        if (sourceSide == TransferSide.DEBIT_GIVEN_BACK) {
            transfer.execute(pending -> pending.reject("the debit was given back to " + request.fromAllocationId()));
            return;
        }
        DebitForTransfer debit = new DebitForTransfer(request.fromAllocationId(), id, request.toAllocationId(),
                request.debit());
        CreditFromTransfer credit = new CreditFromTransfer(request.toAllocationId(), id, request.fromAllocationId(),
                request.credit());
        boolean debited = sourceSide == TransferSide.DEBITED;
        String debitRefusal = debited ? null : refusalOf(source, allocation -> allocation.assertCanTransferOut(debit));
        if (debitRefusal != null) {
            transfer.execute(pending -> pending.reject("debit refused: " + debitRefusal));
            return;
        }
        boolean credited = target.invoke(allocation -> allocation.sideOf(id)) == TransferSide.CREDITED;
        String creditRefusal = credited ? null
                : refusalOf(target, allocation -> allocation.assertCanTransferIn(credit));
        if (creditRefusal != null) {
            if (debited) {
                source.execute(allocation -> allocation.giveBackDebit(id, "credit refused: " + creditRefusal));
            }
            transfer.execute(pending -> pending.reject("credit refused: " + creditRefusal));
            return;
        }
        loaded.values().forEach(allocation -> allocation.execute(side -> {
            if (side.allocationId().equals(debit.allocationId())) {
                side.transferOut(debit);
            } else {
                side.transferIn(credit);
            }
        }));
        transfer.execute(Transfer::complete);
    }

    /** Both allocations, loaded (so locked) in {@link #LOCK_ORDER}, and kept in it for the sides to be applied. */
    private Map<AllocationId, Aggregate<Allocation>> loadInLockOrder(TransferRequested request) {
        Repository<Allocation> allocations = axon.repository(Allocation.class);
        Map<AllocationId, Aggregate<Allocation>> loaded = new TreeMap<>(LOCK_ORDER);
        Stream.of(request.fromAllocationId(), request.toAllocationId()).sorted(LOCK_ORDER)
                .forEach(side -> loaded.put(side, allocations.load(side.value())));
        return loaded;
    }

    /** The refusal of a side's rules, in its own words, or null when the side can be booked. */
    private static String refusalOf(Aggregate<Allocation> side, Consumer<Allocation> rules) {
        try {
            side.execute(rules);
            return null;
        } catch (LedgerRefusal refused) {
            return refused.getMessage();
        }
    }
}
