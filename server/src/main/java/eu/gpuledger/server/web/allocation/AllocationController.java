package eu.gpuledger.server.web.allocation;

import eu.gpuledger.ledger.allocation.AllocationCommands.ClawBackAllocation;
import eu.gpuledger.ledger.allocation.AllocationCommands.GrantAllocation;
import eu.gpuledger.ledger.allocation.AllocationCommands.ResumeAllocation;
import eu.gpuledger.ledger.allocation.AllocationCommands.SupplementAllocation;
import eu.gpuledger.ledger.allocation.AllocationCommands.SuspendAllocation;
import eu.gpuledger.ledger.allocation.AllocationCommands.WarnUnderConsumption;
import eu.gpuledger.ledger.allocation.AllocationId;
import eu.gpuledger.ledger.allocation.ClawbackId;
import eu.gpuledger.ledger.allocation.FundingSource;
import eu.gpuledger.ledger.allocation.SchedulerAccount;
import eu.gpuledger.ledger.allocation.SupplementId;
import eu.gpuledger.ledger.allocation.WarningId;
import eu.gpuledger.ledger.catalogue.PoolId;
import eu.gpuledger.ledger.limits.LedgerLimits;
import eu.gpuledger.ledger.project.ProjectId;
import eu.gpuledger.ledger.quantity.GpuSeconds;
import eu.gpuledger.ledger.refusal.UnknownReference;
import eu.gpuledger.projections.balance.BalanceQueries;
import eu.gpuledger.projections.balance.BalanceView;
import eu.gpuledger.projections.catalogue.CatalogueQueries;
import eu.gpuledger.projections.journal.BalanceHistory;
import eu.gpuledger.server.web.Inputs;
import eu.gpuledger.server.web.LedgerGateway;
import eu.gpuledger.server.security.ReadAccess;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.annotation.JsonInclude;
import eu.gpuledger.ledger.allocation.AllocationState;
import eu.gpuledger.ledger.catalogue.ProviderId;
import eu.gpuledger.ledger.refusal.InvalidInput;
import eu.gpuledger.projections.balance.FindAllocations;

import org.springframework.http.ResponseEntity;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Allocations: grants, supplements, warnings, claw-backs, suspensions, and the balance view. */
@RestController
@RequestMapping("/api/v1")
public class AllocationController {

    private static final int PAGE_LIMIT_DEFAULT = 100;
    /** The event store's aggregate type of an allocation's events (the aggregate's class name). */
    private static final String ALLOCATION_AGGREGATE = "Allocation";

    private final LedgerGateway ledger;
    private final BalanceQueries balances;
    private final AllocationHistory history;
    private final Clock clock;
    private final BalanceHistory balanceHistory;
    private final CatalogueQueries catalogue;
    private final ReadAccess access;

    public AllocationController(LedgerGateway ledger, BalanceQueries balances, AllocationHistory history, Clock clock,
                                BalanceHistory balanceHistory, CatalogueQueries catalogue, ReadAccess access) {
        this.access = access;
        this.balanceHistory = balanceHistory;
        this.ledger = ledger;
        this.balances = balances;
        this.history = history;
        this.clock = clock;
        this.catalogue = catalogue;
    }

    public record GrantRequest(String allocationId, String projectId, String poolId, String fundingSource,
                               BigDecimal gpuHours, String periodStart, String periodEnd,
                               Integer overConsumptionPercent, String schedulerAccount) {
    }

    public record SupplementRequest(String supplementId, BigDecimal gpuHours, String reason) {
    }

    public record ClawbackRequest(String clawbackId, BigDecimal gpuHours, String reason) {
    }

    public record WarningRequest(String warningId, String reason) {
    }

    public record ReasonRequest(String reason) {
    }

    @PostMapping("/allocations")
    public BalanceJson grant(@RequestBody GrantRequest body) {
        AllocationId allocationId = AllocationId.parse(body.allocationId(), "allocationId");
        GrantAllocation command = new GrantAllocation(allocationId, ProjectId.parse(body.projectId(), "projectId"),
                PoolId.parse(body.poolId(), "poolId"),
                Inputs.oneOf(FundingSource.class, body.fundingSource(), "fundingSource"),
                Inputs.hours(body.gpuHours(), "gpuHours"),
                Inputs.instant(body.periodStart(), "periodStart"), Inputs.instant(body.periodEnd(), "periodEnd"),
                body.overConsumptionPercent() == null ? GrantAllocation.DEFAULT_OVER_CONSUMPTION_PERCENT
                        : (int) Inputs.wholeNumber(body.overConsumptionPercent(), "overConsumptionPercent", 0,
                        LedgerLimits.OVER_CONSUMPTION_PERCENT_MAX),
                body.schedulerAccount() == null || body.schedulerAccount().isBlank() ? null
                        : SchedulerAccount.parse(body.schedulerAccount(), "schedulerAccount"));
        ledger.send(command, "grant");
        return balanceAfterWrite(allocationId);
    }

    @PostMapping("/allocations/{allocationId}/supplements")
    public BalanceJson supplement(@PathVariable String allocationId, @RequestBody SupplementRequest body) {
        SupplementId supplementId = SupplementId.parse(body.supplementId(), "supplementId");
        GpuSeconds amount = Inputs.hours(body.gpuHours(), "gpuHours");
        String reason = Inputs.optionalReason(body.reason(), "reason");
        ledger.send(new SupplementAllocation(allocation(allocationId), supplementId, amount, reason), reason);
        return balanceAfterWrite(allocation(allocationId));
    }

    @PostMapping("/allocations/{allocationId}/warnings")
    public Map<String, Object> warn(@PathVariable String allocationId, @RequestBody WarningRequest body) {
        WarningId warningId = WarningId.parse(body.warningId(), "warningId");
        String reason = Inputs.optionalReason(body.reason(), "reason");
        ledger.send(new WarnUnderConsumption(allocation(allocationId), warningId, clock.instant(), reason),
                reason);
        return Map.of("allocationId", allocationId, "warningId", warningId.value());
    }

    @PostMapping("/allocations/{allocationId}/clawbacks")
    public BalanceJson clawBack(@PathVariable String allocationId, @RequestBody ClawbackRequest body) {
        ClawbackId clawbackId = ClawbackId.parse(body.clawbackId(), "clawbackId");
        GpuSeconds amount = Inputs.hours(body.gpuHours(), "gpuHours");
        String reason = Inputs.optionalReason(body.reason(), "reason");
        ledger.send(new ClawBackAllocation(allocation(allocationId), clawbackId, amount, clock.instant(),
                reason), reason);
        return balanceAfterWrite(allocation(allocationId));
    }

    @PostMapping("/allocations/{allocationId}/suspension")
    public BalanceJson suspend(@PathVariable String allocationId, @RequestBody ReasonRequest body) {
        String reason = Inputs.reason(body == null ? null : body.reason(), "reason");
        ledger.send(new SuspendAllocation(allocation(allocationId), reason), reason);
        return balanceAfterWrite(allocation(allocationId));
    }

    @DeleteMapping("/allocations/{allocationId}/suspension")
    public BalanceJson resume(@PathVariable String allocationId, @RequestBody(required = false) ReasonRequest body) {
        String reason = body == null ? null : Inputs.optionalReason(body.reason(), "reason");
        ledger.send(new ResumeAllocation(allocation(allocationId), reason), reason);
        return balanceAfterWrite(allocation(allocationId));
    }

    /** A page of allocations, each as {@code GET /allocations/{id}} shows it; {@code next} is absent on the last. */
    public record AllocationPage(List<BalanceJson> items,
                                 @JsonInclude(JsonInclude.Include.NON_NULL) String next) {
    }

    /** The allocations the reader may see that every given filter keeps, a page at a time in allocation id order. */
    @GetMapping("/allocations")
    public AllocationPage find(@RequestParam(required = false) String projectId,
                               @RequestParam(required = false) String poolId,
                               @RequestParam(required = false) String providerId,
                               @RequestParam(required = false) String schedulerAccount,
                               @RequestParam(required = false) String state,
                               @RequestParam(required = false) String fundingSource,
                               @RequestParam(required = false) String from,
                               @RequestParam(required = false) String to,
                               @RequestParam(required = false) String activeAt,
                               @RequestParam(required = false) String after,
                               @RequestParam(defaultValue = "" + PAGE_LIMIT_DEFAULT) long limit) {
        Optional<Instant> periodFrom = Optional.ofNullable(from).map(value -> Inputs.instant(value, "from"));
        Optional<Instant> periodTo = Optional.ofNullable(to).map(value -> Inputs.instant(value, "to"));
        if (activeAt != null) {
            // in force at an instant: its period overlaps [activeAt, activeAt + 1 µs), PostgreSQL's resolution
            if (from != null || to != null) {
                throw new InvalidInput("activeAt", "is a period of its own: give either activeAt or from/to");
            }
            periodFrom = Optional.of(Inputs.instant(activeAt, "activeAt"));
            periodTo = Optional.of(periodFrom.get().plus(1, ChronoUnit.MICROS));
        }
        if (periodFrom.isPresent() && periodTo.isPresent() && !periodFrom.get().isBefore(periodTo.get())) {
            throw new InvalidInput("to", "must be after from (the period is [from, to)), got from " + from
                    + " and to " + to);
        }
        FindAllocations.Page page = balances.find(new FindAllocations(access.allocations(),
                Optional.ofNullable(projectId).map(value -> ProjectId.parse(value, "projectId")),
                Optional.ofNullable(poolId).map(value -> PoolId.parse(value, "poolId")),
                Optional.ofNullable(providerId).map(value -> ProviderId.parse(value, "providerId")),
                Optional.ofNullable(schedulerAccount).map(value -> SchedulerAccount.parse(value, "schedulerAccount")),
                Optional.ofNullable(state).map(value -> Inputs.oneOf(AllocationState.class, value, "state")),
                Optional.ofNullable(fundingSource).map(value -> Inputs.oneOf(FundingSource.class, value,
                        "fundingSource")),
                periodFrom, periodTo,
                Optional.ofNullable(after).map(value -> AllocationId.parse(value, "after")),
                (int) Inputs.wholeNumber(limit, "limit", 1, FindAllocations.LIMIT_MAX)));
        return new AllocationPage(page.items().stream().map(BalanceJson::of).toList(),
                page.next() == null ? null : page.next().value());
    }

    /** Now from the balance view; at an instant of effective time and/or as known at a recorded time, from the journal. */
    @GetMapping("/allocations/{allocationId}")
    public BalanceJson balance(@PathVariable String allocationId, @RequestParam(required = false) String asOf,
                               @RequestParam(required = false) String knownAt) {
        access.allocation(allocation(allocationId));
        Optional<BalanceView> view = asOf == null && knownAt == null
                ? balances.balance(allocation(allocationId))
                : balanceHistory.balance(allocation(allocationId),
                        asOf == null ? null : Inputs.instant(asOf, "asOf"),
                        knownAt == null ? null : Inputs.instant(knownAt, "knownAt"));
        return view.map(BalanceJson::of).orElseThrow(() -> new UnknownReference("allocationId", allocationId));
    }

    /**
     * Every event of the allocation, or a page of them when {@code limit} or {@code after} is given (the same array,
     * the next page's address in a {@code Link} header: {@link HistoryPages}).
     */
    @GetMapping("/allocations/{allocationId}/history")
    public ResponseEntity<List<AllocationHistory.Entry>> history(@PathVariable String allocationId,
                                                                 @RequestParam(required = false) Long after,
                                                                 @RequestParam(required = false) Long limit) {
        access.allocation(allocation(allocationId));
        HistoryPages.Request page = HistoryPages.request(after, limit);
        if (page != null) {
            return HistoryPages.answer(history.page(ALLOCATION_AGGREGATE, allocation(allocationId).value(),
                    page.after(), page.limit()), page, "allocationId", allocationId);
        }
        List<AllocationHistory.Entry> entries = history.of(allocation(allocationId));
        if (entries.isEmpty()) {
            throw new UnknownReference("allocationId", allocationId);
        }
        return ResponseEntity.ok(entries);
    }

    /** A known project without allocations has none ([]); a project the ledger does not know is a 404. */
    @GetMapping("/projects/{projectId}/allocations")
    public List<BalanceJson> ofProject(@PathVariable String projectId) {
        ProjectId project = ProjectId.parse(projectId, "projectId");
        access.project(project);
        if (catalogue.project(project.value()).isEmpty()) {
            throw new UnknownReference("projectId", projectId);
        }
        return access.ofProject(project, balances.ofProject(project)).stream().map(BalanceJson::of).toList();
    }

    private static AllocationId allocation(String allocationId) {
        return AllocationId.parse(allocationId, "allocationId");
    }

    /** The balance view once the write is projected (the gateway waited for it), which every write answers with. */
    private BalanceJson balanceAfterWrite(AllocationId allocationId) {
        return balances.balance(allocationId).map(BalanceJson::of)
                .orElseThrow(() -> new UnknownReference("allocationId", allocationId.value()));
    }

}
