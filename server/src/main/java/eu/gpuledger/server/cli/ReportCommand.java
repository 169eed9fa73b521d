package eu.gpuledger.server.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code ledger report}: the usage report of a period (GET /api/v1/reports/usage, docs/usage-reports.md). */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Usage report of a period: consumed, refunded, granted and balance in GPU-hours, normalised "
                + "GPU-hours and EUR, grouped as asked.",
                "Example: ledger report --from 2026-10 --to 2026-12 --group-by project,month --format csv "
                        + "--output q4.csv"})
class ReportCommand implements Callable<Integer> {

    @ParentCommand
    LedgerCli cli;
    @Spec
    CommandSpec spec;

    @Option(names = "--from", required = true,
            description = "start, included: a month (2026-10, its first instant) or an instant (2026-10-01T00:00:00Z)")
    String from;
    @Option(names = "--to", required = true,
            description = "end, excluded: a month (2026-12: up to the end of December) or an instant")
    String to;
    @Option(names = "--group-by", split = ",", paramLabel = "DIMENSION",
            description = "any of provider, pool, project, fundingSource, accessMode, audience, sector, month "
                    + "(none: one row of totals)")
    List<String> groupBy = List.of();
    @Option(names = "--known-at", paramLabel = "INSTANT",
            description = "the report as the ledger knew it then: only what was recorded by that instant")
    String knownAt;
    @Option(names = "--format", defaultValue = "json", paramLabel = "json|csv|pdf",
            description = "json (default), csv or pdf (pdf needs --output)")
    String format;
    @Option(names = "--output", paramLabel = "FILE", description = "write the report to FILE instead of printing it")
    Path output;

    @Override
    public Integer call() {
        DocumentFormat format = switch (this.format.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "json" -> DocumentFormat.JSON;
            case "csv" -> DocumentFormat.CSV;
            case "pdf" -> DocumentFormat.PDF;
            default -> throw new LedgerClient.CliFailure("--format '" + this.format + "' is not json, csv or pdf");
        };
        format.assertDeliverable(output);
        StringBuilder query = new StringBuilder("/api/v1/reports/usage?from=").append(encoded(from))
                .append("&to=").append(encoded(to)).append("&format=").append(format.parameter());
        if (!groupBy.isEmpty()) {
            query.append("&groupBy=").append(encoded(String.join(",", groupBy)));
        }
        if (knownAt != null) {
            query.append("&knownAt=").append(encoded(knownAt));
        }
        format.deliver(cli.client().document(query.toString(), format.mediaType()), output,
                spec.commandLine().getOut());
        return 0;
    }

    static String encoded(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
