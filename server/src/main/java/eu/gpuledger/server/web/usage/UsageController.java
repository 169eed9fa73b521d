package eu.gpuledger.server.web.usage;

import eu.gpuledger.ledger.allocation.AllocationCommands.RefundConsumption;
import eu.gpuledger.ledger.metadata.LedgerMetadata;
import eu.gpuledger.ledger.quantity.GpuSeconds;
import eu.gpuledger.ledger.refusal.InvalidInput;
import eu.gpuledger.ledger.refusal.UnknownReference;
import eu.gpuledger.ledger.usage.RefundId;
import eu.gpuledger.ledger.usage.UsageRecordId;
import eu.gpuledger.ledger.usage.UsageStore;
import eu.gpuledger.ledger.usage.UsageStore.BookedJob;
import eu.gpuledger.server.usage.ImportSummary;
import eu.gpuledger.server.usage.UsageRecordsImport;
import eu.gpuledger.server.web.LedgerGateway;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.util.Map;

/** Usage in (records), and refunds of what was charged. */
@RestController
@RequestMapping("/api/v1/usage")
public class UsageController {

    private final UsageRecordsImport recordsImport;
    private final UsageStore usageStore;
    private final LedgerGateway ledger;

    public UsageController(UsageRecordsImport recordsImport, UsageStore usageStore, LedgerGateway ledger) {
        this.recordsImport = recordsImport;
        this.usageStore = usageStore;
        this.ledger = ledger;
    }

    public record RefundRequest(String refundId, Long gpuSeconds, String reason) {
    }

    @PostMapping(path = "/records", consumes = MediaType.APPLICATION_JSON_VALUE)
    public ImportSummary.Answer records(HttpServletRequest request) throws IOException {
        return recordsImport.run(request.getInputStream(), LedgerGateway.requestMetadata("usage import")
                .and(LedgerMetadata.SOURCE, LedgerMetadata.Source.IMPORT.name())).answer();
    }

    @PostMapping("/{recordId}/refunds")
    public Map<String, Object> refund(@PathVariable String recordId, @RequestBody RefundRequest body) {
        RefundId refundId = RefundId.of(InvalidInput.requireText(body.refundId(), "refundId"));
        String reason = InvalidInput.requireText(body.reason(), "reason");
        BookedJob job = usageStore.booked(UsageRecordId.of(recordId))
                .orElseThrow(() -> new UnknownReference("recordId", recordId));
        GpuSeconds amount = body.gpuSeconds() == null ? null : GpuSeconds.of(body.gpuSeconds());
        ledger.send(new RefundConsumption(job.allocationId(), refundId, job.recordId(), job.charged(), amount,
                job.effectiveAt(), job.factor(), job.price(), reason), reason);
        return Map.of("refundId", refundId.value(), "recordId", recordId, "allocationId", job.allocationId().value(),
                "charged", job.charged().value(), "reason", reason);
    }
}
