package eu.gpuledger.server.console.dashboard;

import eu.gpuledger.server.console.ConsoleApi;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The first page after signing in: per provider, the allocations near a threshold and the blocked ones. It reads
 * what the API lists; the thresholds are the ledger's (80% and 100% of the entitlement, its state for the blocked).
 */
@Controller
public class DashboardController {

    /** The share of an allocation's hours used from which the dashboard lists it: the first notice's threshold. */
    static final BigDecimal NEAR = BigDecimal.valueOf(80);
    /** Allocations read per provider for the dashboard (one page of the API's largest). */
    static final int ALLOCATIONS_READ = 200;

    private final ConsoleApi api;

    public DashboardController(ConsoleApi api) {
        this.api = api;
    }

    @GetMapping("/console")
    public String dashboard(@RequestParam(required = false) String providerId, Model model) {
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
        }
        return "console/dashboard";
    }
}
