package eu.gpuledger.server.console;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;

import java.util.UUID;

/**
 * What every console page has: the person signed in, the page's own address (for the language switch), and a fresh
 * command id for its forms. A refusal of the API that a page did not show next to its form is shown on a page of its
 * own, with the API's status; a 401 (the token expired or was revoked) sends the person to sign in again.
 */
@ControllerAdvice(basePackages = "eu.gpuledger.server.console")
public class ConsoleAdvice {

    static final String USER = ConsoleUser.class.getName();

    private final ConsoleApi api;

    public ConsoleAdvice(ConsoleApi api) {
        this.api = api;
    }

    @ModelAttribute("user")
    public ConsoleUser user(HttpServletRequest request) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !authentication.isAuthenticated()
                || request.getRequestURI().endsWith("/console/sign-in")) {
            return null;
        }
        if (authentication.getPrincipal() instanceof ConsoleUser user) {
            return user;
        }
        HttpSession session = request.getSession();
        if (session.getAttribute(USER) instanceof ConsoleUser user) {
            return user;
        }
        ConsoleUser user = ConsoleUser.of(api.get("/me"));
        session.setAttribute(USER, user);
        return user;
    }

    /** The page's path, for the menu's current entry. */
    @ModelAttribute("here")
    public String here(HttpServletRequest request) {
        return request.getRequestURI();
    }

    /** The page's address with one query parameter changed: {@code ${currentPage.with('lang', 'fr')}}. */
    @ModelAttribute("currentPage")
    public CurrentPage page(HttpServletRequest request) {
        return new CurrentPage(request.getRequestURI(), request.getQueryString());
    }

    /**
     * A client-chosen id for the command a form sends, made when the form is shown: submitting the same form twice
     * sends the same id, which the ledger answers with the first result, so nothing is booked twice.
     */
    @ModelAttribute("commandId")
    public String commandId() {
        return UUID.randomUUID().toString();
    }

    @ExceptionHandler(ApiProblem.Refused.class)
    public String refused(ApiProblem.Refused refused, Model model, HttpServletRequest request,
                          HttpServletResponse response) {
        if (refused.problem().status() == HttpServletResponse.SC_UNAUTHORIZED) {
            SecurityContextHolder.clearContext();
            return "redirect:/console/sign-in?expired";
        }
        // an exception handler's model starts empty: the page's header needs these as every page does
        model.addAttribute("user", user(request));
        model.addAttribute("here", here(request));
        model.addAttribute("currentPage", page(request));
        response.setStatus(refused.problem().status());
        model.addAttribute("problem", refused.problem());
        return "console/problem";
    }
}
