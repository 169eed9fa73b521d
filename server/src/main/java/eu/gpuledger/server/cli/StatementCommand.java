package eu.gpuledger.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import static eu.gpuledger.server.cli.ReportCommand.encoded;

/**
 * {@code ledger statement draft|issue|show|list|credit-note}: statements for funders (docs/statements.md), through
 * /api/v1/statements. Drafting and issuing print the statement as {@code show} does, in the format asked.
 */
@Command(name = "statement", mixinStandardHelpOptions = true,
        description = "Statements for funders: draft, issue, show, list, cancel by a credit note.",
        subcommands = {StatementCommand.Draft.class, StatementCommand.Issue.class, StatementCommand.Show.class,
                StatementCommand.ListStatements.class, StatementCommand.CreditNote.class})
class StatementCommand {

    /** Statements listed per request, and requests at most: a bound on a listing (a million statements). */
    private static final int PAGE_LIMIT = 500;
    private static final int PAGES_MAX = 2_000;

    @ParentCommand
    LedgerCli cli;

    /** The options of every command that ends by writing a statement. */
    static class Output {
        @Option(names = "--format", defaultValue = "json", paramLabel = "json|csv|pdf|facturx",
                description = "json (default), csv, pdf or facturx (a paid-use statement as a Factur-X invoice);"
                        + " pdf and facturx need --output")
        DocumentFormat format;
        @Option(names = "--output", paramLabel = "FILE",
                description = "write the statement to FILE instead of printing it")
        Path output;
    }

    /** Fetches the statement in the format asked and writes or prints it. */
    private static void deliver(LedgerCli cli, String statementId, Output output, PrintWriter out) {
        output.format.deliver(cli.client().document("/api/v1/statements/" + encoded(statementId) + "?format="
                + output.format.parameter(), output.format.mediaType()), output.output, out);
    }

    @Command(name = "draft", mixinStandardHelpOptions = true,
            description = {"Draft a statement (recomputed whenever it is read, until issued).",
                    "Example: ledger statement draft genci-2026-10 --funder GENCI --kind FUND --period 2026-10"
                            + " --project 2026-A0191012641"})
    static class Draft implements Callable<Integer> {
        @ParentCommand
        StatementCommand statements;
        @Spec
        CommandSpec spec;
        @Parameters(index = "0", paramLabel = "STATEMENT_ID", description = "your id for it (the idempotency key)")
        String statementId;
        @Option(names = "--funder", required = true, description = "EUROHPC_JU, GENCI or PRIVATE_CONTRACT")
        String funder;
        @Option(names = "--kind", description = "BILLING (the ledger's default) or FUND")
        String kind;
        @Option(names = "--period", required = true, description = "a month (2026-10) or a quarter (2026-Q4)")
        String period;
        @Option(names = "--provider", paramLabel = "PROVIDER_ID", description = "the hosting or private provider")
        String providerId;
        @Option(names = "--project", paramLabel = "PROJECT_ID", description = "one project's allocations")
        String projectId;
        @Option(names = "--allocation", paramLabel = "ALLOCATION_ID", description = "one allocation")
        String allocationId;
        @picocli.CommandLine.Mixin
        Output output = new Output();

        @Override
        public Integer call() {
            output.format.assertDeliverable(output.output);
            ObjectNode body = LedgerClient.JSON.createObjectNode().put("statementId", statementId)
                    .put("funder", funder).put("period", period);
            putIfGiven(body, "kind", kind);
            putIfGiven(body, "providerId", providerId);
            putIfGiven(body, "projectId", projectId);
            putIfGiven(body, "allocationId", allocationId);
            LedgerClient client = statements.cli.client();
            client.post("/api/v1/statements", "application/json",
                    HttpRequest.BodyPublishers.ofString(body.toString()));
            deliver(statements.cli, statementId, output, spec.commandLine().getOut());
            return 0;
        }

        private static void putIfGiven(ObjectNode body, String field, String value) {
            if (value != null) {
                body.put(field, value);
            }
        }
    }

    @Command(name = "issue", mixinStandardHelpOptions = true,
            description = "Issue a drafted statement: its number, issue time and content hash are fixed for good.")
    static class Issue implements Callable<Integer> {
        @ParentCommand
        StatementCommand statements;
        @Spec
        CommandSpec spec;
        @Parameters(index = "0", paramLabel = "STATEMENT_ID")
        String statementId;
        @picocli.CommandLine.Mixin
        Output output = new Output();

        @Override
        public Integer call() {
            output.format.assertDeliverable(output.output);
            statements.cli.client().post("/api/v1/statements/" + encoded(statementId) + "/issue",
                    "application/json", HttpRequest.BodyPublishers.noBody());
            deliver(statements.cli, statementId, output, spec.commandLine().getOut());
            return 0;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Show a statement as JSON, CSV, PDF or Factur-X (the bytes the ledger wrote).")
    static class Show implements Callable<Integer> {
        @ParentCommand
        StatementCommand statements;
        @Spec
        CommandSpec spec;
        @Parameters(index = "0", paramLabel = "STATEMENT_ID")
        String statementId;
        @picocli.CommandLine.Mixin
        Output output = new Output();

        @Override
        public Integer call() {
            output.format.assertDeliverable(output.output);
            deliver(statements.cli, statementId, output, spec.commandLine().getOut());
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List the statements you may read, a line each (or --format json), with filters.")
    static class ListStatements implements Callable<Integer> {
        @ParentCommand
        StatementCommand statements;
        @Spec
        CommandSpec spec;
        @Option(names = "--funder", description = "EUROHPC_JU, GENCI or PRIVATE_CONTRACT")
        String funder;
        @Option(names = "--kind", description = "BILLING or FUND")
        String kind;
        @Option(names = "--period", description = "a month (2026-10) or a quarter (2026-Q4)")
        String period;
        @Option(names = "--provider", paramLabel = "PROVIDER_ID")
        String providerId;
        @Option(names = "--state", description = "DRAFT, ISSUED or CANCELLED")
        String state;
        @Option(names = "--format", defaultValue = "table", paramLabel = "table|json",
                description = "a line per statement (default) or a JSON array")
        String format;

        @Override
        public Integer call() {
            boolean json = switch (format.toLowerCase(java.util.Locale.ROOT)) {
                case "table" -> false;
                case "json" -> true;
                default -> throw new LedgerClient.CliFailure("--format '" + format + "' is not table or json");
            };
            StringBuilder filters = new StringBuilder("limit=" + PAGE_LIMIT);
            append(filters, "funder", funder);
            append(filters, "kind", kind);
            append(filters, "period", period);
            append(filters, "providerId", providerId);
            append(filters, "state", state);
            PrintWriter out = spec.commandLine().getOut();
            ArrayNode all = LedgerClient.JSON.createArrayNode();
            String after = null;
            for (int page = 0; page < PAGES_MAX; page++) {
                JsonNode answer = statements.cli.client().get("/api/v1/statements?" + filters
                        + (after == null ? "" : "&after=" + encoded(after)));
                for (JsonNode statement : answer.path("items")) {
                    if (json) {
                        all.add(statement);
                    } else {
                        print(out, statement);
                    }
                }
                if (!answer.hasNonNull("next")) {
                    break;
                }
                after = answer.get("next").asText();
            }
            if (json) {
                out.println(all.toPrettyString());
            }
            out.flush();
            return 0;
        }

        private static void append(StringBuilder filters, String name, String value) {
            if (value != null) {
                filters.append('&').append(name).append('=').append(encoded(value));
            }
        }
    }

    @Command(name = "credit-note", mixinStandardHelpOptions = true,
            description = "Cancel an issued statement by a credit note that names it (nothing issued is edited).")
    static class CreditNote implements Callable<Integer> {
        @ParentCommand
        StatementCommand statements;
        @Spec
        CommandSpec spec;
        @Parameters(index = "0", paramLabel = "STATEMENT_ID")
        String statementId;
        @Option(names = "--credit-note-id", required = true, description = "your id for the credit note")
        String creditNoteId;
        @Option(names = "--reason", required = true, description = "why it is cancelled")
        String reason;

        @Override
        public Integer call() {
            ObjectNode body = LedgerClient.JSON.createObjectNode().put("creditNoteId", creditNoteId)
                    .put("reason", reason);
            JsonNode cancelled = statements.cli.client().post("/api/v1/statements/" + encoded(statementId)
                    + "/credit-note", "application/json", HttpRequest.BodyPublishers.ofString(body.toString()));
            PrintWriter out = spec.commandLine().getOut();
            print(out, cancelled);
            out.flush();
            return 0;
        }
    }

    /** A statement as listed: id, state, number, funder, kind, period, subject, issue time, hash. */
    static void print(PrintWriter out, JsonNode statement) {
        StringBuilder subject = new StringBuilder();
        for (String field : new String[]{"providerId", "projectId", "allocationId"}) {
            if (statement.hasNonNull(field)) {
                subject.append(subject.isEmpty() ? "" : " ").append(field.replace("Id", "")).append('=')
                        .append(statement.get(field).asText());
            }
        }
        out.printf("%-24s  %-9s  %-24s  %-16s  %-7s  %-7s  %s%n", statement.path("statementId").asText(),
                statement.path("state").asText(), text(statement, "number"), statement.path("funder").asText(),
                statement.path("kind").asText(), statement.path("period").asText(),
                subject.isEmpty() ? "-" : subject);
        if (statement.hasNonNull("issuedAt")) {
            out.printf("    issued %s by %s, sha256 %s%n", statement.get("issuedAt").asText(),
                    text(statement, "issuedBy"), text(statement, "contentSha256"));
        }
        if (statement.hasNonNull("creditNote")) {
            JsonNode note = statement.get("creditNote");
            out.printf("    cancelled by credit note %s on %s: %s%n", text(note, "creditNoteId"),
                    text(note, "issuedAt"), text(note, "reason"));
        }
    }

    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asText() : "-";
    }
}
