package eu.gpuledger.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code ledger tokens create|list|revoke}: API tokens for machines, for administrators (docs/security.md). */
@Command(name = "tokens", mixinStandardHelpOptions = true, description = "Manage API tokens (administrators).",
        subcommands = {TokensCommand.Create.class, TokensCommand.ListTokens.class, TokensCommand.Revoke.class})
class TokensCommand {

    @ParentCommand
    LedgerCli cli;

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Issue a token; its secret is printed once, on the first line.")
    static class Create implements Callable<Integer> {
        @ParentCommand
        TokensCommand tokens;
        @Spec
        CommandSpec spec;
        @Option(names = "--name", required = true, description = "what the token is for, e.g. 'quota hook jean-zay'")
        String name;
        @Option(names = "--role", required = true,
                description = "ADMIN, CENTRE_ACCOUNTANT, FUNDER, AUDITOR, QUOTA_HOOK, PI or SCRAPE")
        String role;
        @Option(names = "--scope", split = ",", description = "providers, funding sources, clusters or projects")
        List<String> scope = List.of();
        @Option(names = "--expires-in", defaultValue = "P90D",
                description = "how long it lives, ISO-8601 (default P90D, at most P365D)")
        String expiresIn;
        @Option(names = "--description", description = "a longer note")
        String description;

        @Override
        public Integer call() {
            Duration lifetime;
            try {
                lifetime = Duration.parse(expiresIn);
            } catch (DateTimeParseException invalid) {
                throw new LedgerClient.CliFailure("--expires-in '" + expiresIn + "' is not an ISO-8601 duration (e.g. P90D)");
            }
            ObjectNode body = LedgerClient.JSON.createObjectNode().put("name", name).put("role", role)
                    .put("expiresAt", Instant.now().plus(lifetime).toString());
            if (description != null) {
                body.put("description", description);
            }
            com.fasterxml.jackson.databind.node.ArrayNode values = body.putArray("scope");
            scope.forEach(values::add);
            JsonNode created = tokens.cli.client().post("/api/v1/admin/tokens", "application/json",
                    HttpRequest.BodyPublishers.ofString(body.toString()));
            PrintWriter out = spec.commandLine().getOut();
            out.println(created.path("token").asText());
            print(out, created.path("view"));
            out.println("The token is shown this once: store it now.");
            out.flush();
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the tokens (never their secrets).")
    static class ListTokens implements Callable<Integer> {
        @ParentCommand
        TokensCommand tokens;
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            String after = null;
            for (int page = 0; page < 10_000; page++) {
                JsonNode answer = tokens.cli.client().get("/api/v1/admin/tokens?limit=500"
                        + (after == null ? "" : "&after=" + URLEncoder.encode(after, StandardCharsets.UTF_8)));
                answer.path("items").forEach(token -> print(out, token));
                if (!answer.hasNonNull("next")) {
                    break;
                }
                after = answer.get("next").asText();
            }
            out.flush();
            return 0;
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true,
            description = "Revoke a token: the next request made with it is refused.")
    static class Revoke implements Callable<Integer> {
        @ParentCommand
        TokensCommand tokens;
        @Spec
        CommandSpec spec;
        @Parameters(index = "0", paramLabel = "TOKEN_ID")
        String tokenId;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            print(out, tokens.cli.client().delete("/api/v1/admin/tokens/"
                    + URLEncoder.encode(tokenId, StandardCharsets.UTF_8)));
            out.flush();
            return 0;
        }
    }

    private static void print(PrintWriter out, JsonNode token) {
        out.printf("%-12s  %-8s  %-17s  %-30s  expires %s  created by %s%s%s%n", token.path("tokenId").asText(),
                token.path("state").asText(), token.path("role").asText(), scopeOf(token),
                token.path("expiresAt").asText(), token.path("createdBy").asText(),
                token.hasNonNull("revokedBy") ? "  revoked by " + token.get("revokedBy").asText() : "",
                token.hasNonNull("lastUsedAt") ? "  last used " + token.get("lastUsedAt").asText() : "  never used");
        out.printf("              %s%n", token.path("name").asText());
    }

    private static String scopeOf(JsonNode token) {
        StringBuilder scope = new StringBuilder();
        token.path("scope").forEach(value -> scope.append(scope.isEmpty() ? "" : ",").append(value.asText()));
        return scope.isEmpty() ? "-" : scope.toString();
    }
}
