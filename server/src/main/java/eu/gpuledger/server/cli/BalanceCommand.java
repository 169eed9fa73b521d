package eu.gpuledger.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code ledger balance ALLOCATION_ID}: the balance view of one allocation, for people. */
@Command(name = "balance", description = "Show the balance of an allocation.")
class BalanceCommand implements Callable<Integer> {

    private static final List<String> BUCKETS = List.of("granted", "supplemented", "transferredIn", "refunded",
            "consumed", "transferredOut", "clawedBack", "expired", "balance");

    @ParentCommand
    LedgerCli cli;

    @Parameters(index = "0", paramLabel = "ALLOCATION_ID")
    String allocationId;

    @Override
    public Integer call() {
        try {
            JsonNode view = cli.client().get("/api/v1/allocations/" + URLEncoder.encode(allocationId, StandardCharsets.UTF_8));
            System.out.printf("Allocation %s  project %s  pool %s  (%s)%n", view.get("allocationId").asText(),
                    view.get("projectId").asText(), view.get("poolId").asText(), view.get("fundingSource").asText());
            System.out.printf("Period     %s -> %s%n", view.get("periodStart").asText(), view.get("periodEnd").asText());
            System.out.printf("State      %s, %s%% used%n", view.get("state").asText(), view.get("usedPercent").asText());
            for (String bucket : BUCKETS) {
                JsonNode quantity = view.get(bucket);
                System.out.printf("  %-15s %14s GPU-h  %16d GPU-s%n", bucket, quantity.get("gpuHours").asText(),
                        quantity.get("gpuSeconds").asLong());
            }
            return 0;
        } catch (LedgerClient.CliFailure failure) {
            System.err.println(failure.getMessage());
            return 1;
        }
    }
}
