package eu.gpuledger.reports.statement;

import eu.gpuledger.ledger.allocation.FundingSource;
import eu.gpuledger.ledger.rate.RateUnit;
import eu.gpuledger.ledger.statement.StatementPeriod;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What a BILLING statement says, as plain data for any renderer (JSON, CSV, PDF, Factur-X): who bills whom
 * ({@link #seller()}, {@link #buyer()}), the lines of the period, the prior-period adjustment lines, the totals. The two
 * kinds add their own: {@link JuBillingContent} the JU-share measures and flags, {@link PaidUseContent} nothing more.
 * Quantities are exact (GPU-seconds, normalised GPU-seconds); amounts are EUR, each line rounded once to the cent
 * half-even, totals the sums of the rounded lines ({@code StatementRounding}). See docs/statements.md.
 */
public sealed interface BillingContent permits JuBillingContent, PaidUseContent {

    BillingSubject subject();

    Instant knownAt();

    Party seller();

    Party buyer();

    /** The usage of the period: a line per allocation and rate version in force (a line splits where a rate changes). */
    List<BillingLine> lines();

    /** Usage, refunds or corrections of earlier issued periods recorded after their statement: each names it. */
    List<BillingLine> adjustments();

    Totals totals();

    /** Whose bill: a funder, a provider, and for a paid-use statement the customer's project; for a period. */
    record BillingSubject(FundingSource funder, String providerId, String projectId, StatementPeriod period) {
        public BillingSubject {
            Objects.requireNonNull(funder, "funder");
            Objects.requireNonNull(providerId, "providerId");
            Objects.requireNonNull(period, "period");
        }
    }

    /**
     * A party to the statement. {@code id} is the ledger's (a provider id, a project id, a funder's name);
     * {@code contact} the person named for it (a project's principal investigator), null when none.
     */
    record Party(String role, String id, String name, String contact) {
    }

    /**
     * The rate version a line is valued at, named as the rate card holds it: the charge's effective time falls in
     * [{@code effectiveFrom}, the next version's).
     */
    record RateVersion(String rateId, Instant effectiveFrom, RateUnit unit, BigDecimal eurPerHour) {
    }

    /** The issued statement and line an adjustment corrects; {@code line} null when that statement had no such line. */
    record Adjusts(String statementId, String number, String period, Integer line) {
    }

    /**
     * One line: an allocation's usage (consumption net of refunds) with effective time in [{@code from}, {@code to}),
     * valued at one rate version. {@code normalisedGpuSeconds} is exact (GPU-seconds times the pool's factor in force
     * at each charge), null when the pool had no factor; {@code exactAmount} every digit kept, {@code amount} it
     * rounded to the cent half-even. {@code adjusts} is null on a line of the period.
     */
    record BillingLine(int line, String allocationId, String projectId, String accessMode, String audience,
                       String poolId, RateVersion rate, Instant from, Instant to, long gpuSeconds,
                       BigDecimal normalisedGpuSeconds, BigDecimal exactAmount, BigDecimal amount, Adjusts adjusts) {
    }

    /** Sums of the lines as printed: of the period's lines, of the adjustments, and of both (what is due). */
    record Totals(long gpuSeconds, BigDecimal normalisedGpuSeconds, BigDecimal linesAmount,
                  BigDecimal adjustmentsAmount, BigDecimal amount) {
    }
}
