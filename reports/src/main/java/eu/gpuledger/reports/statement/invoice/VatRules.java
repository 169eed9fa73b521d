package eu.gpuledger.reports.statement.invoice;

import eu.gpuledger.ledger.refusal.RuleRefusal;
import eu.gpuledger.reports.statement.invoice.PaidUseInvoice.Vat;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Set;

/**
 * Which VAT a paid-use invoice carries, from where its parties are (a B2B supply of services, EU VAT directive
 * art. 44 and 196): a buyer in the seller's country pays the seller's standard rate; a buyer in another member
 * state with a VAT id accounts for VAT itself (reverse charge). Rates are known for the sellers' countries listed
 * here; any other case is refused with a reason rather than invoiced at a guessed rate.
 */
public final class VatRules {

    /** The standard VAT rates of the countries our sellers invoice from, in percent. */
    static final Map<String, BigDecimal> STANDARD_RATE_PERCENT = Map.of("FR", new BigDecimal("20"));

    static final Set<String> MEMBER_STATES = Set.of("AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR",
            "GR", "HR", "HU", "IE", "IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK");

    private VatRules() {
    }

    public static Vat treatment(InvoiceParty seller, InvoiceParty buyer) {
        BigDecimal standard = STANDARD_RATE_PERCENT.get(seller.countryCode());
        if (standard == null) {
            throw new VatNotKnown("no standard VAT rate is known for a seller in " + seller.countryCode());
        }
        if (seller.countryCode().equals(buyer.countryCode())) {
            return Vat.standard(standard);
        }
        if (MEMBER_STATES.contains(buyer.countryCode()) && buyer.vatId() != null) {
            return Vat.reverseCharge();
        }
        throw new VatNotKnown("a buyer in " + buyer.countryCode() + (MEMBER_STATES.contains(buyer.countryCode())
                ? " without a VAT id" : " outside the EU") + " is not invoiced by the ledger yet: its VAT treatment"
                + " is not decided here");
    }

    /** The VAT of an invoice cannot be decided from its parties: no invoice is written (422). */
    public static class VatNotKnown extends RuleRefusal {
        public VatNotKnown(String message) {
            super(message);
        }

        @Override
        public String problem() {
            return "vat-treatment-unknown";
        }
    }
}
