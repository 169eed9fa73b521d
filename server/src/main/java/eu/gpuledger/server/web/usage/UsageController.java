package eu.gpuledger.server.web.usage;

import eu.gpuledger.ledger.allocation.SchedulerAccount;
import eu.gpuledger.ledger.catalogue.ClusterName;
import eu.gpuledger.ledger.limits.LedgerLimits;
import eu.gpuledger.ledger.quantity.GpuSeconds;
import eu.gpuledger.ledger.refusal.InvalidInput;
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
import eu.gpuledger.server.usage.ImportLog;
import eu.gpuledger.server.usage.UsageImports;
import eu.gpuledger.ledger.catalogue.ProviderId;
import eu.gpuledger.ledger.usage.ImportSummary;
import eu.gpuledger.server.security.LedgerAuthentication;
import eu.gpuledger.ledger.access.Actor;
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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

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
    private final ImportLog importLog;
    private final Clock clock;

    /** How far back the list of imports looks when not told ({@code since}). */
    static final Duration IMPORTS_SINCE_DEFAULT = Duration.ofDays(7);

    public UsageController(UsageImports imports, LedgerGateway ledger, QueryGateway queries, BalanceQueries balances,
                           ReadAccess access, ImportLog importLog, Clock clock) {
        this.access = access;
        this.importLog = importLog;
        this.clock = clock;
        this.imports = imports;
        this.ledger = ledger;
        this.queries = queries;
        this.balances = balances;
    }

    public record RefundRequest(String refundId, Long gpuSeconds, String reason) {
    }

    @PostMapping(path = "/sacct", consumes = {MediaType.TEXT_PLAIN_VALUE, MediaType.APPLICATION_OCTET_STREAM_VALUE})
    public ImportAnswer sacct(@RequestParam String cluster, HttpServletRequest request) throws IOException {
        ClusterName name = ClusterName.parse(cluster, "cluster");
        access.importOf(name);
        return logged(ImportLog.Kind.SACCT, name.value(), access.providerOf(name).map(ProviderId::value).orElse(null),
                imports.sacct(request.getInputStream(), name, LedgerGateway.requestMetadata("sacct import")).summary());
    }

    @PostMapping(path = "/records", consumes = MediaType.APPLICATION_JSON_VALUE)
    public ImportAnswer records(HttpServletRequest request) throws IOException {
        return logged(ImportLog.Kind.RECORDS, null, null,
                imports.records(request.getInputStream(), LedgerGateway.requestMetadata("usage import")).summary());
    }

    @PostMapping(path = "/billed", consumes = {"text/csv", MediaType.TEXT_PLAIN_VALUE})
    public ImportAnswer billed(HttpServletRequest request) throws IOException {
        java.util.Set<ProviderId> providers = new java.util.HashSet<>();
        ImportSummary summary = imports.billed(request.getInputStream(),
                LedgerGateway.requestMetadata("billed usage import"), providers::add).summary();
        // listed under its provider when the file names one only (the usual case: a provider sends its own usage)
        return logged(ImportLog.Kind.BILLED, null, providers.size() == 1 ? providers.iterator().next().value() : null,
                summary);
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
        return logged(ImportLog.Kind.RETRY, null, null, tally.summary());
    }

    /**
     * The imports of usage finished since {@code since} (default: the last 7 days), the newest first, of a provider
     * when named: what each answered (accepted, duplicates, ignored, rejected, charged), who sent it and when.
     */
    @GetMapping("/imports")
    public ImportLog.Page imports(@RequestParam(required = false) String providerId,
                                  @RequestParam(required = false) String since,
                                  @RequestParam(required = false) String after,
                                  @RequestParam(defaultValue = "" + PAGE_LIMIT_DEFAULT) int limit) {
        ProviderId provider = providerId == null ? null : ProviderId.parse(providerId, "providerId");
        Instant from = since == null ? clock.instant().minus(IMPORTS_SINCE_DEFAULT) : Inputs.instant(since, "since");
        Long cursor = after == null ? null : importNumber(after);
        int pageLimit = (int) Inputs.wholeNumber((long) limit, "limit", 1, ImportLog.PAGE_LIMIT_MAX);
        return importLog.page(access.imports(provider), provider == null ? null : provider.value(), from, cursor,
                pageLimit);
    }

    private static long importNumber(String after) {
        try {
            return Inputs.wholeNumber(Long.parseLong(after), "after", 1, Long.MAX_VALUE);
        } catch (NumberFormatException notANumber) {
            throw new InvalidInput("after", "expected the next of an earlier page (a whole number), got '"
                    + LedgerLimits.shown(after) + "'");
        }
    }

    private ImportAnswer logged(ImportLog.Kind kind, String cluster, String providerId, ImportSummary summary) {
        String principal = LedgerAuthentication.current().map(Actor::principal).orElse("unknown");
        importLog.record(kind, cluster, providerId, principal, summary);
        return ImportAnswer.of(summary);
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
