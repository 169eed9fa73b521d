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
 * API tokens for machines (docs/security.md), administrators only: the list, a form to issue one, a revocation. The
 * token itself is in the issue's answer only: passed to the next page once, shown there with the advice to copy it,
 * and never kept by the console.
 */
@Controller
public class TokenPages {

    static final String PAGE = "console/admin/tokens";
    /** The roles a token may have (the API's list; it refuses any other). */
    static final List<String> ROLES = List.of("ADMIN", "CENTRE_ACCOUNTANT", "FUNDER", "AUDITOR", "QUOTA_HOOK", "PI",
            "SCRAPE");

    private final ConsoleApi api;
    private final AdminForms forms;

    public TokenPages(ConsoleApi api, AdminForms forms) {
        this.api = api;
        this.forms = forms;
    }

    @GetMapping("/console/admin/tokens")
    public ModelAndView list(@RequestParam(required = false) String after) {
        return page(new ModelAndView(PAGE), after);
    }

    @PostMapping("/console/admin/tokens")
    public ModelAndView issue(@RequestParam MultiValueMap<String, String> form, RedirectAttributes flash) {
        try {
            Map<String, Object> issued = api.send("POST", "/admin/tokens", AdminForms.body(form).text("name")
                    .text("description").text("role").list("scope").instant("expiresAt").json()).object();
            flash.addFlashAttribute("issuedToken", issued.get("token"));
            Object view = issued.get("view");
            Object tokenId = view instanceof Map<?, ?> map ? map.get("tokenId") : null;
            return forms.seeOther("/console/admin/tokens", flash, "admin.tokens.issued", tokenId);
        } catch (ApiProblem.Refused refused) {
            return page(AdminForms.again(PAGE, "token", form, refused.problem()), null);
        }
    }

    @PostMapping("/console/admin/tokens/{tokenId}/revoke")
    public ModelAndView revoke(@PathVariable String tokenId, @RequestParam MultiValueMap<String, String> form,
                               RedirectAttributes flash) {
        try {
            api.send("DELETE", ConsoleApi.path("/admin/tokens/{id}", tokenId), null);
            return forms.seeOther("/console/admin/tokens", flash, "admin.tokens.revoked", tokenId);
        } catch (ApiProblem.Refused refused) {
            return page(AdminForms.again(PAGE, "revoke", form, refused.problem()), null);
        }
    }

    private ModelAndView page(ModelAndView page, String after) {
        page.addObject("roles", ROLES);
        page.getModel().putIfAbsent("input", FormInput.NONE);
        try {
            Map<String, Object> tokens = api.get(ConsoleApi.path("/admin/tokens",
                    Map.of("after", after == null ? "" : after)));
            page.addObject("tokens", ConsoleApi.items(tokens));
            page.addObject("next", tokens.get("next"));
        } catch (ApiProblem.Refused refused) {
            page.addObject("listProblem", refused.problem());
            page.addObject("tokens", List.of());
        }
        return page;
    }
}
