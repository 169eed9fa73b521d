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
import java.util.Set;

/**
 * The catalogue (API.md, docs/finding-and-corrections.md): providers, clusters and pools with their effective-dated
 * versions, the forms that register or change them (idempotent PUTs), add a pool's factors and prices, and correct a
 * provider's name or a cluster's time zone (a new version with its reason, never an edit). The history page shows
 * every version of a provider, cluster or project with who, when and why.
 */
@Controller
public class CataloguePages {

    static final String PAGE = "console/admin/catalogue";
    static final String HISTORY = "console/admin/history";
    static final List<String> KINDS = List.of("PUBLIC", "PRIVATE");
    /** The records whose versions the API keeps as a history ({@code GET /<kind>/{id}/history}). */
    static final Set<String> WITH_HISTORY = Set.of("providers", "clusters", "projects");
    /** The versions shown on the history page: a provider or cluster has a handful. */
    static final int HISTORY_PAGE = 100;

    private final ConsoleApi api;
    private final AdminForms forms;

    public CataloguePages(ConsoleApi api, AdminForms forms) {
        this.api = api;
        this.forms = forms;
    }

    @GetMapping("/console/admin/catalogue")
    public ModelAndView catalogue() {
        return page(new ModelAndView(PAGE));
    }

    @PostMapping("/console/admin/catalogue/providers")
    public ModelAndView provider(@RequestParam MultiValueMap<String, String> form, RedirectAttributes flash) {
        return put(form, flash, "provider", "/providers/{id}", "providerId", AdminForms.body(form).text("name")
                .text("kind").flag("euroHpcHosted").number("juSharePercent").json());
    }

    @PostMapping("/console/admin/catalogue/clusters")
    public ModelAndView cluster(@RequestParam MultiValueMap<String, String> form, RedirectAttributes flash) {
        return put(form, flash, "cluster", "/clusters/{id}", "cluster", AdminForms.body(form)
                .text("clusterProviderId", "providerId").text("timeZone").json());
    }

    @PostMapping("/console/admin/catalogue/pools")
    public ModelAndView pool(@RequestParam MultiValueMap<String, String> form, RedirectAttributes flash) {
        return put(form, flash, "pool", "/pools/{id}", "poolId", AdminForms.body(form)
                .text("poolProviderId", "providerId").text("poolCluster", "cluster").text("partition")
                .text("gpuModel").number("gpusPerNode").number("cpusPerNode").number("nodes").flag("charged").json());
    }

    @PostMapping("/console/admin/catalogue/factors")
    public ModelAndView factor(@RequestParam MultiValueMap<String, String> form, RedirectAttributes flash) {
        return post(form, flash, "factor", ConsoleApi.path("/pools/{id}/factors", id(form, "factorPoolId")),
                AdminForms.body(form).instant("effectiveFrom").number("normalisedPerGpuHour").json(),
                id(form, "factorPoolId"));
    }

    @PostMapping("/console/admin/catalogue/prices")
    public ModelAndView price(@RequestParam MultiValueMap<String, String> form, RedirectAttributes flash) {
        return post(form, flash, "price", ConsoleApi.path("/pools/{id}/prices", id(form, "pricePoolId")),
                AdminForms.body(form).instant("priceEffectiveFrom", "effectiveFrom").number("eurPerGpuHour").json(),
                id(form, "pricePoolId"));
    }

    @PostMapping("/console/admin/catalogue/provider-corrections")
    public ModelAndView correctProvider(@RequestParam MultiValueMap<String, String> form, RedirectAttributes flash) {
        String providerId = id(form, "correctedProviderId");
        return post(form, flash, "provider-correction", ConsoleApi.path("/providers/{id}/corrections", providerId),
                AdminForms.body(form).text("commandId", "correctionId").text("correctedName", "name")
                        .text("providerReason", "reason").json(), providerId);
    }

    @PostMapping("/console/admin/catalogue/cluster-corrections")
    public ModelAndView correctCluster(@RequestParam MultiValueMap<String, String> form, RedirectAttributes flash) {
        String cluster = id(form, "correctedCluster");
        return post(form, flash, "cluster-correction", ConsoleApi.path("/clusters/{id}/corrections", cluster),
                AdminForms.body(form).text("commandId", "correctionId").text("correctedTimeZone", "timeZone")
                        .text("clusterReason", "reason").json(), cluster);
    }

    /** Every version of a provider, a cluster or a project, with who, when and why. */
    @GetMapping("/console/admin/catalogue/{kind}/{id}/history")
    public ModelAndView history(@PathVariable String kind, @PathVariable String id) {
        if (!WITH_HISTORY.contains(kind)) {
            throw new org.springframework.web.server.ResponseStatusException(
                    org.springframework.http.HttpStatus.NOT_FOUND);
        }
        ModelAndView page = new ModelAndView(HISTORY);
        page.addObject("kind", kind);
        page.addObject("id", id);
        page.addObject("entries", api.send("GET", ConsoleApi.path("/" + kind + "/{id}/history",
                Map.of("limit", HISTORY_PAGE), id), null).body());
        return page;
    }

    private ModelAndView put(MultiValueMap<String, String> form, RedirectAttributes flash, String name,
                             String template, String idField, Map<String, Object> body) {
        String id = id(form, idField);
        try {
            api.send("PUT", ConsoleApi.path(template, id), body);
            return forms.seeOther("/console/admin/catalogue", flash, "admin.catalogue." + name + ".saved", id);
        } catch (ApiProblem.Refused refused) {
            return page(AdminForms.again(PAGE, name, form, refused.problem()));
        }
    }

    private ModelAndView post(MultiValueMap<String, String> form, RedirectAttributes flash, String name, String path,
                              Map<String, Object> body, String id) {
        try {
            api.send("POST", path, body);
            return forms.seeOther("/console/admin/catalogue", flash, "admin.catalogue." + name + ".saved", id);
        } catch (ApiProblem.Refused refused) {
            return page(AdminForms.again(PAGE, name, form, refused.problem()));
        }
    }

    /** The record's id as typed; an empty one is sent as a blank path segment, which the API refuses. */
    private static String id(MultiValueMap<String, String> form, String field) {
        String id = AdminForms.first(form, field);
        return id == null ? " " : id;
    }

    private ModelAndView page(ModelAndView page) {
        page.addObject("kinds", KINDS);
        page.getModel().putIfAbsent("input", FormInput.NONE);
        page.addObject("providers", api.list("/providers"));
        page.addObject("clusters", api.list("/clusters"));
        page.addObject("pools", api.list("/pools"));
        return page;
    }
}
