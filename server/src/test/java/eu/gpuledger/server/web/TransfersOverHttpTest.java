package eu.gpuledger.server.web;

import eu.gpuledger.server.expiry.ExpiryScheduler;
import eu.gpuledger.server.support.Catalogue;
import eu.gpuledger.server.support.LedgerHttp.Answer;
import eu.gpuledger.server.support.LedgerIntegrationTest;
import eu.gpuledger.server.support.OverHttp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** Transfers through the saga on the real stack: completed, refused, and compensated. */
@LedgerIntegrationTest
class TransfersOverHttpTest extends OverHttp {

    @Autowired
    ExpiryScheduler expiry;

    /** Each test has allocations of its own (the context, and so the database, is shared). */
    String a100;
    String v100;

    @BeforeEach
    void catalogue(org.junit.jupiter.api.TestInfo test) {
        Catalogue.idrisWithA100AndV100(http);
        String suffix = Integer.toHexString(test.getDisplayName().hashCode());
        a100 = "a100-2026-" + suffix;
        v100 = "v100-2026-" + suffix;
        Catalogue.grant(http, a100, "jz-a100", 100, "2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z", "abc-" + suffix + "@a100");
        Catalogue.grant(http, v100, "jz-v100", 10, "2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z", "abc-" + suffix + "@v100");
    }

    private Answer transfer(String transferId, String from, String to, String gpuHours) {
        return http.post("/api/v1/transfers", """
                {"transferId": "%s", "fromAllocationId": "%s", "toAllocationId": "%s", "gpuHours": %s,
                 "reason": "test"}""".formatted(transferId, from, to, gpuHours));
    }

    @Test
    void ten_a100_hours_become_twenty_v100_hours_through_the_normalisation_factors() {
        Answer transfer = transfer("t-1", a100, v100, "10");
        assertThat(transfer.status()).as(transfer.text()).isEqualTo(200);
        assertThat(transfer.body().get("state").asText()).isEqualTo("COMPLETED");
        assertThat(transfer.body().at("/debited/gpuSeconds").asLong()).isEqualTo(36_000);
        assertThat(transfer.body().at("/credited/gpuSeconds").asLong()).isEqualTo(72_000);
        assertThat(transfer.body().at("/factorsUsed/basis").asText()).isEqualTo("NORMALISATION");

        assertThat(awaitBalance(a100, 90 * 3600)).isEqualTo(90 * 3600);
        assertThat(awaitBalance(v100, 30 * 3600)).isEqualTo(30 * 3600);

        Answer replay = transfer("t-1", a100, v100, "10");
        assertThat(replay.status()).isEqualTo(200);
        assertThat(replay.body().get("state").asText()).isEqualTo("COMPLETED");
        Answer conflicting = transfer("t-1", a100, v100, "11");
        assertThat(conflicting.status()).isEqualTo(409);
        assertThat(awaitBalance(a100, 90 * 3600)).isEqualTo(90 * 3600);
    }

    @Test
    void a_transfer_that_would_overdraw_the_source_is_rejected_and_moves_nothing() {
        Answer transfer = transfer("t-too-much", v100, a100, "11");
        assertThat(transfer.body().get("state").asText()).as(transfer.text()).isEqualTo("REJECTED");
        assertThat(transfer.body().get("rejectionReason").asText()).contains("overdraw");
        assertThat(awaitBalance(v100, 10 * 3600)).isEqualTo(10 * 3600);
        assertThat(awaitBalance(a100, 100 * 3600)).isEqualTo(100 * 3600);
    }

    @Test
    void a_credit_refused_by_an_expired_target_gives_the_debit_back() {
        Catalogue.grant(http, "v100-2025", "jz-v100", 10, "2025-01-01T00:00:00Z", "2026-01-01T00:00:00Z", "old@v100");
        assertThat(expiry.expireDue()).isGreaterThanOrEqualTo(1);

        Answer transfer = transfer("t-into-the-past", a100, "v100-2025", "5");
        assertThat(transfer.body().get("state").asText()).as(transfer.text()).isEqualTo("REJECTED");
        assertThat(transfer.body().get("rejectionReason").asText()).contains("expired");
        // status first: a 404 (the grant not yet projected) has no transferredOut, which reads as 0
        Answer source = http.await("/api/v1/allocations/" + a100,
                answer -> answer.status() == 200 && answer.body().at("/transferredOut/gpuSeconds").asLong() == 0);
        assertThat(source.body().at("/balance/gpuSeconds").asLong()).isEqualTo(100 * 3600);
        assertThat(http.await("/api/v1/allocations/v100-2025", a -> a.body().get("state").asText().equals("EXPIRED"))
                .body().at("/expired/gpuSeconds").asLong()).isEqualTo(10 * 3600);
    }

    private long awaitBalance(String allocationId, long expected) {
        return http.await("/api/v1/allocations/" + allocationId,
                        answer -> answer.status() == 200 && answer.body().at("/balance/gpuSeconds").asLong() == expected)
                .body().at("/balance/gpuSeconds").asLong();
    }
}
