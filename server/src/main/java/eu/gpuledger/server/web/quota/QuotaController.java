package eu.gpuledger.server.web.quota;

import eu.gpuledger.server.security.ReadAccess;

import eu.gpuledger.projections.quota.QuotaMemory;
import eu.gpuledger.projections.quota.QuotaQueries;
import eu.gpuledger.projections.quota.QuotaQueries.QuotaAnswer;
import eu.gpuledger.server.web.Quantity;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.Optional;

/** Answers for quota-enforcement hooks on the clusters, from this node's memory (docs/quota.md). */
@RestController
@RequestMapping("/api/v1/quota")
public class QuotaController {

    private final QuotaMemory quotas;
    private final Clock clock;
    private final ReadAccess access;

    public QuotaController(QuotaMemory quotas, Clock clock, ReadAccess access) {
        this.access = access;
        this.quotas = quotas;
        this.clock = clock;
    }

    public record QuotaJson(String account, QuotaQueries.Decision decision, String reason, Quantity balance,
                            BigDecimal usedPercent, String allocationId, String poolId) {
    }

    @GetMapping(path = "/blocked", produces = MediaType.TEXT_PLAIN_VALUE)
    public String blocked(@RequestParam String cluster) {
        access.quota(cluster);
        StringBuilder lines = new StringBuilder();
        quotas.blockedAccounts(cluster, clock.instant()).forEach(account -> lines.append(account).append('\n'));
        return lines.toString();
    }

    @GetMapping("/{schedulerAccount}")
    public QuotaJson quota(@PathVariable String schedulerAccount, @RequestParam String cluster,
                           @RequestParam(required = false) String partition) {
        access.quota(cluster);
        QuotaAnswer answer = quotas.decide(cluster, schedulerAccount, Optional.ofNullable(partition), clock.instant());
        return new QuotaJson(answer.account(), answer.decision(), answer.reason(), Quantity.of(answer.balance()),
                answer.usedPercent(), answer.allocationId(), answer.poolId());
    }
}
