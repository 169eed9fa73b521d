package eu.gpuledger.server.console.statements;

import eu.gpuledger.server.console.SeeOther;
import eu.gpuledger.server.console.ApiProblem;
import eu.gpuledger.server.console.ConsoleApi;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriUtils;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The statements pages (docs/statements.md): the list with the API's filters, the form that drafts one, the page of
 * one statement (its header and lines as the API's JSON has them), its issue, its credit note, and its downloads
 * (PDF, CSV, Factur-X), whose bytes are the API's. Every rule is the API's: a refusal is shown where it was asked.
 */
@Controller
@RequestMapping("/console/statements")
public class StatementsController {

    static final List<String> FUNDERS = List.of("EUROHPC_JU", "GENCI", "PRIVATE_CONTRACT");
    static final List<String> KINDS = List.of("BILLING", "FUND");
    static final List<String> STATES = List.of("DRAFT", "ISSUED", "CANCELLED");
    /** The downloads a statement's page offers, by the API's {@code ?format=}, with what the console asks for. */
    static final Map<String, String> DOWNLOADS = Map.of("pdf", "application/pdf", "csv", "text/csv",
            "facturx", "application/pdf");

    private final ConsoleApi api;
    private final MessageSource messages;

    public StatementsController(ConsoleApi api, MessageSource messages) {
        this.api = api;
        this.messages = messages;
    }

    /** What the draft form sent, kept to show it again after a refusal. */
    public record DraftForm(String funder, String kind, String period, String providerId, String projectId,
                            String allocationId) {

        static DraftForm empty() {
            return new DraftForm("", "BILLING", "", "", "", "");
        }
    }

    @GetMapping
    public String list(@RequestParam(required = false) String funder, @RequestParam(required = false) String kind,
                       @RequestParam(required = false) String period,
                       @RequestParam(required = false) String providerId,
                       @RequestParam(required = false) String state, @RequestParam(required = false) String after,
                       Model model, HttpServletResponse response) {
        Map<String, Object> filters = new LinkedHashMap<>();
        filters.put("funder", funder);
        filters.put("kind", kind);
        filters.put("period", period);
        filters.put("providerId", providerId);
        filters.put("state", state);
        model.addAttribute("filters", filters);
        choices(model);
        Map<String, Object> query = new LinkedHashMap<>(filters);
        query.put("after", after);
        try {
            Map<String, Object> page = api.get(ConsoleApi.path("/statements", query));
            model.addAttribute("statements", ConsoleApi.items(page));
            model.addAttribute("next", page.get("next"));
        } catch (ApiProblem.Refused refused) {
            shown(refused, model, response);
            model.addAttribute("statements", List.of());
        }
        return "console/statements/list";
    }

    @GetMapping("/new")
    public String draftForm(Model model) {
        model.addAttribute("form", DraftForm.empty());
        choices(model);
        return "console/statements/new";
    }

    @PostMapping
    public Object draft(@RequestParam String commandId, DraftForm form, Model model, HttpServletResponse response,
                        RedirectAttributes redirect) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("statementId", commandId);
        put(body, "funder", form.funder());
        put(body, "kind", form.kind());
        put(body, "period", form.period());
        put(body, "providerId", form.providerId());
        put(body, "projectId", form.projectId());
        put(body, "allocationId", form.allocationId());
        try {
            api.send("POST", "/statements", body);
        } catch (ApiProblem.Refused refused) {
            shown(refused, model, response);
            model.addAttribute("form", form);
            choices(model);
            return "console/statements/new";
        }
        redirect.addFlashAttribute("done", message("statements.drafted", commandId));
        return seeOther(commandId);
    }

    @GetMapping("/{statementId}")
    public String statement(@PathVariable String statementId, Model model) {
        return page(statementId, model);
    }

    @PostMapping("/{statementId}/issue")
    public Object issue(@PathVariable String statementId, Model model, HttpServletResponse response,
                        RedirectAttributes redirect) {
        Map<String, Object> issued;
        try {
            issued = api.send("POST", ConsoleApi.path("/statements/{id}/issue", statementId), null).object();
        } catch (ApiProblem.Refused refused) {
            shown(refused, model, response);
            model.addAttribute("problemAt", "issue");
            return page(statementId, model);
        }
        Object number = issued.get("statement") instanceof Map<?, ?> header ? header.get("number") : null;
        redirect.addFlashAttribute("done", message("statements.issued", number));
        return seeOther(statementId);
    }

    @PostMapping("/{statementId}/credit-note")
    public Object creditNote(@PathVariable String statementId, @RequestParam String commandId,
                             @RequestParam(required = false) String reason, Model model,
                             HttpServletResponse response, RedirectAttributes redirect) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("creditNoteId", commandId);
        body.put("reason", reason);
        try {
            api.send("POST", ConsoleApi.path("/statements/{id}/credit-note", statementId), body);
        } catch (ApiProblem.Refused refused) {
            shown(refused, model, response);
            model.addAttribute("problemAt", "creditNote");
            model.addAttribute("reason", reason);
            return page(statementId, model);
        }
        redirect.addFlashAttribute("done", message("statements.credited", commandId));
        return seeOther(statementId);
    }

    /**
     * The statement as a file (PDF, CSV, Factur-X), the API's bytes and type, named as the API names it; a refusal
     * (a Factur-X of a draft) is shown on the statement's page.
     */
    @GetMapping("/{statementId}/download")
    public Object download(@PathVariable String statementId, @RequestParam String format, Model model,
                           HttpServletResponse response) {
        String accept = DOWNLOADS.get(format);
        if (accept == null) {
            return ResponseEntity.notFound().build();
        }
        ConsoleApi.Answer answer;
        try {
            answer = api.download(ConsoleApi.path("/statements/{id}", Map.of("format", format), statementId),
                    accept + ", application/problem+json");
        } catch (ApiProblem.Refused refused) {
            shown(refused, model, response);
            model.addAttribute("problemAt", "download");
            return page(statementId, model);
        }
        String name = answer.header(HttpHeaders.CONTENT_DISPOSITION)
                .map(disposition -> ContentDisposition.parse(disposition).getFilename())
                .orElse(statementId + "." + (format.equals("csv") ? "csv" : "pdf"));
        return ResponseEntity.ok().header(HttpHeaders.CONTENT_TYPE, answer.contentType())
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name).build()
                        .toString())
                .body(answer.bytes());
    }

    /** The page of one statement: its document (header and content) and its listing (state, credit note). */
    private String page(String statementId, Model model) {
        Map<String, Object> document = api.get(ConsoleApi.path("/statements/{id}", statementId));
        List<Map<String, Object>> listed = ConsoleApi.items(api.get(ConsoleApi.path("/statements",
                Map.of("statementId", statementId))));
        model.addAttribute("document", document);
        model.addAttribute("header", document.get("statement"));
        model.addAttribute("content", document.get("content"));
        model.addAttribute("listing", listed.isEmpty() ? document.get("statement") : listed.getFirst());
        model.addAttribute("statementId", statementId);
        return "console/statements/statement";
    }

    private void choices(Model model) {
        model.addAttribute("funders", FUNDERS);
        model.addAttribute("kinds", KINDS);
        model.addAttribute("states", STATES);
        model.addAttribute("providers", api.list("/providers"));
    }

    /** The API's refusal, to show on the page with the API's status; a 401 (sign-in ended) goes to the advice. */
    private static void shown(ApiProblem.Refused refused, Model model, HttpServletResponse response) {
        if (refused.problem().status() == HttpServletResponse.SC_UNAUTHORIZED) {
            throw refused;
        }
        response.setStatus(refused.problem().status());
        model.addAttribute("problem", refused.problem());
    }

    private static void put(Map<String, Object> body, String name, String value) {
        if (value != null && !value.isBlank()) {
            body.put(name, value.strip());
        }
    }

    private String message(String key, Object argument) {
        return messages.getMessage(key, new Object[]{argument}, LocaleContextHolder.getLocale());
    }

    /** After an action: 303 to the statement's page, so a reload does not send the form again. */
    private static ModelAndView seeOther(String statementId) {
        return SeeOther.to("/console/statements/"
                + UriUtils.encodePathSegment(statementId, StandardCharsets.UTF_8));
    }
}
