package eu.gpuledger.server.web.transfer;

import eu.gpuledger.ledger.allocation.AllocationId;
import eu.gpuledger.ledger.quantity.GpuSeconds;
import eu.gpuledger.ledger.refusal.UnknownReference;
import eu.gpuledger.ledger.transfer.TransferCommands.TransferHours;
import eu.gpuledger.ledger.transfer.TransferId;
import eu.gpuledger.ledger.transfer.TransferState;
import eu.gpuledger.projections.transfer.TransferProjection;
import eu.gpuledger.projections.transfer.TransferProjection.TransferView;
import eu.gpuledger.server.web.Inputs;
import eu.gpuledger.server.web.LedgerGateway;
import eu.gpuledger.server.security.ReadAccess;
import eu.gpuledger.server.web.Quantity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * Transfers between allocations: the request as the client said it, to {@link TransferHours}, whose handler books
 * both sides or neither in one unit of work; the answer is the transfer as the read model shows it, which read your
 * writes has brought up to the command's events before the answer leaves (docs/transfers.md).
 */
@RestController
@RequestMapping("/api/v1/transfers")
public class TransferController {

    private final LedgerGateway ledger;
    private final TransferProjection transfers;
    private final ReadAccess access;

    public TransferController(LedgerGateway ledger, TransferProjection transfers, ReadAccess access) {
        this.access = access;
        this.ledger = ledger;
        this.transfers = transfers;
    }

    public record TransferRequest(String transferId, String fromAllocationId, String toAllocationId,
                                  BigDecimal gpuHours, String reason) {
    }

    public record Rates(String basis, BigDecimal sourceRate, BigDecimal targetRate, BigDecimal remainder) {
    }

    public record TransferJson(String transferId, String fromAllocationId, String toAllocationId, TransferState state,
                               Quantity debited, Quantity credited, Rates factorsUsed, String reason,
                               String rejectionReason, Instant requestedAt, Instant settledAt) {
        static TransferJson of(TransferView view) {
            return new TransferJson(view.transferId(), view.fromAllocationId(), view.toAllocationId(), view.state(),
                    Quantity.of(GpuSeconds.of(view.debit())), Quantity.of(GpuSeconds.of(view.credit())),
                    new Rates(view.basis(), view.sourceRate(), view.targetRate(), view.remainder()), view.reason(),
                    view.rejectionReason(), view.requestedAt(), view.settledAt());
        }
    }

    /** A transfer refused by a side's rule is stored REJECTED with the refusal (200); both sides moved is COMPLETED. */
    @PostMapping
    public TransferJson transfer(@RequestBody TransferRequest body) {
        TransferId transferId = TransferId.parse(body.transferId(), "transferId");
        String reason = Inputs.optionalReason(body.reason(), "reason");
        ledger.send(new TransferHours(transferId, AllocationId.parse(body.fromAllocationId(), "fromAllocationId"),
                AllocationId.parse(body.toAllocationId(), "toAllocationId"), Inputs.hours(body.gpuHours(), "gpuHours"),
                reason), reason);
        return get(transferId.value());
    }

    @GetMapping("/{transferId}")
    public TransferJson get(@PathVariable String transferId) {
        TransferView view = transfers.find(transferId)
                .orElseThrow(() -> new UnknownReference("transferId", transferId));
        access.transfer(view);
        return TransferJson.of(view);
    }
}
