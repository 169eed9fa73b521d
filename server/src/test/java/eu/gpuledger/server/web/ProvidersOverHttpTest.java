package eu.gpuledger.server.web;

import com.fasterxml.jackson.databind.JsonNode;
import eu.gpuledger.server.support.Catalogue;
import eu.gpuledger.server.support.LedgerHttp.Answer;
import eu.gpuledger.server.support.LedgerIntegrationTest;
import eu.gpuledger.server.support.OverHttp;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The providers as read (API.md, catalogue): a EuroHPC-hosted system shows the JU's share of its time, which its
 * billing statement measures the JU-funded usage against (docs/statements.md); another provider shows none.
 */
@LedgerIntegrationTest
class ProvidersOverHttpTest extends OverHttp {

    @Test
    void a_euro_hpc_hosted_provider_shows_the_ju_share_of_its_machine() {
        Answer put = Catalogue.ok(http.put("/api/v1/providers/tgcc-alice", """
                {"name": "TGCC (CEA), Alice Recoque", "kind": "PUBLIC", "euroHpcHosted": true,
                 "juSharePercent": 35.5}"""));
        Catalogue.ok(http.put("/api/v1/providers/cloud-nord", """
                {"name": "Cloud Nord", "kind": "PRIVATE", "euroHpcHosted": false}"""));

        assertThat(put.body().get("juSharePercent").asText()).as("the answer to the write").isEqualTo("35.5");
        JsonNode alice = listed("tgcc-alice");
        assertThat(alice.get("euroHpcHosted").asBoolean()).isTrue();
        assertThat(alice.get("juSharePercent").asText()).isEqualTo("35.5");
        JsonNode cloud = listed("cloud-nord");
        assertThat(cloud.get("juSharePercent").isNull()).as("no JU share on a system the JU does not co-fund")
                .isTrue();
    }

    @Test
    void a_pool_s_size_is_a_version_the_first_from_the_start_a_change_from_when_it_is_declared() {
        Catalogue.ok(http.put("/api/v1/providers/tgcc-sized", """
                {"name": "TGCC (CEA)", "kind": "PUBLIC", "euroHpcHosted": true, "juSharePercent": 50}"""));
        Catalogue.ok(http.put("/api/v1/clusters/alice-sized", """
                {"providerId": "tgcc-sized", "timeZone": "Europe/Paris"}"""));
        String pool = """
                {"providerId": "tgcc-sized", "cluster": "alice-sized", "partition": "gpu", "gpuModel": "H100",
                 "gpusPerNode": 4, "cpusPerNode": 64, "nodes": %d, "charged": true}""";

        Answer first = Catalogue.ok(http.put("/api/v1/pools/alice-sized-gpu", pool.formatted(100)));
        Answer again = Catalogue.ok(http.put("/api/v1/pools/alice-sized-gpu", pool.formatted(100)));
        Answer grown = Catalogue.ok(http.put("/api/v1/pools/alice-sized-gpu", pool.formatted(120)));

        assertThat(first.body().get("sizes")).hasSize(1);
        assertThat(first.body().at("/sizes/0/effectiveFrom").asText()).isEqualTo("1970-01-01T00:00:00Z");
        assertThat(first.body().at("/sizes/0/nodes").asInt()).isEqualTo(100);
        assertThat(again.body().get("sizes")).as("the same size is not a new version").hasSize(1);
        assertThat(grown.body().get("sizes")).hasSize(2);
        assertThat(grown.body().at("/sizes/1/nodes").asInt()).isEqualTo(120);
        assertThat(java.time.Instant.parse(grown.body().at("/sizes/1/effectiveFrom").asText()))
                .isAfter(java.time.Instant.now().minusSeconds(600));
        Answer refused = http.put("/api/v1/pools/alice-sized-gpu", pool.formatted(0));
        assertThat(refused.status()).as(refused.text()).isEqualTo(400);
        assertThat(refused.body().get("detail").asText()).contains("nodes");
    }

    private JsonNode listed(String providerId) {
        Answer providers = http.get("/api/v1/providers");
        assertThat(providers.status()).as(providers.text()).isEqualTo(200);
        for (JsonNode provider : providers.body()) {
            if (provider.get("providerId").asText().equals(providerId)) {
                return provider;
            }
        }
        throw new AssertionError("provider " + providerId + " is not listed: " + providers.text());
    }
}
