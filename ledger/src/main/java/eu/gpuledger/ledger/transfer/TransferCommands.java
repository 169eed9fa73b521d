package eu.gpuledger.ledger.transfer;

import eu.gpuledger.ledger.allocation.AllocationId;
import eu.gpuledger.ledger.quantity.GpuSeconds;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The commands a transfer takes. Idempotent on the client-chosen transfer id. */
public final class TransferCommands {

    private TransferCommands() {
    }

    /**
     * Ask for hours to move from one allocation to another; the conversion is fixed now, by
     * {@link TransferConversionRules}, and kept with the request.
     *
     * @param debit  source pool GPU-seconds leaving {@code from}
     * @param credit target pool GPU-seconds arriving on {@code to}: floor(debit × sourceRate / targetRate)
     */
    public record RequestTransfer(@TargetAggregateIdentifier TransferId transferId, AllocationId from,
                                  AllocationId to, GpuSeconds debit, GpuSeconds credit,
                                  TransferConversion conversion, String reason) {
    }

    /** Both sides were booked; sent by the transfer saga. */
    public record CompleteTransfer(@TargetAggregateIdentifier TransferId transferId) {
    }

    /** The debit was refused, or the credit failed and the debit was given back; sent by the transfer saga. */
    public record RejectTransfer(@TargetAggregateIdentifier TransferId transferId, String reason) {
    }
}
