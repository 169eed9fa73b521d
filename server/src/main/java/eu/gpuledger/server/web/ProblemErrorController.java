package eu.gpuledger.server.web;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.Optional;

/**
 * What the servlet container answers when a request fails outside Spring MVC's handlers (in a filter, or a status
 * a filter or the container set), in place of Spring Boot's error page and its {@code {"timestamp", "path"}} JSON:
 * the same problems as {@link ProblemHandling}, an unexpected failure logged under a correlation id.
 */
@Hidden
@RestController
public class ProblemErrorController implements ErrorController {

    @RequestMapping(path = "${server.error.path:${error.path:/error}}",
            produces = {MediaType.APPLICATION_PROBLEM_JSON_VALUE, MediaType.APPLICATION_JSON_VALUE, MediaType.ALL_VALUE})
    public ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        ProblemDetail problem = problemOf(request);
        String path = (String) request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        if (path != null) {
            problem.setInstance(URI.create(path));
        }
        return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    private static ProblemDetail problemOf(HttpServletRequest request) {
        Object statusCode = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        Throwable failure = (Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        String path = Optional.ofNullable((String) request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI))
                .orElse(request.getRequestURI());
        String where = Optional.ofNullable((String) request.getAttribute(RequestDispatcher.ERROR_METHOD))
                .orElse(request.getMethod()) + " " + path;
        if (failure != null) {
            return RequestBodyTooLarge.in(failure)
                    .map(tooLarge -> ProblemHandling.problem(HttpStatus.CONTENT_TOO_LARGE, ProblemHandling.BODY_TOO_LARGE,
                            tooLarge.getMessage()))
                    .orElseGet(() -> ProblemHandling.unexpectedFailure(failure, where));
        }
        if (!(statusCode instanceof Integer code)) {
            return ProblemHandling.unknownPath(where);
        }
        HttpStatusCode status = HttpStatusCode.valueOf(code);
        return switch (code) {
            case 404 -> ProblemHandling.unknownPath(where);
            case 413 -> ProblemHandling.problem(status, ProblemHandling.BODY_TOO_LARGE,
                    "the request body of " + where + " is larger than the server accepts");
            default -> status.is5xxServerError() ? ProblemHandling.unexpectedFailure(
                    new IllegalStateException("status " + code + " set outside Spring MVC"), where)
                    : ProblemHandling.statusProblem(status, where, null);
        };
    }
}
