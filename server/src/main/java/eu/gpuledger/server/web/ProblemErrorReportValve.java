package eu.gpuledger.server.web;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * Tomcat's own error page, for what it refuses before the application sees the request (a path with a broken
 * %-encoding, a malformed request line): the same problem+json as every other error, instead of Tomcat's HTML.
 * Errors the application answered itself already carry their body and are left alone.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        String detail = status == 400
                ? "the request could not be read before it reached the ledger: its path, query or headers are"
                + " malformed (a broken %-encoding, say)"
                : "the server refused the request before it reached the ledger";
        String json = "{\"type\":\"" + ProblemHandling.PROBLEM_BASE + "malformed-request\",\"title\":\"Malformed request\","
                + "\"status\":" + status + ",\"detail\":\"" + detail + "\"}";
        try {
            response.setContentType("application/problem+json");
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(json);
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException ignored) {
            // the client is gone or the response was taken over: nothing more can be said to it
        }
    }
}
