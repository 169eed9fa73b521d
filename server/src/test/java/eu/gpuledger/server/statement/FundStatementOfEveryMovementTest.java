package eu.gpuledger.server.statement;

import com.fasterxml.jackson.databind.JsonNode;
import eu.gpuledger.server.expiry.ExpiryScheduler;
import eu.gpuledger.server.support.Catalogue;
import eu.gpuledger.server.support.LedgerHttp.Answer;
import eu.gpuledger.server.support.LedgerIntegrationTest;
import eu.gpuledger.server.support.OverHttp;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fund statement of one allocation with every kind of movement in its period: the grant, a supplement,
 * consumption, a refund, a transfer in, a transfer out, a claw-back after a warning, and the expiry of what was left
 * at its period's end. It lists each, and its closing balance is the balance view's at the period's end. The
 * allocation's period ends a minute after the test starts, so that everything, the expiry included, falls in the
 * current month; the centre's policy here asks no notice before a claw-back and no grace before an expiry.
 */
@LedgerIntegrationTest
@TestPropertySource(properties = {"ledger.clawback.required-notice=0s", "ledger.expiry.grace=0s"})
class FundStatementOfEveryMovementTest extends OverHttp {

    private static final long HOUR = 3600;
    /** Time enough for the movements before the period ends, even on a loaded machine. */
    private static final Duration MOVEMENTS_TIME = Duration.ofSeconds(60);

    @Autowired
    ExpiryScheduler expiry;

    @Test
    void a_fund_statement_of_an_allocation_with_every_kind_of_movement_reconciles_to_its_balance_view()
            throws InterruptedException {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        YearMonth month = YearMonth.from(now.atZone(ZoneOffset.UTC));
        Instant monthEnd = month.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        if (now.plus(MOVEMENTS_TIME.multipliedBy(2)).isAfter(monthEnd)) { // the last minutes of a month: wait
            Thread.sleep(Duration.between(now, monthEnd).plusSeconds(1).toMillis());
            now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            month = YearMonth.from(now.atZone(ZoneOffset.UTC));
        }
        Instant periodEnd = now.plus(MOVEMENTS_TIME);
        Catalogue.idrisWithA100AndV100(http);
        Catalogue.grant(http, "every", "jz-a100", 100, now.minus(40, ChronoUnit.DAYS).toString(),
                periodEnd.toString(), "every@a100");
        Catalogue.grant(http, "every-other", "jz-a100", 100, now.minus(40, ChronoUnit.DAYS).toString(),
                now.plus(300, ChronoUnit.DAYS).toString(), "every-other@a100");
        Catalogue.ok(http.post("/api/v1/allocations/every/supplements", """
                {"supplementId": "every-s", "gpuHours": 10, "reason": "second session"}"""));
        Catalogue.ok(http.post("/api/v1/usage/records", """
                [{"recordId": "jean-zay:every-1", "cluster": "jean-zay", "jobId": "every-1", "account": "every@a100",
                  "partition": "gpu_p5", "user": "u", "gpus": 2, "end": "%s", "elapsedSeconds": %d}]"""
                .formatted(now.minusSeconds(5), 3 * HOUR)));
        Catalogue.ok(http.post("/api/v1/usage/jean-zay:every-1/refunds", """
                {"refundId": "every-r", "gpuSeconds": 1800, "reason": "node failure"}"""));
        Catalogue.ok(http.post("/api/v1/transfers", """
                {"transferId": "every-in", "fromAllocationId": "every-other", "toAllocationId": "every",
                 "gpuHours": 7, "reason": "rebalancing in"}"""));
        Catalogue.ok(http.post("/api/v1/transfers", """
                {"transferId": "every-out", "fromAllocationId": "every", "toAllocationId": "every-other",
                 "gpuHours": 4, "reason": "rebalancing out"}"""));
        Catalogue.ok(http.post("/api/v1/allocations/every/warnings", """
                {"warningId": "every-w", "reason": "behind the expected pace"}"""));
        Catalogue.ok(http.post("/api/v1/allocations/every/clawbacks", """
                {"clawbackId": "every-c", "gpuHours": 20, "reason": "under-consumption after the warning"}"""));
        assertThat(Instant.now()).as("the movements took less than %s", MOVEMENTS_TIME).isBefore(periodEnd);
        while (!Instant.now().isAfter(periodEnd.plusSeconds(1))) {
            Thread.sleep(250);
        }
        expiry.expireDue();
        Answer expired = http.await("/api/v1/allocations/every",
                answer -> answer.status() == 200 && answer.body().get("state").asText().equals("EXPIRED"));
        assertThat(expired.body().get("state").asText()).isEqualTo("EXPIRED");

        Answer drafted = http.post("/api/v1/statements", """
                {"statementId": "every-fund", "funder": "GENCI", "kind": "FUND", "period": "%s",
                 "allocationId": "every"}""".formatted(month));

        assertThat(drafted.status()).as(drafted.text()).isEqualTo(200);
        JsonNode section = drafted.body().at("/content/allocations/0");
        Set<String> movements = new HashSet<>();
        section.get("lines").forEach(line -> movements.add(line.get("movement").asText()));
        assertThat(movements).as("every kind of movement after the opening grant").containsExactlyInAnyOrder(
                "SUPPLEMENTED", "CONSUMED", "REFUNDED", "TRANSFERRED_IN", "TRANSFERRED_OUT", "CLAWED_BACK", "EXPIRED");
        long opening = section.at("/opening/gpuSeconds").asLong();
        long credits = section.at("/credits/gpuSeconds").asLong();
        long debits = section.at("/debits/gpuSeconds").asLong();
        long closing = section.at("/closing/gpuSeconds").asLong();
        assertThat(opening).as("the grant, effective at its period's start, before the month").isEqualTo(100 * HOUR);
        assertThat(credits).as("supplement, refund, transfer in").isEqualTo((10 + 7) * HOUR + 1800);
        assertThat(opening + credits - debits).isEqualTo(closing);
        assertThat(closing).as("what expired leaves nothing").isZero();
        Answer view = http.get("/api/v1/allocations/every?asOf=" + month.plusMonths(1).atDay(1).atStartOfDay()
                .toInstant(ZoneOffset.UTC).minusMillis(1));
        assertThat(view.status()).as(view.text()).isEqualTo(200);
        assertThat(view.body().at("/balance/gpuSeconds").asLong()).as("the balance view at the period's end")
                .isEqualTo(closing);
    }
}
