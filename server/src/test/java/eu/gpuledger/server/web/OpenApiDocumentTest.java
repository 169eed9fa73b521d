package eu.gpuledger.server.web;

import com.fasterxml.jackson.databind.JsonNode;
import eu.gpuledger.server.support.LedgerHttp.Answer;
import eu.gpuledger.server.support.OverHttp;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAPI document is how centres learn the contract: it answers, it lists every endpoint the application
 * maps (read from Spring MVC's own mappings, so a new endpoint is covered without touching this test), and it
 * says what a refusal looks like.
 */
@EdgeTest
class OpenApiDocumentTest extends OverHttp {

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Test
    void the_openapi_document_answers() {
        Answer answer = http.get("/v3/api-docs");
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        assertThat(answer.body().get("openapi").asText()).startsWith("3.");
    }

    @Test
    void the_openapi_document_lists_every_endpoint_of_the_app() {
        JsonNode paths = http.get("/v3/api-docs").body().get("paths");
        Set<String> mapped = new TreeSet<>();
        mappings.getHandlerMethods().keySet().forEach(mapping -> mapping.getPatternValues().stream()
                .filter(path -> path.startsWith("/api/"))
                .forEach(mapped::add));
        assertThat(mapped).as("the application maps endpoints").hasSizeGreaterThan(20);
        Set<String> documented = new TreeSet<>();
        paths.fieldNames().forEachRemaining(documented::add);
        assertThat(documented).containsAll(mapped);
    }

    @Test
    void the_openapi_document_says_every_operation_needs_a_bearer_token() {
        JsonNode document = http.get("/v3/api-docs").body();
        assertThat(document.at("/components/securitySchemes/bearer/type").asText()).isEqualTo("http");
        assertThat(document.at("/components/securitySchemes/bearer/scheme").asText()).isEqualTo("bearer");
        assertThat(document.at("/security/0").has("bearer")).isTrue();
    }

    @Test
    void the_openapi_document_describes_problem_responses() {
        JsonNode document = http.get("/v3/api-docs").body();
        JsonNode problem = document.at("/components/schemas/Problem");
        assertThat(problem.isMissingNode()).as("a shared problem schema").isFalse();
        Set<String> fields = new TreeSet<>();
        problem.at("/properties").fieldNames().forEachRemaining(fields::add);
        assertThat(fields).contains("type", "title", "status", "detail",
                "correlationId");
        for (Map.Entry<String, JsonNode> path : document.get("paths").properties()) {
            for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
                JsonNode responses = operation.getValue().get("responses");
                String where = operation.getKey() + " " + path.getKey();
                assertThat(responses.at("/default/content/application~1problem+json/schema/$ref").asText())
                        .as(where).isEqualTo("#/components/schemas/Problem");
                if (operation.getValue().has("requestBody")) {
                    assertThat(responses.has("400")).as(where + " refuses bad bodies").isTrue();
                    assertThat(responses.has("413")).as(where + " refuses large bodies").isTrue();
                }
            }
        }
    }
}
