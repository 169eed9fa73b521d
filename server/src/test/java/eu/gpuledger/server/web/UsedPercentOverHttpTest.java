package eu.gpuledger.server.web;

import eu.gpuledger.server.support.Catalogue;
import eu.gpuledger.server.support.LedgerHttp.Answer;
import eu.gpuledger.server.support.LedgerIntegrationTest;
import eu.gpuledger.server.support.OverHttp;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * API.md's usedPercent on a V100 allocation that got a supplement, hours transferred in, a charge and a refund:
 * 100 h granted + 20 h supplemented, 80 h transferred in, 90 h consumed, 30 h refunded. Net consumption 60 h over
 * the grant plus supplements (120 h) is 50%; over the entitlement (200 h) it would be 30%.
 */
@LedgerIntegrationTest
class UsedPercentOverHttpTest extends OverHttp {

    @Test
    void used_percent_is_net_consumption_over_the_grant_plus_supplements_whatever_was_transferred_in() {
        Catalogue.idrisWithA100AndV100(http);
        Catalogue.grant(http, "used-2030", "jz-v100", 100, "2030-01-01T00:00:00Z", "2031-01-01T00:00:00Z",
                "used30@v100");
        Catalogue.grant(http, "giver-2030", "jz-v100", 500, "2030-01-01T00:00:00Z", "2031-01-01T00:00:00Z",
                "give30@v100");
        Catalogue.ok(http.post("/api/v1/allocations/used-2030/supplements", """
                {"supplementId": "used-s1", "gpuHours": 20, "reason": "committee"}"""));
        Answer transfer = http.post("/api/v1/transfers", """
                {"transferId": "used-t1", "fromAllocationId": "giver-2030", "toAllocationId": "used-2030",
                 "gpuHours": 80, "reason": "moved"}""");
        assertThat(transfer.body().get("state").asText()).as(transfer.text()).isEqualTo("COMPLETED");
        Catalogue.ok(http.post("/api/v1/usage/records", """
                [{"recordId": "jean-zay:used30-1", "cluster": "jean-zay", "jobId": "used30-1", "account": "used30@v100",
                  "partition": "gpu_p13", "user": "u", "gpus": 1, "end": "2030-03-10T12:00:00Z",
                  "elapsedSeconds": %d}]""".formatted(90 * 3600)));
        Catalogue.ok(http.post("/api/v1/usage/jean-zay:used30-1/refunds", """
                {"refundId": "used30-r1", "gpuSeconds": %d, "reason": "node failure"}""".formatted(30 * 3600)));

        Answer view = http.await("/api/v1/allocations/used-2030",
                answer -> answer.body().at("/refunded/gpuSeconds").asLong() == 30 * 3600
                        && answer.body().at("/transferredIn/gpuSeconds").asLong() == 80 * 3600);

        assertThat(view.body().at("/balance/gpuSeconds").asLong()).isEqualTo((100 + 20 + 80 - 60) * 3600);
        assertThat(view.body().get("usedPercent").decimalValue()).isEqualByComparingTo("50.00");
        assertThat(view.body().get("state").asText()).isEqualTo("ACTIVE");
    }
}
