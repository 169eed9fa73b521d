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
 * Rate cards (issue 14): what a funder pays per GPU-hour or per normalised GPU-hour of a pool from an instant on. The
 * list is filtered by funder and pool; an entry is added by administrators, its {@code rateId} the form's command id
 * so that a second submission is the same entry.
 */
@Controller
public class RatePages {

    static final String PAGE = "console/admin/rates";
    static final List<String> FUNDERS = List.of("GENCI", "EUROHPC_JU", "PRIVATE_CONTRACT");

    private final ConsoleApi api;
    private final AdminForms forms;

    public RatePages(ConsoleApi api, AdminForms forms) {
        this.api = api;
        this.forms = forms;
    }

    @GetMapping("/console/admin/rates")
    public ModelAndView list(@RequestParam(required = false) String funder,
                             @RequestParam(required = false) String poolId,
                             @RequestParam(required = false) String after) {
        return page(new ModelAndView(PAGE), funder, poolId, after);
    }

    @PostMapping("/console/admin/rates")
    public ModelAndView add(@RequestParam MultiValueMap<String, String> form, RedirectAttributes flash) {
        String amountMember = "NORMALISED_GPU_HOUR".equals(AdminForms.first(form, "unit"))
                ? "eurPerNormalisedGpuHour" : "eurPerGpuHour";
        try {
            api.send("POST", "/rates", AdminForms.body(form).text("commandId", "rateId").text("funder")
                    .text("poolId").instant("effectiveFrom").number("amount", amountMember).json());
            Map<String, Object> shown = new LinkedHashMap<>();
            shown.put("poolId", AdminForms.first(form, "poolId"));
            return forms.seeOther(ConsoleApi.path("/console/admin/rates", shown), flash, "admin.rates.added",
                    AdminForms.first(form, "poolId"));
        } catch (ApiProblem.Refused refused) {
            return page(AdminForms.again(PAGE, "rate", form, refused.problem()), null, null, null);
        }
    }

    private ModelAndView page(ModelAndView page, String funder, String poolId, String after) {
        page.addObject("funders", FUNDERS);
        page.getModel().putIfAbsent("input", FormInput.NONE);
        page.addObject("funder", funder);
        page.addObject("poolId", poolId);
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("funder", funder);
        query.put("poolId", poolId);
        query.put("after", after);
        try {
            Map<String, Object> rates = api.get(ConsoleApi.path("/rates", query));
            page.addObject("rates", ConsoleApi.items(rates));
            page.addObject("next", rates.get("next"));
        } catch (ApiProblem.Refused refused) {
            page.addObject("listProblem", refused.problem());
            page.addObject("rates", List.of());
        }
        page.addObject("pools", api.list("/pools"));
        return page;
    }
}
