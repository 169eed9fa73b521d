package eu.gpuledger.server.console;

import org.springframework.http.HttpStatus;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.view.RedirectView;

/**
 * What every console form answers after the API accepted its command: 303 See Other to the page that shows the
 * result, so that reloading that page sends nothing again (Spring's {@code redirect:} would answer 302). The flash
 * attributes the controller added travel with it; the model does not go into the address.
 */
public final class SeeOther {

    private SeeOther() {
    }

    /** @param path the console path, already encoded */
    public static ModelAndView to(String path) {
        RedirectView view = new RedirectView(path, true);
        view.setStatusCode(HttpStatus.SEE_OTHER);
        view.setHttp10Compatible(false);
        view.setExposeModelAttributes(false);
        view.setExpandUriTemplateVariables(false);
        return new ModelAndView(view);
    }
}
