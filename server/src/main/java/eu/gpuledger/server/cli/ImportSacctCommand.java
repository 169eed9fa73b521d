package eu.gpuledger.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code ledger import-sacct FILE --cluster NAME}: streams a sacct --parsable2 export to the ledger, with a
 * progress bar of the bytes sent, and prints the ledger's summary.
 */
@Command(name = "import-sacct", mixinStandardHelpOptions = true, description = "Import a sacct --parsable2 export (with its header line).")
class ImportSacctCommand implements Callable<Integer> {

    private static final int BAR_WIDTH = 40;

    @ParentCommand
    LedgerCli cli;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE")
    Path file;

    @Option(names = "--cluster", required = true, description = "the Slurm cluster the export comes from")
    String cluster;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            long size = Files.size(file);
            HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.ofInputStream(() -> progress(file, size, err));
            JsonNode summary = cli.client().post("/api/v1/usage/sacct?cluster="
                    + URLEncoder.encode(cluster, StandardCharsets.UTF_8), "text/plain", body);
            err.println();
            print(summary, out);
            out.flush();
            return summary.path("rejectedTotal").asLong() == 0 ? 0 : 2;
        } catch (FileNotFoundException | java.nio.file.NoSuchFileException missing) {
            err.println("no such file: " + file);
            return 1;
        } catch (IOException e) {
            err.println("cannot read " + file + ": " + e.getMessage());
            return 1;
        } catch (LedgerClient.CliFailure failure) {
            err.println();
            err.println(failure.getMessage());
            return 1;
        }
    }

    private static InputStream progress(Path file, long size, PrintWriter err) {
        try {
            return new ProgressInputStream(Files.newInputStream(file), size, (done, total) -> drawBar(done, total, err));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void drawBar(long done, long total, PrintWriter err) {
        int filled = total == 0 ? BAR_WIDTH : (int) (BAR_WIDTH * done / total);
        err.printf("\r[%s%s] %3d%%  %,d of %,d bytes sent", "#".repeat(filled), " ".repeat(BAR_WIDTH - filled),
                total == 0 ? 100 : 100 * done / total, done, total);
        err.flush();
    }

    private static void print(JsonNode summary, PrintWriter out) {
        JsonNode ignored = summary.path("ignored");
        out.printf("accepted %d, duplicates %d, ignored: steps %d, uncharged %d, zero elapsed %d, not final %d%n",
                summary.path("accepted").asLong(), summary.path("duplicates").asLong(), ignored.path("steps").asLong(),
                ignored.path("uncharged").asLong(), ignored.path("zeroElapsed").asLong(), ignored.path("notFinal").asLong());
        out.printf("charged %s GPU-hours (%d GPU-seconds)%n", summary.path("chargedGpuHours").asText(),
                summary.path("chargedGpuSeconds").asLong());
        long rejected = summary.path("rejectedTotal").asLong();
        out.printf("rejected %d line(s)%n", rejected);
        for (JsonNode line : summary.path("rejected")) {
            out.printf("  line %d: %s%n", line.path("line").asLong(), line.path("reason").asText());
        }
        if (rejected > summary.path("rejected").size()) {
            out.printf("  ... and %d more%n", rejected - summary.path("rejected").size());
        }
    }
}
