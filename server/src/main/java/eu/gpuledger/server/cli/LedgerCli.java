package eu.gpuledger.server.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The command-line client for people: talks to the ledger's HTTP API at LEDGER_URL (default
 * http://localhost:8080). It never touches the database itself, so it works against any node.
 */
@Command(name = "ledger", mixinStandardHelpOptions = true, version = "GPU Ledger 0.1",
        description = "GPU Ledger command-line client (talks to the HTTP API at LEDGER_URL).",
        subcommands = {BalanceCommand.class, ImportSacctCommand.class, RebuildCommand.class})
public class LedgerCli {

    @Option(names = "--url", description = "the ledger's base URL (default: $LEDGER_URL or http://localhost:8080)")
    String url;

    LedgerClient client() {
        String base = url != null ? url : System.getenv().getOrDefault("LEDGER_URL", "http://localhost:8080");
        return new LedgerClient(base);
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new LedgerCli()).execute(args));
    }
}
