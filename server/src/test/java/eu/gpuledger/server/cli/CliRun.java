package eu.gpuledger.server.cli;

import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;

/** One run of the command-line client in this JVM, with what it printed on each stream and its exit status. */
record CliRun(int exit, String out, String err) {

    static CliRun of(Map<String, String> environment, String... arguments) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = LedgerCli.commandLine(new LedgerCli(environment));
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exit = commandLine.execute(arguments);
        return new CliRun(exit, out.toString(), err.toString());
    }
}
