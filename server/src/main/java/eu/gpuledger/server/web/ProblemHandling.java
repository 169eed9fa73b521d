package eu.gpuledger.server.web;

import eu.gpuledger.ledger.identity.InvalidIdentifierException;
import eu.gpuledger.ledger.refusal.LedgerRefusal;
import eu.gpuledger.server.readyourwrites.ProjectionsBehind;
import eu.gpuledger.server.usage.ImportTooLarge;
import eu.gpuledger.server.web.usage.ImportAnswer;
import jakarta.servlet.http.HttpServletRequest;
import org.axonframework.eventsourcing.IncompatibleAggregateException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.common.AxonException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import org.springframework.http.ResponseEntity;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Every refusal becomes an RFC 9457 problem: a type per kind of problem, a title, a detail that names the field,
 * line, parameter or path, and the status of API.md (400 bad input, 404 unknown id or path, 409 conflict, 413 too
 * large, 422 business rule). Failures nobody foresaw are logged under a correlation id that the 500 answer carries,
 * and nothing of them (message, stack trace) goes to the client. {@link ProblemErrorController} does the same for
 * what fails before or outside Spring MVC. docs/errors-and-limits.md says why.
 */
@RestControllerAdvice
public class ProblemHandling extends ResponseEntityExceptionHandler {

    public static final String PROBLEM_BASE = "https://gpu-ledger.eu/problems/";

    /** The kinds of problem the HTTP edge itself answers (the ledger's refusals bring their own types). */
    public static final String INVALID_INPUT = "invalid-input";
    public static final String MALFORMED_BODY = "malformed-body";
    public static final String UNKNOWN_FIELD = "unknown-field";
    public static final String WRONG_TYPE = "wrong-type";
    public static final String BODY_TOO_LARGE = "body-too-large";
    public static final String MISSING_PARAMETER = "missing-parameter";
    public static final String INVALID_PARAMETER = "invalid-parameter";
    public static final String UNKNOWN_PATH = "unknown-path";
    public static final String METHOD_NOT_ALLOWED = "method-not-allowed";
    public static final String NOT_ACCEPTABLE = "not-acceptable";
    public static final String UNSUPPORTED_MEDIA_TYPE = "unsupported-media-type";
    public static final String INTERNAL_ERROR = "internal-error";
    /** No bearer token, or one that is not valid (401); a role that does not reach the endpoint (403). */
    public static final String UNAUTHENTICATED = "unauthenticated";
    public static final String FORBIDDEN = "forbidden";
    public static final List<String> EDGE_TYPES = List.of(INVALID_INPUT, MALFORMED_BODY, UNKNOWN_FIELD, WRONG_TYPE,
            BODY_TOO_LARGE, MISSING_PARAMETER, INVALID_PARAMETER, UNKNOWN_PATH, METHOD_NOT_ALLOWED, NOT_ACCEPTABLE,
            UNSUPPORTED_MEDIA_TYPE, INTERNAL_ERROR, UNAUTHENTICATED, FORBIDDEN);

    public static final String REFUSED_BY_THE_FIREWALL = "the request was refused before it was read: ";

    /** The problem property that carries the id under which an unexpected failure was logged. */
    public static final String CORRELATION_ID = "correlationId";

    private static final Logger log = LoggerFactory.getLogger(ProblemHandling.class);

    @ExceptionHandler(LedgerRefusal.class)
    public ProblemDetail refused(LedgerRefusal refusal) {
        HttpStatus status = switch (refusal.kind()) {
            case RULE -> HttpStatus.UNPROCESSABLE_CONTENT;
            case CONFLICT -> HttpStatus.CONFLICT;
            case UNKNOWN_REFERENCE -> HttpStatus.NOT_FOUND;
            case BAD_INPUT -> HttpStatus.BAD_REQUEST;
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
        };
        return problem(status, refusal.problem(), refusal.getMessage());
    }

    @ExceptionHandler({InvalidIdentifierException.class, IllegalArgumentException.class})
    public ProblemDetail badInput(IllegalArgumentException invalid) {
        return problem(HttpStatus.BAD_REQUEST, INVALID_INPUT, invalid.getMessage());
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

    /**
     * A write whose events the read models had not processed within the bound (docs/read-your-writes.md): 503 with
     * the processors behind; the write is stored and repeating it is safe.
     */
    @ExceptionHandler(ProjectionsBehind.class)
    public ResponseEntity<ProblemDetail> readModelsBehind(ProjectionsBehind behind) {
        ProblemDetail problem = problem(HttpStatus.SERVICE_UNAVAILABLE, "read-models-behind", behind.getMessage());
        problem.setProperty("readModelsBehind", behind.behind());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, Integer.toString(ProjectionsBehind.RETRY_AFTER_SECONDS)).body(problem);
    }

    /**
     * Every record of the write model (provider, cluster, pool, project, allocation, transfer) is an aggregate whose
     * id is its key in one event store: an id already taken by a record of another kind cannot be loaded as this
     * kind (Axon finds none of its own events among the stored ones). Nothing was stored; the client chose an id
     * that is taken, which is a conflict, not a failure of the ledger.
     */
    @ExceptionHandler(IncompatibleAggregateException.class)
    public ProblemDetail idTakenByAnotherKind(IncompatibleAggregateException incompatible, HttpServletRequest request) {
        if (!String.valueOf(incompatible.getMessage()).contains(ID_OF_ANOTHER_KIND)) {
            return unexpectedFailure(incompatible, request.getMethod() + " " + request.getRequestURI());
        }
        return problem(HttpStatus.CONFLICT, "identifier-taken", "the id in " + request.getRequestURI()
                + " (or in the body) already names another kind of record in the ledger: ids are unique across"
                + " providers, clusters, pools, projects, allocations and transfers; choose another");
    }

    /**
     * Spring Security's firewall refuses what no client of the ledger sends: a parameter name it does not allow (a
     * form whose field names are JSON), an encoded slash, a path with {@code ;}. 400, naming what was refused.
     */
    @ExceptionHandler(org.springframework.security.web.firewall.RequestRejectedException.class)
    public ProblemDetail rejectedByTheFirewall(org.springframework.security.web.firewall.RequestRejectedException rejected) {
        return problem(HttpStatus.BAD_REQUEST, INVALID_INPUT, REFUSED_BY_THE_FIREWALL
                + eu.gpuledger.ledger.limits.LedgerLimits.shown(rejected.getMessage()));
    }

    @ExceptionHandler(AggregateNotFoundException.class)
    public ProblemDetail unknown(AggregateNotFoundException unknown) {
        return problem(HttpStatus.NOT_FOUND, "unknown-reference", "'" + unknown.getAggregateIdentifier() + "' is not known to the ledger");
    }

    /** What still lost its race after {@code LostRaces.ATTEMPTS_MAX} attempts. */
    @ExceptionHandler({ConcurrencyException.class, AggregateStreamCreationException.class})
    public ProblemDetail concurrent(AxonException concurrent) {
        log.info("concurrent write refused: {}", concurrent.getMessage());
        return problem(HttpStatus.CONFLICT, "concurrent-write",
                "another write changed the same record at the same time; repeat the request (writes are idempotent)");
    }

    /**
     * What nobody foresaw. A body cut at its limit while a handler streams it (an import) surfaces here as an I/O
     * failure of the handler: it is still a 413.
     */
    @ExceptionHandler(Exception.class)
    public ResponseEntity<ProblemDetail> unexpected(Exception failure, HttpServletRequest request) {
        Optional<RequestBodyTooLarge> tooLarge = RequestBodyTooLarge.in(failure);
        if (tooLarge.isPresent()) {
            return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(tooLarge(tooLarge.get()));
        }
        if (databaseUnreachable(failure)) {
            log.warn("PostgreSQL unreachable while answering {} {}: {}", request.getMethod(), request.getRequestURI(),
                    failure.toString());
            ProblemDetail problem = problem(HttpStatus.SERVICE_UNAVAILABLE, "database-unavailable",
                    "the ledger's database could not be reached (restarting, or the connection broke) while answering "
                            + request.getMethod() + " " + request.getRequestURI() + "; whatever this request did"
                            + " was not acknowledged: read, or repeat it (writes are idempotent) in a moment");
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                    .header(HttpHeaders.RETRY_AFTER, Integer.toString(DATABASE_RETRY_AFTER_SECONDS)).body(problem);
        }
        return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR)
                .body(unexpectedFailure(failure, request.getMethod() + " " + request.getRequestURI()));
    }

    /** Seconds a client is asked to wait when the database could not be reached. */
    static final int DATABASE_RETRY_AFTER_SECONDS = 5;
    /** A bound on the walk down a failure's causes. */
    private static final int CAUSES_EXAMINED_MAX = 16;

    /**
     * Whether a failure is the database being out of reach: a connection failure (SQL state class 08), the server
     * shutting down or restarting (57P01 to 57P03), or no connection to be had from the pool in time.
     */
    static boolean databaseUnreachable(Throwable failure) {
        Throwable cause = failure;
        for (int depth = 0; cause != null && depth < CAUSES_EXAMINED_MAX; depth++, cause = cause.getCause()) {
            if (cause instanceof java.sql.SQLTransientConnectionException) {
                return true;
            }
            if (cause instanceof java.sql.SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
                return true;
            }
        }
        return false;
    }

    @ExceptionHandler(RequestBodyTooLarge.class)
    public ProblemDetail tooLarge(RequestBodyTooLarge tooLarge) {
        return problem(HttpStatus.CONTENT_TOO_LARGE, BODY_TOO_LARGE, tooLarge.getMessage());
    }

    /** Spring MVC's own refusals (405, 406, 415, 404, bad parameters, unreadable bodies) in the ledger's words. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception refusal, Object body, HttpHeaders headers,
                                                             HttpStatusCode status, WebRequest request) {
        String where = request instanceof ServletWebRequest servlet
                ? servlet.getRequest().getMethod() + " " + servlet.getRequest().getRequestURI() : "the request";
        ProblemDetail problem = edgeProblem(refusal, status, where, request);
        return super.handleExceptionInternal(refusal, problem, headers, HttpStatusCode.valueOf(problem.getStatus()),
                request);
    }

    private ProblemDetail edgeProblem(Exception refusal, HttpStatusCode status, String where, WebRequest request) {
        return switch (refusal) {
            case HttpMessageNotReadableException unreadable -> RequestBodyTooLarge.in(unreadable)
                    .map(this::tooLarge)
                    .orElseGet(() -> JsonProblems.of(unreadable));
            case NoResourceFoundException noResource -> unknownPath(where);
            case NoHandlerFoundException noHandler -> unknownPath(where);
            case HttpRequestMethodNotSupportedException method -> problem(status, METHOD_NOT_ALLOWED,
                    method.getMethod() + " is not a method of " + pathOf(where) + "; it takes "
                            + String.join(", ", Optional.ofNullable(method.getSupportedMethods()).orElse(new String[0])));
            case HttpMediaTypeNotSupportedException media -> problem(status, UNSUPPORTED_MEDIA_TYPE,
                    (media.getContentType() == null ? "a body without a Content-Type"
                            : "a body of Content-Type " + media.getContentType())
                            + " is not read by " + where + "; it reads " + mediaTypes(media.getSupportedMediaTypes()));
            case HttpMediaTypeNotAcceptableException media -> problem(status, NOT_ACCEPTABLE,
                    "the answer of " + where + " cannot be given as " + request.getHeader(HttpHeaders.ACCEPT)
                            + " (the Accept header); it is given as " + mediaTypes(media.getSupportedMediaTypes()));
            case MissingServletRequestParameterException missing -> problem(status, MISSING_PARAMETER,
                    "query parameter " + missing.getParameterName() + " is required");
            case TypeMismatchException mismatch -> problem(status, INVALID_PARAMETER, "parameter "
                    + mismatch.getPropertyName() + " must be " + JsonProblems.expected(mismatch.getRequiredType())
                    + ", got '" + mismatch.getValue() + "'");
            case MethodArgumentNotValidException invalid -> problem(status, INVALID_INPUT,
                    invalid.getBindingResult().getFieldErrors().stream()
                            .map(error -> error.getField() + " " + error.getDefaultMessage())
                            .collect(Collectors.joining("; ")));
            case HandlerMethodValidationException invalid -> problem(status, INVALID_INPUT,
                    invalid.getAllErrors().stream().map(error -> error.getDefaultMessage())
                            .collect(Collectors.joining("; ")));
            default -> status.is5xxServerError() ? unexpectedFailure(refusal, where)
                    : statusProblem(status, where, refusal instanceof ErrorResponse response
                            ? response.getBody().getDetail() : null);
        };
    }

    /** Logs the failure in full under a new correlation id; the client gets the id and nothing of the failure. */
    static ProblemDetail unexpectedFailure(Throwable failure, String where) {
        String correlationId = UUID.randomUUID().toString();
        log.error("unexpected failure of {}, correlation id {}", where, correlationId, failure);
        ProblemDetail problem = problem(HttpStatus.INTERNAL_SERVER_ERROR, INTERNAL_ERROR,
                "the ledger failed to answer " + where + " for a reason of its own, not because of the"
                        + " request; whether a write took effect is not known: read before repeating it (writes are"
                        + " idempotent). The server's log has the failure under correlation id " + correlationId);
        problem.setProperty(CORRELATION_ID, correlationId);
        return problem;
    }

    static ProblemDetail unknownPath(String where) {
        return problem(HttpStatus.NOT_FOUND, UNKNOWN_PATH, "there is no endpoint at " + where
                + "; the API is under /api/v1 and /v3/api-docs lists it");
    }

    /** What Axon says when an aggregate's stored events are of another aggregate type (EventSourcedAggregate). */
    private static final String ID_OF_ANOTHER_KIND = "must be non-null after applying an event";

    public static ProblemDetail problem(HttpStatusCode status, String type, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(PROBLEM_BASE + type));
        problem.setTitle(titleOf(type));
        return problem;
    }

    private static String titleOf(String type) {
        String words = type.replace('-', ' ');
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    private static String pathOf(String where) {
        return where.substring(where.indexOf(' ') + 1);
    }

    private static String mediaTypes(List<MediaType> types) {
        return types.isEmpty() ? "no body" : types.stream().map(MediaType::toString).collect(Collectors.joining(", "));
    }

    /** A refusal that only its status describes: its type is the status's name ({@code conflict}, ...). */
    static ProblemDetail statusProblem(HttpStatusCode status, String where, String detail) {
        HttpStatus known = HttpStatus.resolve(status.value());
        String reason = known == null ? "status " + status.value() : known.getReasonPhrase();
        String type = status.value() == 400 || known == null ? INVALID_INPUT
                : reason.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
        return problem(status, type, where + " cannot be answered: " + (detail == null ? reason : detail));
    }
}
