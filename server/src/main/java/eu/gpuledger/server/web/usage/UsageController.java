package eu.gpuledger.server.web.usage;

import eu.gpuledger.ledger.allocation.SchedulerAccount;
import eu.gpuledger.ledger.catalogue.ClusterName;
import eu.gpuledger.ledger.limits.LedgerLimits;
import eu.gpuledger.ledger.quantity.GpuSeconds;
import eu.gpuledger.ledger.refusal.UnknownReference;
import eu.gpuledger.ledger.usage.FindUnmatchedUsage;
import eu.gpuledger.ledger.usage.ImportTally;
import eu.gpuledger.ledger.usage.RecordUsageBatch;
import eu.gpuledger.ledger.usage.RefundHandler.RefundOutcome;
import eu.gpuledger.ledger.usage.RefundId;
import eu.gpuledger.ledger.usage.RefundUsageRecord;
import eu.gpuledger.ledger.usage.RetryUnmatchedUsage;
import eu.gpuledger.ledger.usage.UsageBatchOutcome;
import eu.gpuledger.ledger.usage.UsageRecordId;
import eu.gpuledger.projections.balance.BalanceQueries;
import eu.gpuledger.server.usage.UsageImports;
import eu.gpuledger.server.web.Inputs;
import eu.gpuledger.server.web.LedgerGateway;
import eu.gpuledger.server.security.ReadAccess;
import eu.gpuledger.server.web.Quantity;
import eu.gpuledger.server.web.allocation.BalanceJson;
import jakarta.servlet.http.HttpServletRequest;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;

/** Usage in (records), and refunds of what was charged. */
@RestController
@RequestMapping("/api/v1/usage")
public class UsageController {

    private static final int PAGE_LIMIT_DEFAULT = 100;

    private final UsageImports imports;
    private final LedgerGateway ledger;
    private final QueryGateway queries;
    private final BalanceQueries balances;
    private final ReadAccess access;

    public UsageController(UsageImports imports, LedgerGateway ledger, QueryGateway queries, BalanceQueries balances,
                           ReadAccess access) {
        this.access = access;
        this.imports = imports;
        this.ledger = ledger;
        this.queries = queries;
        this.balances = balances;
    }

    public record RefundRequest(String refundId, Long gpuSeconds, String reason) {
    }

    @PostMapping(path = "/sacct", consumes = {MediaType.TEXT_PLAIN_VALUE, MediaType.APPLICATION_OCTET_STREAM_VALUE})
    public ImportAnswer sacct(@RequestParam String cluster, HttpServletRequest request) throws IOException {
        access.importOf(ClusterName.parse(cluster, "cluster"));
        return ImportAnswer.of(imports.sacct(request.getInputStream(), ClusterName.parse(cluster, "cluster"),
                LedgerGateway.requestMetadata("sacct import")).summary());
    }

    @PostMapping(path = "/records", consumes = MediaType.APPLICATION_JSON_VALUE)
    public ImportAnswer records(HttpServletRequest request) throws IOException {
        return ImportAnswer.of(imports.records(request.getInputStream(), LedgerGateway.requestMetadata("usage import"))
                .summary());
    }

    @PostMapping(path = "/billed", consumes = {"text/csv", MediaType.TEXT_PLAIN_VALUE})
    public ImportAnswer billed(HttpServletRequest request) throws IOException {
        return ImportAnswer.of(imports.billed(request.getInputStream(), LedgerGateway.requestMetadata("billed usage import"))
                .summary());
    }

    /** The jobs kept for want of an allocation, with why, a page at a time. */
    @GetMapping("/unmatched")
    public FindUnmatchedUsage.Page unmatched(@RequestParam(required = false) String cluster,
                                             @RequestParam(required = false) String account,
                                             @RequestParam(required = false) String after,
                                             @RequestParam(defaultValue = "" + PAGE_LIMIT_DEFAULT) int limit) {
        FindUnmatchedUsage query = new FindUnmatchedUsage(
                cluster == null ? null : ClusterName.parse(cluster, "cluster"),
                account == null ? null : SchedulerAccount.parse(account, "account"),
                after == null ? null : UsageRecordId.parse(after, "after"),
                (int) Inputs.wholeNumber((long) limit, "limit", 1, FindUnmatchedUsage.LIMIT_MAX));
        access.unmatched(query.cluster());
        return queries.query(query, FindUnmatchedUsage.Page.class).join();
    }

    /**
     * Books again the jobs kept for want of an allocation, now that it may exist, those tried least recently first,
     * at most a batch's worth a request; the others stay kept.
     */
    @PostMapping("/unmatched/retry")
    public ImportAnswer retryUnmatched() {
        ImportTally tally = new ImportTally();
        tally.count(ledger.<UsageBatchOutcome>sendToMany(new RetryUnmatchedUsage(RecordUsageBatch.RECORDS_MAX),
                "retry of unmatched usage"));
        return ImportAnswer.of(tally.summary());
    }

    /** A refund's answer: what was given back, and the allocation's balance view after it. */
    public record RefundAnswer(String refundId, String recordId, String allocationId, Quantity charged,
                               Quantity refunded, String reason, BalanceJson allocation) {
    }

    @PostMapping("/{recordId}/refunds")
    public RefundAnswer refund(@PathVariable String recordId, @RequestBody RefundRequest body) {
        RefundId refundId = RefundId.parse(body.refundId(), "refundId");
        String reason = Inputs.reason(body.reason(), "reason");
        GpuSeconds amount = body.gpuSeconds() == null ? null : GpuSeconds.of(Inputs.wholeNumber(body.gpuSeconds(),
                "gpuSeconds", 1, LedgerLimits.JOB_GPU_SECONDS_MAX));
        RefundOutcome refund = ledger.send(new RefundUsageRecord(UsageRecordId.parse(recordId, "recordId"), refundId,
                amount, reason), reason, (RefundOutcome outcome) -> outcome.allocationId().value());
        BalanceJson allocation = balances.balance(refund.allocationId()).map(BalanceJson::of)
                .orElseThrow(() -> new UnknownReference("allocationId", refund.allocationId().value()));
        return new RefundAnswer(refundId.value(), recordId, refund.allocationId().value(),
                Quantity.of(refund.charged()), Quantity.of(refund.refunded()), reason, allocation);
    }
}
