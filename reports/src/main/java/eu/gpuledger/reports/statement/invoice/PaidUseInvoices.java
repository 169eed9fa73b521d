package eu.gpuledger.reports.statement.invoice;

import eu.gpuledger.ledger.quantity.GpuSeconds;
import eu.gpuledger.ledger.rate.RateUnit;
import eu.gpuledger.reports.statement.BillingContent.BillingLine;
import eu.gpuledger.reports.statement.PaidUseContent;
import eu.gpuledger.reports.statement.StatementHeader;
import eu.gpuledger.reports.statement.invoice.PaidUseInvoice.InvoiceLine;
import eu.gpuledger.reports.statement.invoice.PaidUseInvoice.Vat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * From an issued paid-use statement to its invoice. The paid-use content (a private provider's hours to a customer
 * at the price in force) maps to {@link PaidUseLine}s, one per line of the statement; the parties are the provider's
 * and the customer organisation's invoicing details.
 */
public final class PaidUseInvoices {

    /** Days from the issue date to the due date when the contract says nothing else. */
    public static final int PAYMENT_DAYS_DEFAULT = 30;

    private PaidUseInvoices() {
    }

    /**
     * The invoice lines of a paid-use statement: its period's lines, then its prior-period adjustments, each as the
     * statement values it. Empty when a line is valued per normalised GPU-hour, which an invoice in GPU-hours cannot
     * show as quantity × unit price (the statement's JSON, CSV and PDF show it).
     */
    public static Optional<List<PaidUseLine>> linesOf(PaidUseContent content) {
        List<PaidUseLine> lines = new ArrayList<>(content.lines().size() + content.adjustments().size());
        for (List<BillingLine> part : List.of(content.lines(), content.adjustments())) {
            for (BillingLine line : part) {
                if (line.rate().unit() != RateUnit.GPU_HOUR) {
                    return Optional.empty();
                }
                lines.add(new PaidUseLine(line.poolId(), line.allocationId(), line.rate().rateId(), line.gpuSeconds(),
                        line.rate().eurPerHour(), line.amount()));
            }
        }
        return Optional.of(lines);
    }

    /**
     * A paid-use statement's line as the invoice needs it: what (pool and allocation), exact GPU-seconds, the rate
     * in force in EUR per GPU-hour, and the line's amount as the statement has it (rounded to the cent half-even).
     */
    public record PaidUseLine(String poolId, String allocationId, String rateId, long gpuSeconds,
                              BigDecimal eurPerGpuHour, BigDecimal amountEur) {
        public PaidUseLine {
            Objects.requireNonNull(poolId, "poolId");
            Objects.requireNonNull(eurPerGpuHour, "eurPerGpuHour");
            Objects.requireNonNull(amountEur, "amountEur");
        }
    }

    /** The invoice of an issued paid-use statement for the period [firstDay, lastDay]. */
    public static PaidUseInvoice invoice(StatementHeader statement, LocalDate firstDay, LocalDate lastDay,
                                         List<PaidUseLine> lines, InvoiceParty seller, InvoiceParty buyer, Vat vat,
                                         int paymentDays) {
        if (statement.number() == null || statement.issuedAt() == null) {
            throw new IllegalArgumentException("only an issued statement is invoiced: " + statement.statementId()
                    + " is a draft");
        }
        List<InvoiceLine> invoiced = new ArrayList<>(lines.size());
        for (PaidUseLine line : lines) {
            invoiced.add(new InvoiceLine("GPU-hours on " + line.poolId()
                    + (line.allocationId() == null ? "" : ", allocation " + line.allocationId())
                    + (line.rateId() == null ? "" : ", rate " + line.rateId()),
                    hours(line.gpuSeconds()), line.eurPerGpuHour(), line.amountEur()));
        }
        return new PaidUseInvoice(statement.number(), statement.issuedAt(), firstDay, lastDay,
                LocalDate.ofInstant(statement.issuedAt(), java.time.ZoneOffset.UTC).plusDays(paymentDays), seller,
                buyer, invoiced, vat, statement.statementId(), statement.contentSha256());
    }

    /** Exact hours of whole seconds; a quantity that is no finite decimal of 6 places is refused, not rounded. */
    static BigDecimal hours(long gpuSeconds) {
        BigDecimal exact = BigDecimal.valueOf(gpuSeconds).divide(BigDecimal.valueOf(GpuSeconds.SECONDS_PER_HOUR),
                InvoiceLine.QUANTITY_SCALE_MAX, RoundingMode.HALF_EVEN);
        if (exact.multiply(BigDecimal.valueOf(GpuSeconds.SECONDS_PER_HOUR)).compareTo(BigDecimal.valueOf(gpuSeconds))
                != 0) {
            throw new IllegalArgumentException(gpuSeconds + " GPU-seconds are no exact number of hours to "
                    + InvoiceLine.QUANTITY_SCALE_MAX + " places");
        }
        return exact.stripTrailingZeros().scale() < 2 ? exact.setScale(2, RoundingMode.UNNECESSARY)
                : exact.stripTrailingZeros();
    }
}
