package eu.gpuledger.server.console.allocations;

import eu.gpuledger.server.console.SeeOther;
import eu.gpuledger.server.console.ApiProblem;
import eu.gpuledger.server.console.ConsoleApi;
import eu.gpuledger.server.console.ConsoleFormat;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One allocation: its balance ({@code GET /api/v1/allocations/{id}}), its consumption against the expected pace and
 * the thresholds ({@code GET .../consumption}, drawn as a chart and written as a table), its history a page at a time
 * ({@code GET .../history?limit=}, the next page from the {@code Link} header), and the actions the ledger offers on
 * it, each a form whose hidden command id is the API's client-chosen id (a second submission books nothing).
 */
@Controller
@RequestMapping("/console/allocations/{allocationId}")
public class AllocationDetailController {

    /** History entries a page shows. */
    static final int HISTORY_PAGE = 20;
    /** The Link header's next page: its {@code after} parameter. */
    private static final Pattern NEXT_AFTER = Pattern.compile("<[^>]*[?&]after=(\\d+)[^>]*>\\s*;\\s*rel=\"?next\"?");

    private final ConsoleApi api;
    private final ConsoleFormat fmt;
    private final MessageSource messages;
    private final JsonMapper json;

    public AllocationDetailController(ConsoleApi api, ConsoleFormat fmt, MessageSource messages, JsonMapper json) {
        this.api = api;
        this.fmt = fmt;
        this.messages = messages;
        this.json = json;
    }

    @GetMapping
    public ModelAndView detail(@PathVariable String allocationId, @RequestParam(required = false) String historyAfter,
                         @RequestParam(required = false) String refund, Model model) {
        Map<String, String> form = new LinkedHashMap<>();
        if (refund != null) {
            form.put("recordId", refund);
        }
        return page(allocationId, historyAfter, null, form, model);
    }

    @PostMapping("/supplement")
    public ModelAndView supplement(@PathVariable String allocationId, @RequestParam Map<String, String> form, Model model,
                             RedirectAttributes redirect, HttpServletResponse response) {
        return act(allocationId, "supplement", form, model, redirect, response, () -> {
            api.send("POST", ConsoleApi.path("/allocations/{id}/supplements", allocationId), body(
                    "supplementId", form.get("commandId"), "gpuHours", ConsoleValues.number(form.get("gpuHours")),
                    "reason", form.get("reason")));
            return say("allocations.done.supplement", fmt.number(ConsoleValues.number(form.get("gpuHours"))));
        });
    }

    @PostMapping("/warning")
    public ModelAndView warning(@PathVariable String allocationId, @RequestParam Map<String, String> form, Model model,
                          RedirectAttributes redirect, HttpServletResponse response) {
        return act(allocationId, "warning", form, model, redirect, response, () -> {
            api.send("POST", ConsoleApi.path("/allocations/{id}/warnings", allocationId), body(
                    "warningId", form.get("commandId"), "reason", form.get("reason")));
            return say("allocations.done.warning");
        });
    }

    @PostMapping("/clawback")
    public ModelAndView clawback(@PathVariable String allocationId, @RequestParam Map<String, String> form, Model model,
                           RedirectAttributes redirect, HttpServletResponse response) {
        return act(allocationId, "clawback", form, model, redirect, response, () -> {
            api.send("POST", ConsoleApi.path("/allocations/{id}/clawbacks", allocationId), body(
                    "clawbackId", form.get("commandId"), "gpuHours", ConsoleValues.number(form.get("gpuHours")),
                    "reason", form.get("reason")));
            return say("allocations.done.clawback", fmt.number(ConsoleValues.number(form.get("gpuHours"))));
        });
    }

    @PostMapping("/suspension")
    public ModelAndView suspend(@PathVariable String allocationId, @RequestParam Map<String, String> form, Model model,
                          RedirectAttributes redirect, HttpServletResponse response) {
        return act(allocationId, "suspend", form, model, redirect, response, () -> {
            api.send("POST", ConsoleApi.path("/allocations/{id}/suspension", allocationId),
                    body("reason", form.get("reason")));
            return say("allocations.done.suspend");
        });
    }

    @PostMapping("/resumption")
    public ModelAndView resume(@PathVariable String allocationId, @RequestParam Map<String, String> form, Model model,
                         RedirectAttributes redirect, HttpServletResponse response) {
        return act(allocationId, "resume", form, model, redirect, response, () -> {
            api.send("DELETE", ConsoleApi.path("/allocations/{id}/suspension", allocationId),
                    body("reason", form.get("reason")));
            return say("allocations.done.resume");
        });
    }

    @PostMapping("/refund")
    public ModelAndView refund(@PathVariable String allocationId, @RequestParam Map<String, String> form, Model model,
                         RedirectAttributes redirect, HttpServletResponse response) {
        return act(allocationId, "refund", form, model, redirect, response, () -> {
            String recordId = form.getOrDefault("recordId", "").strip();
            Map<String, Object> refunded = api.send("POST", ConsoleApi.path("/usage/{recordId}/refunds",
                    recordId.isEmpty() ? " " : recordId), body("refundId", form.get("commandId"),
                    "gpuSeconds", ConsoleValues.wholeNumber(form.get("gpuSeconds")),
                    "reason", form.get("reason"))).object();
            return say("allocations.done.refund", recordId,
                    fmt.gpuHours(quantity(refunded.get("refunded"))), refunded.get("allocationId"));
        });
    }

    @PostMapping("/transfer")
    public ModelAndView transfer(@PathVariable String allocationId, @RequestParam Map<String, String> form, Model model,
                           RedirectAttributes redirect, HttpServletResponse response) {
        return act(allocationId, "transfer", form, model, redirect, response, () -> {
            Map<String, Object> transfer = api.send("POST", "/transfers", body("transferId", form.get("commandId"),
                    "fromAllocationId", allocationId, "toAllocationId", form.get("toAllocationId"),
                    "gpuHours", ConsoleValues.number(form.get("gpuHours")), "reason", form.get("reason"))).object();
            redirect.addFlashAttribute("transfer", transfer);
            return say("allocations.done.transfer." + transfer.get("state"), transfer.get("transferId"),
                    fmt.gpuHours(quantity(transfer.get("debited"))), fmt.gpuHours(quantity(transfer.get("credited"))),
                    transfer.get("toAllocationId"), transfer.get("rejectionReason"));
        });
    }

    /** An action: its API call, then the page again with what it did, or with the API's refusal next to its form. */
    private ModelAndView act(String allocationId, String action, Map<String, String> form, Model model,
                       RedirectAttributes redirect, HttpServletResponse response, Action call) {
        try {
            redirect.addFlashAttribute("done", call.run());
            return SeeOther.to("/console/allocations/" + ConsoleValues.segment(allocationId));
        } catch (ApiProblem.Refused refused) {
            if (refused.problem().status() == HttpServletResponse.SC_UNAUTHORIZED) {
                throw refused;
            }
            response.setStatus(refused.problem().status());
            model.addAttribute("problem", refused.problem());
            return page(allocationId, null, action, form, model);
        }
    }

    @FunctionalInterface
    private interface Action {
        String run();
    }

    private ModelAndView page(String allocationId, String historyAfter, String failed, Map<String, String> form,
                        Model model) {
        Map<String, Object> allocation = api.get(ConsoleApi.path("/allocations/{id}", allocationId));
        Map<String, Object> consumption = api.get(ConsoleApi.path("/allocations/{id}/consumption", allocationId));
        ConsoleApi.Answer history = api.send("GET", ConsoleApi.path("/allocations/{id}/history",
                Map.of("limit", HISTORY_PAGE, "after", historyAfter == null ? "" : historyAfter), allocationId),
                null);
        model.addAttribute("allocation", allocation);
        model.addAttribute("consumption", consumption);
        model.addAttribute("chart", chart(consumption));
        model.addAttribute("history", history.body() instanceof List<?> entries ? entries : List.of());
        model.addAttribute("historyNext", history.header("Link").map(AllocationDetailController::nextAfter)
                .orElse(null));
        model.addAttribute("failed", failed);
        model.addAttribute("form", form);
        return new ModelAndView("console/allocations/detail");
    }

    /** The {@code after} of the next page a history's {@code Link} header names; null when it names none. */
    static String nextAfter(String link) {
        Matcher matcher = NEXT_AFTER.matcher(link);
        return matcher.find() ? matcher.group(1) : null;
    }

    /**
     * The Chart.js configuration of the consumption chart, as JSON for the page's data island: the figures are the
     * API's, in GPU-hours; only their labels are the person's language. A line per figure, each dashed differently so
     * that colour is not the only way to tell them apart.
     */
    String chart(Map<String, Object> consumption) {
        List<String> labels = new ArrayList<>();
        List<Object> consumed = new ArrayList<>();
        List<Object> expected = new ArrayList<>();
        List<Map<String, Object>> points = maps(consumption.get("points"));
        for (Map<String, Object> point : points) {
            labels.add(fmt.date(point.get("at")));
            consumed.add(point.get("netConsumed") instanceof Map<?, ?> net ? net.get("gpuHours") : null);
            expected.add(hours(point.get("expected")));
        }
        List<Map<String, Object>> datasets = new ArrayList<>();
        datasets.add(dataset(say("allocations.chart.consumed"), consumed, "#0b4f8a", List.of(), 3));
        datasets.add(dataset(say("allocations.chart.expected"), expected, "#4a5360", List.of(8, 4), 2));
        String[] colours = {"#8a5a00", "#a4161a", "#5b1a8a"};
        List<List<Integer>> dashes = List.of(List.of(2, 3), List.of(12, 3, 2, 3), List.of(16, 6));
        List<Map<String, Object>> thresholds = maps(consumption.get("thresholds"));
        for (int i = 0; i < thresholds.size() && i < colours.length; i++) {
            Object at = hours(thresholds.get(i).get("at"));
            datasets.add(dataset(say("allocations.threshold." + thresholds.get(i).get("threshold")),
                    points.stream().map(point -> at).toList(), colours[i], dashes.get(i), 2));
        }
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("type", "line");
        config.put("data", Map.of("labels", labels, "datasets", datasets));
        config.put("options", Map.of(
                "spanGaps", false,
                "plugins", Map.of("legend", Map.of("position", "bottom")),
                "scales", Map.of("y", Map.of("beginAtZero", true,
                                "title", Map.of("display", true, "text", say("allocations.chart.yAxis"))),
                        "x", Map.of("ticks", Map.of("maxTicksLimit", 12, "autoSkip", true)))));
        // the JSON sits in a <script> element: no "<" may close it early
        return json.writeValueAsString(config).replace("<", "\\u003c").replace(">", "\\u003e")
                .replace("&", "\\u0026");
    }

    private static Map<String, Object> dataset(String label, List<Object> data, String colour, List<Integer> dash,
                                               int width) {
        Map<String, Object> dataset = new LinkedHashMap<>();
        dataset.put("label", label);
        dataset.put("data", data);
        dataset.put("borderColor", colour);
        dataset.put("backgroundColor", colour);
        dataset.put("borderDash", dash);
        dataset.put("borderWidth", width);
        dataset.put("pointRadius", 0);
        dataset.put("fill", false);
        return dataset;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> maps(Object value) {
        return value instanceof List<?> list ? (List<Map<String, Object>>) list : List.of();
    }

    private static Object hours(Object quantity) {
        return quantity instanceof Map<?, ?> map ? map.get("gpuHours") : null;
    }

    private static Object quantity(Object quantity) {
        return quantity instanceof Map<?, ?> map ? map.get("gpuSeconds") : null;
    }

    private static Map<String, Object> body(Object... namesAndValues) {
        Map<String, Object> body = new LinkedHashMap<>();
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            Object value = namesAndValues[i + 1];
            if (value != null && !(value instanceof String text && text.isBlank())) {
                body.put((String) namesAndValues[i], value instanceof String text ? text.strip() : value);
            }
        }
        return body;
    }

    private String say(String key, Object... arguments) {
        return messages.getMessage(key, arguments, key, LocaleContextHolder.getLocale());
    }
}
