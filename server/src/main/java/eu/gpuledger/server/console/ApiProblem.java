package eu.gpuledger.server.console;

import java.util.Map;

/**
 * A refusal by the ledger's HTTP API, as the console received it (RFC 9457 problem details): shown to the person next
 * to the form or the page that caused it, never translated into a rule of the console's own.
 *
 * @param status     the HTTP status the API answered
 * @param title      the problem's short title
 * @param detail     what was wrong, naming the field or line
 * @param properties every member of the problem (its {@code type}, and extras such as {@code rejected} lines)
 */
public record ApiProblem(int status, String title, String detail, Map<String, Object> properties) {

    public ApiProblem {
        properties = properties == null ? Map.of() : Map.copyOf(properties);
    }

    /** Thrown by {@link ConsoleApi} for every answer that is not a success. */
    public static final class Refused extends RuntimeException {

        private final ApiProblem problem;

        public Refused(ApiProblem problem) {
            super(problem.status() + " " + problem.title() + ": " + problem.detail());
            this.problem = problem;
        }

        public ApiProblem problem() {
            return problem;
        }
    }
}
