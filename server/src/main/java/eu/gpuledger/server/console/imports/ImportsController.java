package eu.gpuledger.server.console.imports;

import eu.gpuledger.server.console.SeeOther;
import eu.gpuledger.server.console.ApiProblem;
import eu.gpuledger.server.console.ConsoleApi;
import eu.gpuledger.server.web.RequestBodyLimits;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The imports pages: a {@code sacct --parsable2} export of a cluster or a private provider's billed-usage CSV sent to
 * the API as it was uploaded (streamed from the disk, never held whole), the API's answer shown on a result page; the
 * usage records the ledger kept for want of an allocation, and their retry. What is accepted, rejected or kept is
 * the API's answer, shown as it came.
 */
@Controller
@RequestMapping("/console/imports")
public class ImportsController {

    /** Kept records a page of the list shows. */
    static final int UNMATCHED_PAGE = 50;

    private final ConsoleApi api;
    private final RequestBodyLimits limits;

    public ImportsController(ConsoleApi api, RequestBodyLimits limits) {
        this.api = api;
        this.limits = limits;
    }

    /** What the upload was, for the result page's heading. */
    public record Upload(String kind, String fileName, String cluster, long sizeBytes) {
    }

    @GetMapping
    public String upload(Model model) {
        return uploadPage(model, null, null);
    }

    @PostMapping("/sacct")
    public ModelAndView sacct(@RequestParam(required = false) String cluster, @RequestParam("file") MultipartFile file,
                        Model model, RedirectAttributes redirect, HttpServletResponse response) {
        Upload upload = new Upload("sacct", file.getOriginalFilename(), cluster, file.getSize());
        return send(ConsoleApi.path("/usage/sacct", Map.of("cluster", cluster == null ? "" : cluster)), "text/plain",
                file, upload, model, redirect, response);
    }

    @PostMapping("/billed")
    public ModelAndView billed(@RequestParam("file") MultipartFile file, Model model, RedirectAttributes redirect,
                         HttpServletResponse response) {
        Upload upload = new Upload("billed", file.getOriginalFilename(), null, file.getSize());
        return send("/usage/billed", "text/csv", file, upload, model, redirect, response);
    }

    private ModelAndView send(String path, String contentType, MultipartFile file, Upload upload, Model model,
                        RedirectAttributes redirect, HttpServletResponse response) {
        try {
            ConsoleApi.Answer answer = api.send("POST", path, () -> open(file), file.getSize(), contentType);
            redirect.addFlashAttribute("result", answer.object());
            redirect.addFlashAttribute("upload", upload);
            return SeeOther.to("/console/imports/result");
        } catch (ApiProblem.Refused refused) {
            response.setStatus(refused.problem().status());
            model.addAttribute("problem", refused.problem());
            model.addAttribute("refusedUpload", upload);
            return new ModelAndView(uploadPage(model, upload.kind(), upload.cluster()), model.asMap());
        }
    }

    private static InputStream open(MultipartFile file) {
        try {
            return file.getInputStream();
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
    }

    private String uploadPage(Model model, String kind, String cluster) {
        model.addAttribute("clusters", api.list("/clusters"));
        model.addAttribute("chosenCluster", cluster);
        model.addAttribute("refusedKind", kind);
        model.addAttribute("maxBytes", limits.importBodyBytes().toBytes());
        model.addAttribute("maxMegabytes", limits.importBodyBytes().toMegabytes());
        return "console/imports/upload";
    }

    /** The API's answer to the upload just sent (a flash attribute); a reload goes back to the upload form. */
    @GetMapping("/result")
    public String result(Model model) {
        if (!model.containsAttribute("result")) {
            return "redirect:/console/imports";
        }
        return "console/imports/result";
    }

    @GetMapping("/unmatched")
    public String unmatched(@RequestParam(required = false) String cluster,
                            @RequestParam(required = false) String account,
                            @RequestParam(required = false) String after, Model model,
                            HttpServletResponse response) {
        model.addAttribute("clusters", api.list("/clusters"));
        model.addAttribute("cluster", cluster);
        model.addAttribute("account", account);
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("cluster", cluster);
        query.put("account", account);
        query.put("after", after);
        query.put("limit", UNMATCHED_PAGE);
        try {
            Map<String, Object> page = api.get(ConsoleApi.path("/usage/unmatched", query));
            model.addAttribute("kept", ConsoleApi.items(page));
            model.addAttribute("next", page.get("next"));
        } catch (ApiProblem.Refused refused) {
            response.setStatus(refused.problem().status());
            model.addAttribute("problem", refused.problem());
        }
        return "console/imports/unmatched";
    }

    /** Books again the kept records whose allocation may now exist; the API's answer is shown on the list. */
    @PostMapping("/unmatched/retry")
    public ModelAndView retry(@RequestParam(required = false) String cluster, @RequestParam(required = false) String account,
                        Model model, RedirectAttributes redirect, HttpServletResponse response) {
        try {
            ConsoleApi.Answer answer = api.send("POST", "/usage/unmatched/retry", null);
            redirect.addFlashAttribute("retried", answer.object());
            Map<String, Object> query = new LinkedHashMap<>();
            query.put("cluster", cluster);
            query.put("account", account);
            return SeeOther.to(ConsoleApi.path("/console/imports/unmatched", query));
        } catch (ApiProblem.Refused refused) {
            String page = unmatched(cluster, account, null, model, response);
            response.setStatus(refused.problem().status());
            model.addAttribute("problem", refused.problem());
            return new ModelAndView(page, model.asMap());
        }
    }
}
