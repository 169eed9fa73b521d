package eu.gpuledger.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code ledger balance ALLOCATION_ID}: the balance view of one allocation, for people. */
@Command(name = "balance", mixinStandardHelpOptions = true, description = "Show the balance of an allocation.")
class BalanceCommand implements Callable<Integer> {

    private static final List<String> BUCKETS = List.of("granted", "supplemented", "transferredIn", "refunded",
            "consumed", "transferredOut", "clawedBack", "expired", "balance");

    @ParentCommand
    LedgerCli cli;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ALLOCATION_ID")
    String allocationId;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        JsonNode view = cli.client().get("/api/v1/allocations/" + URLEncoder.encode(allocationId, StandardCharsets.UTF_8));
        out.printf("Allocation %s  project %s  pool %s  (%s)%n", view.path("allocationId").asText(),
                view.path("projectId").asText(), view.path("poolId").asText(), view.path("fundingSource").asText());
        out.printf("Period     %s -> %s%n", view.path("periodStart").asText(), view.path("periodEnd").asText());
        out.printf("State      %s, %s%% used%n", view.path("state").asText(), view.path("usedPercent").asText());
        for (String bucket : BUCKETS) {
            JsonNode quantity = view.path(bucket);
            out.printf("  %-15s %14s GPU-h  %16d GPU-s%n", bucket, quantity.path("gpuHours").asText(),
                    quantity.path("gpuSeconds").asLong());
        }
        out.flush();
        return 0;
    }
}
