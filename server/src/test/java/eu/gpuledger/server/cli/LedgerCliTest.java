package eu.gpuledger.server.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What a person sees from scripts/ledger when they ask for help or point it at the wrong place. */
class LedgerCliTest {

    @ParameterizedTest
    @ValueSource(strings = {"balance", "import-sacct", "rebuild"})
    void every_command_explains_itself_with_help_without_its_required_parameters(String command) {
        CliRun run = CliRun.of(Map.of(), command, "--help");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("Usage: ledger " + command).contains("--help");
        assertThat(run.err()).doesNotContain("Missing required parameter");
    }

    @Test
    void the_ledger_command_lists_its_commands_with_help() {
        CliRun run = CliRun.of(Map.of(), "--help");

        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("balance").contains("import-sacct").contains("rebuild");
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost:8080", "ftp://localhost:8080", "http://", "http://local host:8080",
            "http://[::1"})
    void a_malformed_ledger_url_is_told_in_one_line_without_a_stack_trace(String url) {
        CliRun run = CliRun.of(Map.of("LEDGER_URL", url), "balance", "some-allocation");

        assertThat(run.exit()).isEqualTo(LedgerCli.FAILED);
        assertThat(run.err().strip()).contains("LEDGER_URL").contains(url).doesNotContain("\n");
        assertThat(run.err()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void a_ledger_that_does_not_listen_is_told_in_one_line_without_a_stack_trace() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String url = "http://127.0.0.1:" + closedPort;

        for (String[] command : new String[][]{{"balance", "some-allocation"}, {"rebuild", "balances"}}) {
            CliRun run = CliRun.of(Map.of("LEDGER_URL", url), command);

            assertThat(run.exit()).isEqualTo(LedgerCli.FAILED);
            assertThat(run.err().strip()).startsWith("cannot reach the ledger at " + url).doesNotContain("\n");
            assertThat(run.err()).doesNotContain("Exception").doesNotContain("\tat ");
        }
    }

    @Test
    void the_url_option_wins_over_the_environment() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        CliRun run = CliRun.of(Map.of("LEDGER_URL", "not a url"), "--url", "http://127.0.0.1:" + closedPort,
                "balance", "some-allocation");

        assertThat(run.err()).startsWith("cannot reach the ledger at http://127.0.0.1:" + closedPort);
    }
}
