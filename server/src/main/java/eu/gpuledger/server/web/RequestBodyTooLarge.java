package eu.gpuledger.server.web;

import java.io.IOException;
import java.util.Optional;

/**
 * A request body past the limit of its kind of endpoint ({@link RequestBodyLimits}). An I/O failure, because it is
 * thrown from the body's stream while a reader (Jackson, the sacct reader) reads it; whatever wraps it on the way
 * up, {@link #in} finds it again and the answer is a 413.
 */
public class RequestBodyTooLarge extends IOException {

    private static final int CAUSES_MAX = 20;

    public RequestBodyTooLarge(RequestBodyLimits.Kind kind, long limitBytes) {
        super("the request body is larger than the " + limitBytes + " bytes allowed for " + kind.description()
                + " (setting " + kind.setting() + ")");
    }

    /** This refusal among the causes of {@code failure}, if it is one of them. */
    public static Optional<RequestBodyTooLarge> in(Throwable failure) {
        Throwable cause = failure;
        for (int depth = 0; cause != null && depth < CAUSES_MAX; depth++, cause = cause.getCause()) {
            if (cause instanceof RequestBodyTooLarge tooLarge) {
                return Optional.of(tooLarge);
            }
        }
        return Optional.empty();
    }
}
