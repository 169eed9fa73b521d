package eu.gpuledger.reports.statement.invoice;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * A paid-use statement as an invoice (EN 16931): the provider sells GPU-hours to the project's organisation. The
 * figures are the statement's: each line's net amount is the statement line's, rounded to the cent half-even
 * (docs/statements.md); the invoice checks that it is its quantity times its unit price, so that the Cross Industry
 * Invoice a reader recomputes agrees with it, and that the totals are the sums of the lines.
 *
 * @param number        the statement's number (invoice numbers follow without gaps per funder and year)
 * @param issuedAt      the statement's issue time; its day (UTC) is the invoice's issue date
 * @param periodStart   the first day invoiced
 * @param periodEnd     the last day invoiced (inclusive, as invoices state periods)
 * @param dueDate       when payment is due
 * @param seller        the provider
 * @param buyer         the customer, the project's organisation
 * @param lines         what was used, line by line
 * @param vat           the VAT treatment of every line
 * @param statementId   the statement it is the invoice of, named in a note
 * @param contentSha256 the statement content's hash, named in a note
 */
public record PaidUseInvoice(String number, Instant issuedAt, LocalDate periodStart, LocalDate periodEnd,
                             LocalDate dueDate, InvoiceParty seller, InvoiceParty buyer, List<InvoiceLine> lines,
                             Vat vat, String statementId, String contentSha256) {

    /** Lines of one invoice at most. */
    public static final int LINES_MAX = 10_000;

    public PaidUseInvoice {
        Objects.requireNonNull(number, "an invoice is a statement once issued: it has a number");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(vat, "vat");
        if (periodEnd.isBefore(periodStart)) {
            throw new IllegalArgumentException("an invoiced period ends on or after its first day");
        }
        if (lines.isEmpty() || lines.size() > LINES_MAX) {
            throw new IllegalArgumentException("an invoice has 1 to " + LINES_MAX + " lines, not " + lines.size());
        }
        seller.requireInvoiceable("seller", true);
        buyer.requireInvoiceable("buyer", vat.category() == VatCategory.REVERSE_CHARGE);
        if (vat.category() == VatCategory.REVERSE_CHARGE && (seller.vatId() == null || buyer.vatId() == null)) {
            throw new InvoicePartyIncomplete(seller.vatId() == null ? "seller" : "buyer", "vatId",
                    "is required when VAT is reverse-charged (EN 16931 BR-AE-02)");
        }
        lines = List.copyOf(lines);
    }

    public LocalDate issueDate() {
        return LocalDate.ofInstant(issuedAt, java.time.ZoneOffset.UTC);
    }

    /** The sum of the lines' net amounts (BT-106). */
    public BigDecimal netTotal() {
        return lines.stream().map(InvoiceLine::netAmountEur).reduce(BigDecimal.ZERO, BigDecimal::add)
                .setScale(2, RoundingMode.UNNECESSARY);
    }

    /** The VAT of the invoice (BT-110): the net total times the rate, to the cent half-even. */
    public BigDecimal vatTotal() {
        return netTotal().multiply(vat.ratePercent()).movePointLeft(2).setScale(2, RoundingMode.HALF_EVEN);
    }

    public BigDecimal grossTotal() {
        return netTotal().add(vatTotal());
    }

    /**
     * A line: what was used (pool, allocation), the GPU-hours (exactly, the unit being the hour, UN/ECE code HUR),
     * the price of one hour, and the net amount, which is their product to the cent.
     */
    public record InvoiceLine(String description, BigDecimal gpuHours, BigDecimal unitPriceEur,
                              BigDecimal netAmountEur) {

        /** Places of a quantity at most: hours from whole seconds are exact at 4 places when seconds divide by 9. */
        public static final int QUANTITY_SCALE_MAX = 6;

        public InvoiceLine {
            Objects.requireNonNull(description, "description");
            if (gpuHours.signum() < 0 || unitPriceEur.signum() < 0) {
                throw new IllegalArgumentException("an invoice line has no negative quantity or price");
            }
            if (gpuHours.stripTrailingZeros().scale() > QUANTITY_SCALE_MAX) {
                throw new IllegalArgumentException("a quantity has at most " + QUANTITY_SCALE_MAX + " places: "
                        + gpuHours);
            }
            BigDecimal product = gpuHours.multiply(unitPriceEur);
            // readers recompute quantity × price: both roundings of a half cent must give the line's amount
            if (netAmountEur.scale() > 2
                    || product.setScale(2, RoundingMode.HALF_EVEN).compareTo(netAmountEur) != 0
                    || product.setScale(2, RoundingMode.HALF_UP).compareTo(netAmountEur) != 0) {
                throw new IllegalArgumentException("the line '" + description + "' says " + netAmountEur
                        + " EUR, but " + gpuHours + " h × " + unitPriceEur + " EUR is " + product.toPlainString());
            }
            netAmountEur = netAmountEur.setScale(2, RoundingMode.UNNECESSARY);
        }
    }

    /** The VAT of every line: a category of EN 16931 (UNTDID 5305) and its rate. */
    public record Vat(VatCategory category, BigDecimal ratePercent, String exemptionReason) {
        public Vat {
            Objects.requireNonNull(category, "category");
            Objects.requireNonNull(ratePercent, "ratePercent");
            if (category != VatCategory.STANDARD && ratePercent.signum() != 0) {
                throw new IllegalArgumentException("only a standard-rated invoice has a VAT rate above 0");
            }
            if (category == VatCategory.REVERSE_CHARGE && (exemptionReason == null || exemptionReason.isBlank())) {
                throw new IllegalArgumentException("a reverse-charged invoice states why (BR-AE-10)");
            }
        }

        public static Vat standard(BigDecimal ratePercent) {
            return new Vat(VatCategory.STANDARD, ratePercent, null);
        }

        public static Vat reverseCharge() {
            return new Vat(VatCategory.REVERSE_CHARGE, BigDecimal.ZERO, "Autoliquidation / reverse charge");
        }
    }

    public enum VatCategory {
        /** UNTDID 5305 "S": VAT at the standard rate, e.g. 20 % in France. */
        STANDARD("S"),
        /** UNTDID 5305 "AE": the buyer accounts for VAT (a customer in another member state). */
        REVERSE_CHARGE("AE");

        private final String code;

        VatCategory(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }
}
