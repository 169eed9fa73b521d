package eu.gpuledger.server.console.admin;

import eu.gpuledger.server.console.ApiProblem;
import eu.gpuledger.server.console.ConsoleApi;
import org.springframework.stereotype.Controller;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Projects, the national dossiers of the catalogue: found by words and filters a page at a time, registered (an
 * idempotent PUT) and their description corrected (a new version with its reason) by administrators.
 */
@Controller
public class ProjectPages {

    static final String PAGE = "console/admin/projects";
    static final List<String> AUDIENCES = List.of("ACADEMIC", "STARTUP_SME", "LARGE_COMPANY", "PUBLIC_SERVICE");
    static final List<String> ACCESS_MODES = List.of("GENCI_DYNAMIC", "GENCI_REGULAR", "EUROHPC_EXTREME_SCALE",
            "EUROHPC_REGULAR", "EUROHPC_BENCHMARK", "EUROHPC_DEVELOPMENT", "EUROHPC_AI_FACTORY", "PAID");
    /** The filters of the list, as the API names them. */
    static final List<String> FILTERS = List.of("q", "audience", "accessMode", "organisation", "providerId");

    private final ConsoleApi api;
    private final AdminForms forms;

    public ProjectPages(ConsoleApi api, AdminForms forms) {
        this.api = api;
        this.forms = forms;
    }

    @GetMapping("/console/admin/catalogue/projects")
    public ModelAndView list(@RequestParam Map<String, String> query) {
        return page(new ModelAndView(PAGE), query);
    }

    @PostMapping("/console/admin/catalogue/projects")
    public ModelAndView register(@RequestParam MultiValueMap<String, String> form, RedirectAttributes flash) {
        String projectId = AdminForms.first(form, "projectId");
        try {
            api.send("PUT", ConsoleApi.path("/projects/{id}", projectId == null ? " " : projectId),
                    AdminForms.body(form).text("title").text("principalInvestigator").text("organisation")
                            .text("audience").text("sector").text("accessMode").json());
            return forms.seeOther(shown(projectId), flash, "admin.projects.saved", projectId);
        } catch (ApiProblem.Refused refused) {
            return page(AdminForms.again(PAGE, "project", form, refused.problem()), Map.of());
        }
    }

    @PostMapping("/console/admin/catalogue/project-corrections")
    public ModelAndView correct(@RequestParam MultiValueMap<String, String> form, RedirectAttributes flash) {
        String projectId = AdminForms.first(form, "correctedProjectId");
        try {
            api.send("POST", ConsoleApi.path("/projects/{id}/corrections", projectId == null ? " " : projectId),
                    AdminForms.body(form).text("commandId", "correctionId").text("correctedTitle", "title")
                            .text("correctedPrincipalInvestigator", "principalInvestigator")
                            .text("correctedOrganisation", "organisation").text("reason").json());
            return forms.seeOther(shown(projectId), flash, "admin.projects.corrected", projectId);
        } catch (ApiProblem.Refused refused) {
            return page(AdminForms.again(PAGE, "project-correction", form, refused.problem()), Map.of());
        }
    }

    /** The list found by the project's id, where the person sees what they registered or corrected. */
    private static String shown(String projectId) {
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("q", projectId);
        return ConsoleApi.path("/console/admin/catalogue/projects", query);
    }

    private ModelAndView page(ModelAndView page, Map<String, String> query) {
        page.addObject("audiences", AUDIENCES);
        page.addObject("accessModes", ACCESS_MODES);
        page.getModel().putIfAbsent("input", FormInput.NONE);
        Map<String, Object> asked = new LinkedHashMap<>();
        for (String filter : FILTERS) {
            asked.put(filter, query.get(filter));
        }
        page.addObject("filters", asked);
        asked.put("after", query.get("after"));
        try {
            Map<String, Object> projects = api.get(ConsoleApi.path("/projects", asked));
            page.addObject("projects", ConsoleApi.items(projects));
            page.addObject("next", projects.get("next"));
        } catch (ApiProblem.Refused refused) {
            page.addObject("listProblem", refused.problem());
            page.addObject("projects", List.of());
        }
        page.addObject("providers", api.list("/providers"));
        return page;
    }
}
