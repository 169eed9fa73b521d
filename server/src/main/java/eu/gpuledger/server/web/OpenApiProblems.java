package eu.gpuledger.server.web;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.Components;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.stream.Collectors;

/**
 * The OpenAPI document says what a refusal looks like: one shared {@code Problem} schema (RFC 9457 and the
 * ledger's {@code correlationId}), the default answer of every operation, and the 400 and 413 of every operation
 * that reads a body. Springdoc cannot infer these from the handlers: they come from {@link ProblemHandling}.
 */
@Configuration(proxyBeanMethods = false)
public class OpenApiProblems {

    static final String SCHEMA = "Problem";
    private static final String PROBLEM_JSON = org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE;

    @Bean
    OpenApiCustomizer problemResponses() {
        return openApi -> {
            if (openApi.getComponents() == null) {
                openApi.setComponents(new Components());
            }
            openApi.getComponents().addSchemas(SCHEMA, problemSchema());
            if (openApi.getPaths() == null) {
                return;
            }
            for (PathItem path : openApi.getPaths().values()) {
                for (Operation operation : path.readOperations()) {
                    describeProblems(operation);
                }
            }
        };
    }

    private static void describeProblems(Operation operation) {
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        operation.setResponses(responses);
        responses.addApiResponse("default", problem("a refusal or failure, as an RFC 9457 problem: 401 no valid bearer"
                + " token, 403 a role or scope that does not reach the request (docs/security.md), 404 unknown id or"
                + " path, 405, 406, 409 conflict with the ledger's state, 415, 422 a business rule refused it, 500 with a"
                + " correlation id"));
        if (operation.getRequestBody() != null) {
            responses.putIfAbsent("400", problem("the body is malformed, has an unknown field, a value of the wrong"
                    + " type or out of its bounds; the detail names the field or line"));
            responses.putIfAbsent("413", problem("the body is larger than the limit of its kind of endpoint"
                    + " (ledger.limits.json-body-bytes, ledger.limits.import-body-bytes)"));
        }
    }

    private static ApiResponse problem(String description) {
        return new ApiResponse().description(description).content(new Content().addMediaType(PROBLEM_JSON,
                new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + SCHEMA))));
    }

    private static Schema<?> problemSchema() {
        String edgeTypes = ProblemHandling.EDGE_TYPES.stream().map(type -> ProblemHandling.PROBLEM_BASE + type)
                .collect(Collectors.joining(", "));
        return new ObjectSchema()
                .description("RFC 9457 problem details; see docs/errors-and-limits.md")
                .addProperty("type", new StringSchema().format("uri").description("the kind of problem, one URI per"
                        + " kind: those of the HTTP edge (" + edgeTypes + ") and one per rule of the ledger (e.g. "
                        + ProblemHandling.PROBLEM_BASE + "idempotency-conflict)"))
                .addProperty("title", new StringSchema().description("the kind of problem in words"))
                .addProperty("status", new IntegerSchema().description("the HTTP status"))
                .addProperty("detail", new StringSchema().description("what was wrong, naming the field, line,"
                        + " parameter or path"))
                .addProperty("instance", new StringSchema().format("uri-reference").description("the request's path"))
                .addProperty(ProblemHandling.CORRELATION_ID, new StringSchema().description("on a 500 only: the id"
                        + " under which the server logged the failure"));
    }
}
