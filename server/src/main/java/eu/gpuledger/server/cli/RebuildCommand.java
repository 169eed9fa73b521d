package eu.gpuledger.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code ledger rebuild NAME}: rebuilds a projection (or {@code all}) from the event store while the ledger runs,
 * and shows its progress until it completes.
 */
@Command(name = "rebuild", mixinStandardHelpOptions = true,
        description = "Rebuild a projection (balances, usage, journal, catalogue or all) from the event store, "
                + "showing progress.")
class RebuildCommand implements Callable<Integer> {

    /** Progress is polled at this interval, for at most {@link #WAIT_MAX}. */
    static final Duration POLL_INTERVAL = Duration.ofSeconds(1);
    private static final Duration WAIT_MAX = Duration.ofHours(12);

    @ParentCommand
    LedgerCli cli;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Option(names = "--no-wait", description = "start the rebuild and return at once")
    boolean noWait;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        String path = "/api/v1/admin/projections/" + URLEncoder.encode(name, StandardCharsets.UTF_8) + "/rebuild";
        LedgerClient client = cli.client();
        JsonNode progress = client.post(path, "application/json", HttpRequest.BodyPublishers.noBody());
        out.println(line(progress));
        out.flush();
        long deadline = System.nanoTime() + WAIT_MAX.toNanos();
        while (!noWait && !finished(progress) && System.nanoTime() < deadline) {
            Thread.sleep(POLL_INTERVAL.toMillis());
            progress = client.get(path);
            out.println(line(progress));
            out.flush();
        }
        if ("FAILED".equals(progress.path("phase").asText())) {
            spec.commandLine().getErr().println("rebuild failed: " + progress.path("failure").asText());
            return LedgerCli.FAILED;
        }
        return 0;
    }

    private static boolean finished(JsonNode progress) {
        String phase = progress.path("phase").asText();
        return phase.equals("COMPLETED") || phase.equals("FAILED");
    }

    /** One line of progress, e.g. {@code balances   REPLAYING    1,000 of 5,000 events  500 events/s  8 s left}. */
    static String line(JsonNode progress) {
        JsonNode left = progress.path("secondsLeft");
        return String.format(Locale.ROOT, "%-10s %-12s %,12d of %,12d events  %,10.0f events/s  %s left",
                progress.path("projection").asText(), progress.path("phase").asText(),
                progress.path("eventsDone").asLong(), progress.path("eventsTotal").asLong(),
                progress.path("eventsPerSecond").asDouble(),
                left.isNull() || left.isMissingNode() ? "?" : left.asLong() + " s");
    }
}
