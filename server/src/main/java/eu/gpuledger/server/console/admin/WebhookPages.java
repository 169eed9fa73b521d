package eu.gpuledger.server.console.admin;

import eu.gpuledger.server.console.ApiProblem;
import eu.gpuledger.server.console.ConsoleApi;
import org.springframework.stereotype.Controller;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.util.List;
import java.util.Map;

/**
 * Webhooks (docs/webhooks.md): the registrations a person may read, a form to register or change one, and per
 * webhook its delivery log with a redelivery. The secret the ledger draws for a new webhook comes in the creation's
 * answer only: it is passed to the next page once (a flash attribute) and never kept by the console.
 */
@Controller
public class WebhookPages {

    static final String LIST = "console/admin/webhooks";
    static final String DETAIL = "console/admin/webhook";
    /** The notice types a webhook may ask for (the API's list; it refuses any other). */
    static final List<String> EVENTS = List.of("THRESHOLD_CROSSED", "BLOCKED", "UNBLOCKED", "EXPIRING");

    private final ConsoleApi api;
    private final AdminForms forms;

    public WebhookPages(ConsoleApi api, AdminForms forms) {
        this.api = api;
        this.forms = forms;
    }

    @GetMapping("/console/admin/webhooks")
    public ModelAndView list() {
        return list(new ModelAndView(LIST));
    }

    @GetMapping("/console/admin/webhooks/{webhookId}")
    public ModelAndView detail(@PathVariable String webhookId, @RequestParam(required = false) String after) {
        return detail(new ModelAndView(DETAIL), webhookId, after);
    }

    /** Registers a webhook or changes one (PUT: the same content again changes nothing). */
    @PostMapping("/console/admin/webhooks")
    public ModelAndView register(@RequestParam MultiValueMap<String, String> form, RedirectAttributes flash) {
        String webhookId = AdminForms.first(form, "webhookId");
        try {
            ConsoleApi.Answer answer = api.send("PUT", ConsoleApi.path("/webhooks/{id}",
                    webhookId == null ? "" : webhookId), body(form));
            Object secret = answer.object().get("secret");
            if (secret != null) {
                flash.addFlashAttribute("secret", secret);
            }
            return forms.seeOther("/console/admin/webhooks/" + encoded(webhookId), flash,
                    answer.status() == 201 ? "admin.webhooks.registered" : "admin.webhooks.changed", webhookId);
        } catch (ApiProblem.Refused refused) {
            String origin = AdminForms.first(form, "origin");
            if ("detail".equals(origin) && webhookId != null) {
                return detail(AdminForms.again(DETAIL, "webhook", form, refused.problem()), webhookId, null);
            }
            return list(AdminForms.again(LIST, "webhook", form, refused.problem()));
        }
    }

    @PostMapping("/console/admin/webhooks/{webhookId}/disable")
    public ModelAndView disable(@PathVariable String webhookId, @RequestParam MultiValueMap<String, String> form,
                                RedirectAttributes flash) {
        try {
            api.send("DELETE", ConsoleApi.path("/webhooks/{id}", webhookId), null);
            return forms.seeOther("/console/admin/webhooks/" + encoded(webhookId), flash, "admin.webhooks.disabled",
                    webhookId);
        } catch (ApiProblem.Refused refused) {
            return detail(AdminForms.again(DETAIL, "disable", form, refused.problem()), webhookId, null);
        }
    }

    @PostMapping("/console/admin/webhooks/{webhookId}/deliveries/{deliveryId}/redeliver")
    public ModelAndView redeliver(@PathVariable String webhookId, @PathVariable String deliveryId,
                                  @RequestParam MultiValueMap<String, String> form, RedirectAttributes flash) {
        try {
            api.send("POST", ConsoleApi.path("/webhooks/{id}/deliveries/{deliveryId}/redeliver", webhookId,
                    deliveryId), null);
            return forms.seeOther("/console/admin/webhooks/" + encoded(webhookId), flash,
                    "admin.webhooks.redelivered", deliveryId);
        } catch (ApiProblem.Refused refused) {
            return detail(AdminForms.again(DETAIL, "redeliver-" + deliveryId, form, refused.problem()), webhookId,
                    null);
        }
    }

    private static Map<String, Object> body(MultiValueMap<String, String> form) {
        return AdminForms.body(form).text("url").text("secret").all("events").text("providerId").text("cluster")
                .json();
    }

    private ModelAndView list(ModelAndView page) {
        page.addObject("events", EVENTS);
        page.getModel().putIfAbsent("input", FormInput.NONE);
        try {
            page.addObject("webhooks", api.list("/webhooks"));
        } catch (ApiProblem.Refused refused) {
            page.addObject("listProblem", refused.problem());
            page.addObject("webhooks", List.of());
        }
        choices(page);
        return page;
    }

    private ModelAndView detail(ModelAndView page, String webhookId, String after) {
        page.addObject("events", EVENTS);
        page.getModel().putIfAbsent("input", FormInput.NONE);
        page.addObject("webhook", api.get(ConsoleApi.path("/webhooks/{id}", webhookId)));
        Map<String, Object> deliveries = api.get(ConsoleApi.path("/webhooks/{id}/deliveries",
                Map.of("after", after == null ? "" : after), webhookId));
        page.addObject("deliveries", ConsoleApi.items(deliveries));
        page.addObject("next", deliveries.get("next"));
        choices(page);
        return page;
    }

    /** The providers and clusters a webhook may be narrowed to, for the form's lists. */
    private void choices(ModelAndView page) {
        page.addObject("providers", api.list("/providers"));
        page.addObject("clusters", api.list("/clusters"));
    }

    private static String encoded(String id) {
        return org.springframework.web.util.UriUtils.encodePathSegment(id == null ? "" : id,
                java.nio.charset.StandardCharsets.UTF_8);
    }
}
