package eu.gpuledger.server.console.allocations;

import eu.gpuledger.server.console.SeeOther;
import eu.gpuledger.server.console.ApiProblem;
import eu.gpuledger.server.console.ConsoleApi;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The allocations list ({@code GET /api/v1/allocations} with its filters and cursor) and the form that grants one
 * ({@code POST /api/v1/allocations}). A filter or a field is passed to the API as the person typed it; the API checks
 * it and its refusal is shown next to the form.
 */
@Controller
@RequestMapping("/console/allocations")
public class AllocationsController {

    /** Allocations a page of the list shows. */
    static final int PAGE_SIZE = 50;
    /** Projects read for the grant form's choice (the API's largest page); past it the id is typed. */
    static final int PROJECTS_READ = 500;
    /** The list's filters, as the API names them. */
    static final List<String> FILTERS = List.of("projectId", "poolId", "providerId", "schedulerAccount", "state",
            "fundingSource", "activeAt", "from", "to");
    /** The grant form's fields, as the API names them. */
    static final List<String> GRANT_FIELDS = List.of("allocationId", "projectId", "poolId", "fundingSource",
            "gpuHours", "periodStart", "periodEnd", "overConsumptionPercent", "schedulerAccount");

    private final ConsoleApi api;
    private final MessageSource messages;

    public AllocationsController(ConsoleApi api, MessageSource messages) {
        this.api = api;
        this.messages = messages;
    }

    @GetMapping
    public ModelAndView list(@RequestParam Map<String, String> parameters, Model model, HttpServletResponse response) {
        return page(parameters, Map.of("overConsumptionPercent", "25"), model, response);
    }

    @PostMapping
    public ModelAndView grant(@RequestParam Map<String, String> form, Model model, RedirectAttributes redirect,
                        HttpServletResponse response) {
        Map<String, Object> body = new LinkedHashMap<>();
        for (String field : GRANT_FIELDS) {
            String value = form.getOrDefault(field, "").strip();
            if (value.isEmpty()) {
                continue;
            }
            body.put(field, switch (field) {
                case "gpuHours", "overConsumptionPercent" -> ConsoleValues.number(value);
                case "periodStart", "periodEnd" -> ConsoleValues.instant(value);
                default -> value;
            });
        }
        try {
            Map<String, Object> granted = api.send("POST", "/allocations", body).object();
            redirect.addFlashAttribute("done", messages.getMessage("allocations.done.granted",
                    new Object[]{granted.get("allocationId")}, LocaleContextHolder.getLocale()));
            return SeeOther.to("/console/allocations/"
                    + ConsoleValues.segment(String.valueOf(granted.get("allocationId"))));
        } catch (ApiProblem.Refused refused) {
            response.setStatus(refused.problem().status());
            model.addAttribute("problem", refused.problem());
            return page(Map.of(), form, model, response);
        }
    }

    private ModelAndView page(Map<String, String> parameters, Map<String, String> grant, Model model,
                        HttpServletResponse response) {
        Map<String, Object> query = new LinkedHashMap<>();
        for (String filter : FILTERS) {
            String value = parameters.get(filter);
            query.put(filter, filter.equals("activeAt") || filter.equals("from") || filter.equals("to")
                    ? ConsoleValues.instant(value) : value);
        }
        query.put("after", parameters.get("after"));
        query.put("limit", PAGE_SIZE);
        model.addAttribute("filters", parameters);
        try {
            Map<String, Object> page = api.get(ConsoleApi.path("/allocations", query));
            model.addAttribute("allocations", ConsoleApi.items(page));
            model.addAttribute("next", page.get("next"));
        } catch (ApiProblem.Refused refused) {
            // a filter the API refused: said next to the filters, which keep what was typed
            response.setStatus(refused.problem().status());
            model.addAttribute("filterProblem", refused.problem());
            model.addAttribute("allocations", List.of());
        }
        model.addAttribute("pools", api.list("/pools"));
        model.addAttribute("providers", api.list("/providers"));
        model.addAttribute("projects", ConsoleApi.items(api.get(ConsoleApi.path("/projects",
                Map.of("limit", PROJECTS_READ)))));
        model.addAttribute("grant", grant);
        return new ModelAndView("console/allocations/list");
    }
}
