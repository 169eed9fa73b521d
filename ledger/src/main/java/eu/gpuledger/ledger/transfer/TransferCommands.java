package eu.gpuledger.ledger.transfer;

import eu.gpuledger.ledger.allocation.AllocationId;
import eu.gpuledger.ledger.quantity.GpuSeconds;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The command of a transfer. Idempotent on the client-chosen transfer id. */
public final class TransferCommands {

    private TransferCommands() {
    }

    /**
     * Move hours from one allocation to another: what the client said, nothing more. The ledger converts them at the
     * rates in force on both pools now, and books both sides or neither ({@link TransferHandler}).
     *
     * @param debit source pool GPU-seconds leaving {@code from}
     */
    public record TransferHours(@TargetAggregateIdentifier TransferId transferId, AllocationId from, AllocationId to,
                                GpuSeconds debit, String reason) {
    }
}
