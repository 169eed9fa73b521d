package eu.gpuledger.server.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

/**
 * What a report or a statement is fetched as: the {@code format=} the ledger reads and the Accept type sent with it
 * (both, so that either way of asking reaches the server), and whether it is text for the terminal or bytes for a
 * file. The bytes are kept as the ledger wrote them: an issued statement's hash is over exactly those.
 */
enum DocumentFormat {
    JSON("application/json", false),
    CSV("text/csv", false),
    PDF("application/pdf", true),
    /** A paid-use statement as a Factur-X invoice (a PDF/A-3 with its XML embedded). */
    FACTURX("application/pdf", true);

    private final String mediaType;
    private final boolean binary;

    DocumentFormat(String mediaType, boolean binary) {
        this.mediaType = mediaType;
        this.binary = binary;
    }

    String parameter() {
        return name().toLowerCase(Locale.ROOT);
    }

    String mediaType() {
        return mediaType;
    }

    /** Refuses, before anything is asked of the ledger, to print bytes that are not text to the terminal. */
    void assertDeliverable(Path output) {
        if (binary && output == null) {
            throw new LedgerClient.CliFailure("--format " + parameter() + " is not text: give --output FILE");
        }
    }

    /**
     * Writes the document to {@code output} (whole or not at all: through a file beside it, moved into place), or
     * prints it when there is no output file.
     */
    void deliver(byte[] document, Path output, PrintWriter out) {
        if (output == null) {
            String text = new String(document, StandardCharsets.UTF_8);
            out.print(text);
            if (!text.endsWith("\n")) {
                out.println();
            }
            out.flush();
            return;
        }
        Path target = output.toAbsolutePath();
        try {
            Path partial = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".partial");
            try {
                Files.write(partial, document);
                Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(partial);
            }
        } catch (IOException unwritable) {
            throw new LedgerClient.CliFailure("cannot write " + output + ": " + unwritable);
        }
        out.printf("%s: %,d bytes written to %s%n", parameter(), document.length, output);
        out.flush();
    }
}
