package eu.gpuledger.server.readyourwrites;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;

import java.io.IOException;

/**
 * Notes the events every API request stores and, before the answer leaves, waits for the read models to have
 * processed them ({@link ProjectionBarrier}). Controllers that answer with a read model (the balance after a
 * supplement) wait earlier, through the gateway, and this finds nothing left to wait for; the streaming imports,
 * whose answers tally what was booked, are covered here.
 * <p>
 * The answer is held in the response buffer until then: when the wait fails, the buffer is reset and the request
 * is answered 503 instead (through the same problem handling as every other error). An answer larger than the
 * buffer is already on its way when the wait runs; such answers (none of the writes' today) are read answers.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE - 10)
public class ReadYourWritesFilter extends OncePerRequestFilter {

    /** Buffer that holds a write's answer until its events are projected. */
    static final int ANSWER_BUFFER_BYTES = 256 * 1024;

    private final WrittenEvents writtenEvents;
    private final ProjectionBarrier barrier;
    private final HandlerExceptionResolver problems;

    public ReadYourWritesFilter(WrittenEvents writtenEvents, ProjectionBarrier barrier,
                                @Qualifier("handlerExceptionResolver") HandlerExceptionResolver handlerExceptionResolver) {
        this.writtenEvents = writtenEvents;
        this.barrier = barrier;
        this.problems = handlerExceptionResolver;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String method = request.getMethod();
        return "GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method)
                || !request.getRequestURI().startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        response.setBufferSize(ANSWER_BUFFER_BYTES);
        try (WrittenEvents.Scope ignored = writtenEvents.open()) {
            chain.doFilter(request, response);
            try {
                barrier.awaitWrites();
            } catch (ProjectionsBehind behind) {
                if (response.isCommitted()) {
                    throw behind;
                }
                response.reset();
                problems.resolveException(request, response, null, behind);
            }
        }
    }
}
