package eu.gpuledger.server.web.rate;

import eu.gpuledger.ledger.allocation.FundingSource;
import eu.gpuledger.ledger.catalogue.PoolId;
import eu.gpuledger.ledger.limits.LedgerLimits;
import eu.gpuledger.ledger.rate.RateCommands.AddRate;
import eu.gpuledger.ledger.rate.RateId;
import eu.gpuledger.ledger.rate.RatePerHour;
import eu.gpuledger.ledger.rate.RateUnit;
import eu.gpuledger.ledger.refusal.InvalidInput;
import eu.gpuledger.projections.rate.RateQueries;
import eu.gpuledger.projections.rate.RateQueries.Page;
import eu.gpuledger.projections.rate.RateQueries.RateView;
import eu.gpuledger.server.security.ReadAccess;
import eu.gpuledger.server.web.Inputs;
import eu.gpuledger.server.web.LedgerGateway;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Rate cards (issue 14): what a funder pays per GPU-hour, or per normalised GPU-hour, of a pool, from an instant on.
 * Translates only: the rules (one version per funder, pool and instant; same id, same content) are the write
 * model's ({@code RateCardEntry}).
 */
@RestController
@RequestMapping("/api/v1")
public class RateController {

    private static final int PAGE_LIMIT_DEFAULT = 100;

    private final LedgerGateway ledger;
    private final RateQueries rates;
    private final ReadAccess access;

    public RateController(LedgerGateway ledger, RateQueries rates, ReadAccess access) {
        this.ledger = ledger;
        this.rates = rates;
        this.access = access;
    }

    public record RateRequest(String rateId, String funder, String poolId, String effectiveFrom,
                              BigDecimal eurPerGpuHour, BigDecimal eurPerNormalisedGpuHour) {
    }

    @PostMapping("/rates")
    public Map<String, Object> addRate(@RequestBody RateRequest body) {
        RateId rateId = RateId.parse(body.rateId(), "rateId");
        AddRate command = new AddRate(rateId, Inputs.oneOf(FundingSource.class, body.funder(), "funder"),
                PoolId.parse(body.poolId(), "poolId"), Inputs.instant(body.effectiveFrom(), "effectiveFrom"),
                rate(body));
        ledger.send(command, null);
        return json(rates.rate(rateId).orElseThrow(() -> new IllegalStateException(
                "rate '" + rateId + "' was stored but its view is missing after the wait for the read models")));
    }

    @GetMapping("/rates")
    public Map<String, Object> rates(@RequestParam(required = false) String funder,
                                     @RequestParam(required = false) String poolId,
                                     @RequestParam(required = false) String after,
                                     @RequestParam(defaultValue = "" + PAGE_LIMIT_DEFAULT) long limit) {
        Page page = rates.rates(access.rates(),
                Optional.ofNullable(funder).map(value -> Inputs.oneOf(FundingSource.class, value, "funder")),
                Optional.ofNullable(poolId).map(value -> PoolId.parse(value, "poolId")),
                Optional.ofNullable(after).map(value -> RateId.parse(value, "after")),
                (int) Inputs.wholeNumber(limit, "limit", 1, RateQueries.LIMIT_MAX));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("items", page.items().stream().map(RateController::json).toList());
        if (page.next() != null) {
            answer.put("next", page.next().value()); // absent on the last page, as lists of the API are
        }
        return answer;
    }

    /** Exactly one of the two amounts: a rate prices one unit, and a guess between two would be a silent error. */
    private static RatePerHour rate(RateRequest body) {
        if (body.eurPerGpuHour() != null && body.eurPerNormalisedGpuHour() != null) {
            throw new InvalidInput("eurPerNormalisedGpuHour", "a rate prices either GPU-hours (eurPerGpuHour) or"
                    + " normalised GPU-hours (eurPerNormalisedGpuHour), not both");
        }
        if (body.eurPerNormalisedGpuHour() != null) {
            return new RatePerHour(RateUnit.NORMALISED_GPU_HOUR, Inputs.decimal(body.eurPerNormalisedGpuHour(),
                    "eurPerNormalisedGpuHour", true, LedgerLimits.EUR_PER_GPU_HOUR_MAX,
                    LedgerLimits.RATE_DECIMALS_MAX));
        }
        return new RatePerHour(RateUnit.GPU_HOUR, Inputs.decimal(body.eurPerGpuHour(), "eurPerGpuHour", true,
                LedgerLimits.EUR_PER_GPU_HOUR_MAX, LedgerLimits.RATE_DECIMALS_MAX));
    }

    /** A rate as the API shows it: the amount under the name of its unit, as it was sent, as exact text. */
    private static Map<String, Object> json(RateView view) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("rateId", view.rateId());
        json.put("funder", view.funder());
        json.put("poolId", view.poolId());
        json.put("effectiveFrom", view.effectiveFrom().toString());
        json.put(RateUnit.valueOf(view.unit()) == RateUnit.GPU_HOUR ? "eurPerGpuHour" : "eurPerNormalisedGpuHour",
                view.eurPerHour().toPlainString());
        return json;
    }
}
