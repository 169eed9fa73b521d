package eu.gpuledger.ledger.allocation;

import eu.gpuledger.ledger.allocation.AllocationCommands.CreditFromTransfer;
import eu.gpuledger.ledger.allocation.AllocationCommands.DebitForTransfer;
import eu.gpuledger.ledger.allocation.AllocationCommands.RefundConsumption;
import eu.gpuledger.ledger.quantity.GpuSeconds;
import eu.gpuledger.ledger.transfer.TransferId;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Repository;

/**
 * What the ledger's own command handlers ask of a loaded allocation (a refund of a job the usage store found, the
 * sides of a transfer, a stranded debit given back), taken from a fixture's command bus and asked of the allocation
 * the fixture loads, as {@code RefundHandler} and {@code TransferHandler} do in their unit of work: so that the
 * allocation's own rules read as given / when / then, apart from how those handlers find what they ask.
 */
public final class AskedOfAnAllocation {

    /** What {@code TransferHandler} asks of the source of a transfer an earlier version's saga left pending. */
    public record GiveBackDebit(AllocationId allocationId, TransferId transferId, String reason) {
    }

    private final Repository<Allocation> allocations;

    public AskedOfAnAllocation(Repository<Allocation> allocations) {
        this.allocations = allocations;
    }

    @CommandHandler
    GpuSeconds handle(RefundConsumption refund) {
        return allocations.load(refund.allocationId().value()).invoke(allocation -> allocation.refund(refund));
    }

    @CommandHandler
    void handle(DebitForTransfer debit) {
        allocations.load(debit.allocationId().value()).execute(allocation -> allocation.transferOut(debit));
    }

    @CommandHandler
    void handle(CreditFromTransfer credit) {
        allocations.load(credit.allocationId().value()).execute(allocation -> allocation.transferIn(credit));
    }

    @CommandHandler
    void handle(GiveBackDebit giveBack) {
        allocations.load(giveBack.allocationId().value())
                .execute(allocation -> allocation.giveBackDebit(giveBack.transferId(), giveBack.reason()));
    }
}
