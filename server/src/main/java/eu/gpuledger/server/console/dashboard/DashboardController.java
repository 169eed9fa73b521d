package eu.gpuledger.server.console.dashboard;

import eu.gpuledger.server.console.ConsoleApi;
import eu.gpuledger.server.console.ConsoleUser;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The first page after signing in: per provider, the allocations near a threshold and the blocked ones, the imports
 * of the last days; and the read models' health and lag. It reads what the API lists; the thresholds are the
 * ledger's (80% and 100% of the entitlement, its state for the blocked).
 */
@Controller
public class DashboardController {

    /** The share of an allocation's hours used from which the dashboard lists it: the first notice's threshold. */
    static final BigDecimal NEAR = BigDecimal.valueOf(80);
    /** Allocations read per provider for the dashboard (one page of the API's largest). */
    static final int ALLOCATIONS_READ = 200;

    /** How far back the dashboard lists imports. */
    static final Duration IMPORTS_DAYS = Duration.ofDays(7);
    /** Imports listed at most (the latest). */
    static final int IMPORTS_READ = 20;

    private final ConsoleApi api;
    private final Clock clock;

    public DashboardController(ConsoleApi api, Clock clock) {
        this.api = api;
        this.clock = clock;
    }

    @GetMapping("/console")
    public String dashboard(@RequestParam(required = false) String providerId, Model model) {
        // the imports and the read models' lag are for those who keep the books: the API lets no one else list them
        boolean centreReader = model.getAttribute("user") instanceof ConsoleUser user
                && user.hasAny("ADMIN", "AUDITOR", "CENTRE_ACCOUNTANT");
        // a funder reads reports and statements, not allocations: its dashboard points there
        boolean allocationReader = model.getAttribute("user") instanceof ConsoleUser user
                && user.hasAny("ADMIN", "AUDITOR", "CENTRE_ACCOUNTANT", "PI");
        model.addAttribute("allocationReader", allocationReader);
        if (!allocationReader) {
            return "console/dashboard";
        }
        List<Map<String, Object>> providers = api.list("/providers");
        model.addAttribute("providers", providers);
        String chosen = providerId != null && !providerId.isBlank() ? providerId
                : providers.isEmpty() ? null : String.valueOf(providers.getFirst().get("providerId"));
        model.addAttribute("providerId", chosen);
        if (chosen != null) {
            Map<String, Object> page = api.get(ConsoleApi.path("/allocations",
                    Map.of("providerId", chosen, "limit", ALLOCATIONS_READ)));
            List<Map<String, Object>> near = new ArrayList<>();
            List<Map<String, Object>> blocked = new ArrayList<>();
            for (Map<String, Object> allocation : ConsoleApi.items(page)) {
                if ("BLOCKED".equals(allocation.get("state"))) {
                    blocked.add(allocation);
                } else if (allocation.get("usedPercent") != null
                        && new BigDecimal(allocation.get("usedPercent").toString()).compareTo(NEAR) >= 0
                        && !"EXPIRED".equals(allocation.get("state"))) {
                    near.add(allocation);
                }
            }
            model.addAttribute("near", near);
            model.addAttribute("blocked", blocked);
            model.addAttribute("more", page.get("next") != null);
            if (centreReader) {
                Map<String, Object> imports = api.get(ConsoleApi.path("/usage/imports", Map.of("providerId", chosen,
                        "since", clock.instant().minus(IMPORTS_DAYS).toString(), "limit", IMPORTS_READ)));
                model.addAttribute("imports", ConsoleApi.items(imports));
                model.addAttribute("moreImports", imports.get("next") != null);
            }
        }
        if (centreReader) {
            model.addAttribute("projections", ConsoleApi.items(api.get("/projections")));
        }
        return "console/dashboard";
    }
}
