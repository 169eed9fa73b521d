package eu.gpuledger.server.readyourwrites;

import eu.gpuledger.server.web.ProblemHandling;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** A write whose events the read models had not processed within the bound: 503, to be repeated (idempotent). */
@RestControllerAdvice
public class ProjectionsBehindProblem {

    /** Seconds a client is asked to wait before repeating the write. */
    static final int RETRY_AFTER_SECONDS = 1;

    @ExceptionHandler(ProjectionsBehind.class)
    public ResponseEntity<ProblemDetail> behind(ProjectionsBehind behind) {
        ProblemDetail problem = ProblemHandling.problem(HttpStatus.SERVICE_UNAVAILABLE, "read-models-behind",
                behind.getMessage());
        problem.setProperty("readModelsBehind", behind.behind());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, Integer.toString(RETRY_AFTER_SECONDS)).body(problem);
    }
}
