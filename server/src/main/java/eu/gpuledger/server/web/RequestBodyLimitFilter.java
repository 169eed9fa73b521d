package eu.gpuledger.server.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * Holds every request body to the limit of its kind of endpoint ({@link RequestBodyLimits}): a declared
 * Content-Length past it is refused before a byte is read; a body without one (chunked) is counted as it is read
 * and cut with {@link RequestBodyTooLarge} at the first byte past it. Either way the answer is a 413 problem. It
 * runs first, before any filter or handler can read the body.
 *
 * <p>A JSON write is read whole before anything is done, so a cut one stores nothing. An import books its records
 * in batches as it streams: a body cut past the import limit keeps the batches booked before the cut (each record
 * once, by its id; sending the rest again books only the rest).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
public class RequestBodyLimitFilter extends OncePerRequestFilter {

    private final RequestBodyLimits limits;
    private final HandlerExceptionResolver problems;

    public RequestBodyLimitFilter(RequestBodyLimits limits,
                                  @Qualifier("handlerExceptionResolver") HandlerExceptionResolver problems) {
        this.limits = limits;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        RequestBodyLimits.Kind kind = limits.kindOf(request.getRequestURI().substring(request.getContextPath().length()));
        long limitBytes = limits.bytesOf(kind);
        if (request.getContentLengthLong() > limitBytes) {
            problems.resolveException(request, response, null, new RequestBodyTooLarge(kind, limitBytes));
            return;
        }
        chain.doFilter(new LimitedRequest(request, kind, limitBytes), response);
    }

    /** The request with its body read through a {@link LimitedInput}, as a stream or as a reader. */
    private static final class LimitedRequest extends HttpServletRequestWrapper {
        private final RequestBodyLimits.Kind kind;
        private final long limitBytes;
        private ServletInputStream input;
        private BufferedReader reader;

        LimitedRequest(HttpServletRequest request, RequestBodyLimits.Kind kind, long limitBytes) {
            super(request);
            this.kind = kind;
            this.limitBytes = limitBytes;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (input == null) {
                input = new LimitedInput(super.getInputStream(), kind, limitBytes);
            }
            return input;
        }

        @Override
        public BufferedReader getReader() throws IOException {
            if (reader == null) {
                String encoding = getCharacterEncoding();
                Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
                reader = new BufferedReader(new InputStreamReader(getInputStream(), charset));
            }
            return reader;
        }
    }

    /** Counts the bytes read and refuses the first one past the limit. */
    private static final class LimitedInput extends ServletInputStream {
        private final ServletInputStream body;
        private final RequestBodyLimits.Kind kind;
        private final long limitBytes;
        private long readBytes;

        LimitedInput(ServletInputStream body, RequestBodyLimits.Kind kind, long limitBytes) {
            this.body = body;
            this.kind = kind;
            this.limitBytes = limitBytes;
        }

        @Override
        public int read() throws IOException {
            int next = body.read();
            if (next >= 0) {
                count(1);
            }
            return next;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int read = body.read(buffer, offset, length);
            if (read > 0) {
                count(read);
            }
            return read;
        }

        private void count(int bytes) throws RequestBodyTooLarge {
            readBytes += bytes;
            if (readBytes > limitBytes) {
                throw new RequestBodyTooLarge(kind, limitBytes);
            }
        }

        @Override
        public boolean isFinished() {
            return body.isFinished();
        }

        @Override
        public boolean isReady() {
            return body.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            body.setReadListener(listener);
        }

        @Override
        public int available() throws IOException {
            return body.available();
        }

        @Override
        public void close() throws IOException {
            body.close();
        }
    }
}
