package eu.gpuledger.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
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
@Command(name = "import-sacct", description = "Import a sacct --parsable2 export (with its header line).")
class ImportSacctCommand implements Callable<Integer> {

    private static final int BAR_WIDTH = 40;

    @ParentCommand
    LedgerCli cli;

    @Parameters(index = "0", paramLabel = "FILE")
    Path file;

    @Option(names = "--cluster", required = true, description = "the Slurm cluster the export comes from")
    String cluster;

    @Override
    public Integer call() {
        try {
            long size = Files.size(file);
            HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.ofInputStream(() -> progress(file, size));
            JsonNode summary = cli.client().post("/api/v1/usage/sacct?cluster="
                    + URLEncoder.encode(cluster, StandardCharsets.UTF_8), "text/plain", body);
            System.err.println();
            print(summary);
            return summary.path("rejectedTotal").asLong() == 0 ? 0 : 2;
        } catch (FileNotFoundException | java.nio.file.NoSuchFileException missing) {
            System.err.println("no such file: " + file);
            return 1;
        } catch (IOException e) {
            System.err.println("cannot read " + file + ": " + e.getMessage());
            return 1;
        } catch (LedgerClient.CliFailure failure) {
            System.err.println();
            System.err.println(failure.getMessage());
            return 1;
        }
    }

    private static InputStream progress(Path file, long size) {
        try {
            return new ProgressInputStream(Files.newInputStream(file), size, ImportSacctCommand::drawBar);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void drawBar(long done, long total) {
        int filled = total == 0 ? BAR_WIDTH : (int) (BAR_WIDTH * done / total);
        System.err.printf("\r[%s%s] %3d%%  %,d of %,d bytes sent", "#".repeat(filled), " ".repeat(BAR_WIDTH - filled),
                total == 0 ? 100 : 100 * done / total, done, total);
    }

    private static void print(JsonNode summary) {
        JsonNode ignored = summary.path("ignored");
        System.out.printf("accepted %d, duplicates %d, ignored: steps %d, uncharged %d, zero elapsed %d, not final %d%n",
                summary.path("accepted").asLong(), summary.path("duplicates").asLong(), ignored.path("steps").asLong(),
                ignored.path("uncharged").asLong(), ignored.path("zeroElapsed").asLong(), ignored.path("notFinal").asLong());
        System.out.printf("charged %s GPU-hours (%d GPU-seconds)%n", summary.path("chargedGpuHours").asText(),
                summary.path("chargedGpuSeconds").asLong());
        long rejected = summary.path("rejectedTotal").asLong();
        System.out.printf("rejected %d line(s)%n", rejected);
        for (JsonNode line : summary.path("rejected")) {
            System.out.printf("  line %d: %s%n", line.path("line").asLong(), line.path("reason").asText());
        }
        if (rejected > summary.path("rejected").size()) {
            System.out.printf("  ... and %d more%n", rejected - summary.path("rejected").size());
        }
    }
}
