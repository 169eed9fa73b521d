package eu.gpuledger.server.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.Map;

/**
 * The command-line client for people: talks to the ledger's HTTP API at LEDGER_URL (default
 * http://localhost:8080). It never touches the database itself, so it works against any node.
 * <p>
 * What goes wrong is told in one line on the error stream, with a non-zero exit status: a refusal of the ledger, a
 * ledger that cannot be reached, a malformed URL, and anything unexpected (never a stack trace).
 */
@Command(name = "ledger", mixinStandardHelpOptions = true, version = "GPU Ledger 0.1",
        description = "GPU Ledger command-line client (talks to the HTTP API at LEDGER_URL).",
        subcommands = {BalanceCommand.class, ImportSacctCommand.class, RebuildCommand.class, TokensCommand.class,
                StatementCommand.class, ReportCommand.class})
public class LedgerCli {

    static final String DEFAULT_URL = "http://localhost:8080";
    /** Where the development mode's administrator token lies when LEDGER_DATA_DIR is unset (scripts/run's default). */
    static final String DEFAULT_DATA_DIR = ".ledger-data";
    static final String TOKEN_HINT = " (set LEDGER_TOKEN to an API token or a JWT; with the embedded database the"
            + " server writes its administrator token to $LEDGER_DATA_DIR/admin-token, read when LEDGER_TOKEN is unset)";

    /** The exit status of a command that failed (the ledger refused, or could not be reached). */
    static final int FAILED = 1;

    @Option(names = "--url", description = "the ledger's base URL (default: $LEDGER_URL or " + DEFAULT_URL + ")")
    String url;

    private final Map<String, String> environment;

    public LedgerCli() {
        this(System.getenv());
    }

    /** With the environment to read LEDGER_URL from (tests give their own). */
    LedgerCli(Map<String, String> environment) {
        this.environment = environment;
    }

    LedgerClient client() {
        return new LedgerClient(url != null ? url : environment.getOrDefault("LEDGER_URL", DEFAULT_URL), token());
    }

    /**
     * LEDGER_TOKEN, else the development mode's administrator token the server wrote under LEDGER_DATA_DIR, else
     * none (the ledger then answers 401, and the error says where a token comes from).
     */
    String token() {
        String token = environment.get("LEDGER_TOKEN");
        if (token != null && !token.isBlank()) {
            return token.strip();
        }
        Path file = Path.of(environment.getOrDefault("LEDGER_DATA_DIR", DEFAULT_DATA_DIR), "admin-token");
        try {
            return Files.isReadable(file) ? Files.readString(file).strip() : null;
        } catch (IOException unreadable) {
            return null;
        }
    }

    /** The command line, with failures turned into one readable line on its error stream. */
    static CommandLine commandLine(LedgerCli cli) {
        CommandLine commandLine = new CommandLine(cli);
        commandLine.setCaseInsensitiveEnumValuesAllowed(true); // --format csv as well as CSV
        commandLine.setExecutionExceptionHandler((failure, failed, parsed) -> {
            PrintWriter err = failed.getErr();
            if (failure instanceof LedgerClient.CliFailure) {
                err.println(failure.getMessage());
            } else {
                err.println("ledger " + failed.getCommandName() + " failed: " + failure);
            }
            err.flush();
            return FAILED;
        });
        return commandLine;
    }

    public static void main(String[] args) {
        System.exit(commandLine(new LedgerCli()).execute(args));
    }
}
