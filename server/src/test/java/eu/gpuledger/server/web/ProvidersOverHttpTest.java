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
