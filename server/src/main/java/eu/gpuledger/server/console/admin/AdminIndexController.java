package eu.gpuledger.server.console.admin;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The administration's index: the pages a person's roles reach (the API decides what each shows and accepts). */
@Controller
public class AdminIndexController {

    @GetMapping("/console/admin")
    public String index() {
        return "console/admin/index";
    }
}
