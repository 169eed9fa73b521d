package eu.gpuledger.server.web;

import eu.gpuledger.ledger.identity.InvalidIdentifierException;
import eu.gpuledger.ledger.refusal.LedgerRefusal;
import eu.gpuledger.server.usage.ImportTooLarge;
import eu.gpuledger.server.web.usage.ImportAnswer;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

import java.net.URI;

/**
 * Every refusal becomes an RFC 9457 problem: a type per refusal, a title, a detail that names the field or line,
 * and the status of API.md (400 bad input, 404 unknown id, 409 conflict, 422 business rule).
 */
@RestControllerAdvice
public class ProblemHandling {

    public static final String PROBLEM_BASE = "https://gpu-ledger.eu/problems/";
    private static final Logger log = LoggerFactory.getLogger(ProblemHandling.class);

    @ExceptionHandler(LedgerRefusal.class)
    public ProblemDetail refused(LedgerRefusal refusal) {
        HttpStatus status = switch (refusal.kind()) {
            case RULE -> HttpStatus.UNPROCESSABLE_CONTENT;
            case CONFLICT -> HttpStatus.CONFLICT;
            case UNKNOWN_REFERENCE -> HttpStatus.NOT_FOUND;
            case BAD_INPUT -> HttpStatus.BAD_REQUEST;
        };
        return problem(status, refusal.problem(), refusal.getMessage());
    }

    @ExceptionHandler({InvalidIdentifierException.class, IllegalArgumentException.class})
    public ProblemDetail badInput(IllegalArgumentException invalid) {
        return problem(HttpStatus.BAD_REQUEST, "invalid-input", invalid.getMessage());
    }

    /** 413, with what was booked before the limit as the problem's members (the fields of an import's answer). */
    @ExceptionHandler(ImportTooLarge.class)
    public ProblemDetail importTooLarge(ImportTooLarge tooLarge) {
        ProblemDetail problem = problem(HttpStatus.CONTENT_TOO_LARGE, "import-too-large", tooLarge.getMessage());
        ImportAnswer booked = ImportAnswer.of(tooLarge.booked());
        problem.setProperty("linesMax", tooLarge.linesMax());
        problem.setProperty("lastLineRead", tooLarge.lastRead());
        problem.setProperty("accepted", booked.accepted());
        problem.setProperty("duplicates", booked.duplicates());
        problem.setProperty("ignored", booked.ignored());
        problem.setProperty("rejected", booked.rejected());
        problem.setProperty("rejectedTotal", booked.rejectedTotal());
        problem.setProperty("chargedGpuSeconds", booked.chargedGpuSeconds());
        problem.setProperty("chargedGpuHours", booked.chargedGpuHours());
        return problem;
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    public ProblemDetail unreadable(HttpMessageNotReadableException unreadable) {
        Throwable cause = unreadable.getMostSpecificCause();
        String detail = cause instanceof IllegalArgumentException ? cause.getMessage()
                : "the request body is not valid JSON for this endpoint: " + cause.getMessage();
        return problem(HttpStatus.BAD_REQUEST, "invalid-input", detail);
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    public ProblemDetail missingParameter(MissingServletRequestParameterException missing) {
        return problem(HttpStatus.BAD_REQUEST, "invalid-input", "query parameter " + missing.getParameterName() + " is required");
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    public ProblemDetail mismatch(MethodArgumentTypeMismatchException mismatch) {
        return problem(HttpStatus.BAD_REQUEST, "invalid-input",
                "parameter " + mismatch.getName() + " has an invalid value '" + mismatch.getValue() + "'");
    }

    @ExceptionHandler(AggregateNotFoundException.class)
    public ProblemDetail unknown(AggregateNotFoundException unknown) {
        return problem(HttpStatus.NOT_FOUND, "unknown-reference", "'" + unknown.getAggregateIdentifier() + "' is not known to the ledger");
    }

    @ExceptionHandler(ConcurrencyException.class)
    public ProblemDetail concurrent(ConcurrencyException concurrent) {
        log.info("concurrent write refused: {}", concurrent.getMessage());
        return problem(HttpStatus.CONFLICT, "concurrent-write",
                "another write changed the same record at the same time; repeat the request (writes are idempotent)");
    }

    public static ProblemDetail problem(HttpStatus status, String type, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(PROBLEM_BASE + type));
        problem.setTitle(titleOf(type));
        return problem;
    }

    private static String titleOf(String type) {
        String words = type.replace('-', ' ');
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }
}
