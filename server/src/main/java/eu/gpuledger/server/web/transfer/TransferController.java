package eu.gpuledger.server.web.transfer;

import eu.gpuledger.ledger.allocation.AllocationId;
import eu.gpuledger.ledger.catalogue.PoolId;
import eu.gpuledger.ledger.directory.LedgerDirectory;
import eu.gpuledger.ledger.quantity.GpuSeconds;
import eu.gpuledger.ledger.refusal.InvalidInput;
import eu.gpuledger.ledger.refusal.UnknownReference;
import eu.gpuledger.ledger.transfer.TransferCommands.RequestTransfer;
import eu.gpuledger.ledger.transfer.TransferConversionRules;
import eu.gpuledger.ledger.transfer.TransferConversionRules.ConvertedTransfer;
import eu.gpuledger.ledger.transfer.TransferConversionRules.PoolRates;
import eu.gpuledger.ledger.transfer.TransferId;
import eu.gpuledger.ledger.transfer.TransferState;
import eu.gpuledger.projections.transfer.TransferProjection;
import eu.gpuledger.projections.transfer.TransferProjection.TransferView;
import eu.gpuledger.server.readyourwrites.ProjectionBarrier;
import eu.gpuledger.server.web.Inputs;
import eu.gpuledger.server.web.LedgerGateway;
import eu.gpuledger.server.web.Quantity;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Transfers between allocations. The conversion is fixed when the transfer is asked for (the factors or prices in
 * force then); the saga books both sides. The answer waits a little for the saga to settle, and says PENDING
 * (202) when it has not yet: GET /transfers/{id} then tells the outcome.
 */
@RestController
@RequestMapping("/api/v1/transfers")
public class TransferController {

    private final LedgerGateway ledger;
    private final LedgerDirectory directory;
    private final TransferProjection transfers;
    private final Clock clock;
    private final Duration settleWait;
    private final ProjectionBarrier readYourWrites;

    public TransferController(LedgerGateway ledger, LedgerDirectory directory, TransferProjection transfers, Clock clock,
                              @Value("${ledger.transfers.settle-wait:PT5S}") Duration settleWait,
                              ProjectionBarrier readYourWrites) {
        this.readYourWrites = readYourWrites;
        this.ledger = ledger;
        this.directory = directory;
        this.transfers = transfers;
        this.clock = clock;
        this.settleWait = settleWait;
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

    @PostMapping
    public ResponseEntity<TransferJson> transfer(@RequestBody TransferRequest body) {
        TransferId transferId = TransferId.of(InvalidInput.requireText(body.transferId(), "transferId"));
        AllocationId from = AllocationId.of(InvalidInput.requireText(body.fromAllocationId(), "fromAllocationId"));
        AllocationId to = AllocationId.of(InvalidInput.requireText(body.toAllocationId(), "toAllocationId"));
        GpuSeconds debit = Inputs.hours(body.gpuHours(), "gpuHours");
        String reason = Inputs.optionalReason(body.reason(), "reason");
        Instant now = clock.instant();
        ConvertedTransfer converted = TransferConversionRules.convert(debit,
                ratesOf(from, "fromAllocationId", now), ratesOf(to, "toAllocationId", now));
        ledger.send(new RequestTransfer(transferId, from, to, converted.debit(), converted.credit(),
                converted.conversion(), reason), reason);
        TransferView view = awaitSettled(transferId.value());
        if (view.state() != TransferState.PENDING) {
            // the saga booked the sides in its own thread: the balances must show them before the answer leaves
            readYourWrites.awaitLatestEventsOf(List.of(from.value(), to.value(), transferId.value()));
        }
        return ResponseEntity.status(view.state() == TransferState.PENDING ? HttpStatus.ACCEPTED : HttpStatus.OK)
                .body(TransferJson.of(view));
    }

    @GetMapping("/{transferId}")
    public TransferJson get(@PathVariable String transferId) {
        return transfers.find(transferId).map(TransferJson::of)
                .orElseThrow(() -> new UnknownReference("transferId", transferId));
    }

    private PoolRates ratesOf(AllocationId allocationId, String field, Instant now) {
        PoolId pool = directory.poolOfAllocation(allocationId)
                .orElseThrow(() -> new UnknownReference(field, allocationId.value()));
        return new PoolRates(pool, directory.factorInForce(pool, now).orElse(null),
                directory.priceInForce(pool, now).orElse(null));
    }

    private TransferView awaitSettled(String transferId) {
        long deadline = System.nanoTime() + settleWait.toNanos();
        Optional<TransferView> view = transfers.find(transferId);
        while ((view.isEmpty() || view.get().state() == TransferState.PENDING) && System.nanoTime() < deadline) {
            pause();
            view = transfers.find(transferId);
        }
        return view.orElseGet(() -> new TransferView(transferId, null, null, 0, 0, null, null, null, null, null,
                TransferState.PENDING, null, null, null));
    }

    private static void pause() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
