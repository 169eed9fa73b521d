package eu.gpuledger.server.cli;

import eu.gpuledger.server.support.Catalogue;
import eu.gpuledger.server.support.LedgerIntegrationTest;
import eu.gpuledger.server.support.OverHttp;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** scripts/ledger against a running ledger (this test's, on its random port), as an operator uses it. */
@LedgerIntegrationTest
class LedgerCliAgainstTheLedgerTest extends OverHttp {

    private Map<String, String> ledgerUrl() {
        return Map.of("LEDGER_URL", "http://localhost:" + port + "/",
                "LEDGER_TOKEN", eu.gpuledger.server.support.TestTokens.ADMIN);
    }

    @Test
    void rebuild_shows_the_progress_of_the_rebuild_until_it_completes() {
        CliRun run = CliRun.of(ledgerUrl(), "rebuild", "catalogue");

        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        List<String> lines = run.out().lines().toList();
        assertThat(lines).isNotEmpty().allSatisfy(line -> assertThat(line)
                .matches("catalogue +(REPLAYING|CATCHING_UP|COMPLETED) +[0-9,]+ of +[0-9,]+ events .* left"));
        assertThat(lines.getLast()).contains("COMPLETED").endsWith(" 0 s left");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void rebuild_of_an_unknown_projection_says_what_the_ledger_refused() {
        CliRun run = CliRun.of(ledgerUrl(), "rebuild", "no-such-projection");

        assertThat(run.exit()).isEqualTo(LedgerCli.FAILED);
        assertThat(run.err().strip()).startsWith("the ledger refused (404)").contains("no-such-projection");
    }

    @Test
    void balance_prints_the_balance_view_of_an_allocation() {
        Catalogue.idrisWithA100AndV100(http);
        Catalogue.grant(http, "cli-2026", "jz-a100", 100, "2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z",
                "cli@a100");
        http.await("/api/v1/allocations/cli-2026", answer -> answer.status() == 200);

        CliRun run = CliRun.of(ledgerUrl(), "balance", "cli-2026");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("Allocation cli-2026").contains("ACTIVE, 0.00% used")
                .containsPattern("granted +100\\.00 GPU-h +360000 GPU-s");
    }

    @Test
    void tokens_are_created_listed_and_revoked_and_the_created_one_works_until_revoked() {
        CliRun created = CliRun.of(ledgerUrl(), "tokens", "create", "--name", "quota hook jean-zay", "--role",
                "QUOTA_HOOK", "--scope", "jean-zay", "--expires-in", "P30D");
        assertThat(created.exit()).as(created.err()).isZero();
        String token = created.out().lines().findFirst().orElseThrow();
        assertThat(token).startsWith("gpl_");
        String tokenId = created.out().lines().skip(1).findFirst().orElseThrow().split(" +")[0];
        assertThat(http.as(token).get("/api/v1/quota/blocked?cluster=jean-zay").status()).isEqualTo(200);

        CliRun listed = CliRun.of(ledgerUrl(), "tokens", "list");
        assertThat(listed.out()).contains(tokenId).contains("QUOTA_HOOK").contains("jean-zay")
                .doesNotContain(token);

        CliRun revoked = CliRun.of(ledgerUrl(), "tokens", "revoke", tokenId);
        assertThat(revoked.exit()).as(revoked.err()).isZero();
        assertThat(revoked.out()).contains("REVOKED");
        assertThat(http.as(token).get("/api/v1/quota/blocked?cluster=jean-zay").status()).isEqualTo(401);
    }

    @Test
    void without_a_token_the_cli_reads_the_development_token_file_and_else_says_where_a_token_comes_from(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path dataDir) throws java.io.IOException {
        Map<String, String> noToken = Map.of("LEDGER_URL", "http://localhost:" + port + "/",
                "LEDGER_DATA_DIR", dataDir.toString());
        CliRun refused = CliRun.of(noToken, "rebuild", "no-such-projection");
        assertThat(refused.err()).startsWith("the ledger refused (401)").contains("LEDGER_TOKEN");

        java.nio.file.Files.writeString(dataDir.resolve("admin-token"), eu.gpuledger.server.support.TestTokens.ADMIN
                + "\n");
        CliRun read = CliRun.of(noToken, "rebuild", "no-such-projection");
        assertThat(read.err()).as("the file's token was sent").startsWith("the ledger refused (404)");
    }
}
