package eu.gpuledger.ledger.usage;

import eu.gpuledger.ledger.allocation.Allocation;
import eu.gpuledger.ledger.allocation.AllocationCommands.RefundConsumption;
import eu.gpuledger.ledger.allocation.AllocationId;
import eu.gpuledger.ledger.quantity.GpuSeconds;
import eu.gpuledger.ledger.refusal.UnknownReference;
import eu.gpuledger.ledger.usage.UsageStore.BookedJob;
import org.axonframework.commandhandling.CommandHandler;
import org.springframework.stereotype.Component;

/**
 * A refund of a usage record, from what the client said: the job is found in the usage store (what it was charged,
 * to which allocation, when and at which rates), and its allocation applies the refund rules. Nobody but the usage
 * store says what a job cost: the client names the record, nothing more.
 */
@Component
public class RefundHandler {

    private final UsageStore usageStore;
    private final org.axonframework.config.Configuration axon;

    public RefundHandler(UsageStore usageStore, org.axonframework.config.Configuration axon) {
        this.usageStore = usageStore;
        this.axon = axon;
    }

    /** What a refund gave back (what it gave back the first time, for a replay), and to which allocation. */
    public record RefundOutcome(AllocationId allocationId, GpuSeconds charged, GpuSeconds refunded) {
    }

    @CommandHandler
    public RefundOutcome handle(RefundUsageRecord command) {
        BookedJob job = usageStore.booked(command.recordId())
                .orElseThrow(() -> new UnknownReference("recordId", command.recordId().value()));
        GpuSeconds refunded = axon.repository(Allocation.class).load(job.allocationId().value())
                .invoke(allocation -> allocation.refund(new RefundConsumption(job.allocationId(),
                        command.refundId(), job.recordId(), job.charged(), command.gpuSeconds(), job.effectiveAt(),
                        job.factor(), job.price(), command.reason())));
        return new RefundOutcome(job.allocationId(), job.charged(), refunded);
    }
}
