package eu.gpuledger.reports.statement.invoice;

import eu.gpuledger.reports.statement.invoice.PaidUseInvoice.VatCategory;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The VAT of a paid-use invoice follows from where the seller and the buyer are. */
class VatRulesTest {

    private static final InvoiceParty FRENCH_SELLER = FacturXTest.SELLER;

    private static InvoiceParty buyerIn(String country, String vatId) {
        return new InvoiceParty("Customer", "1 street", "1000", "City", country, vatId, null, null);
    }

    @Test
    void a_buyer_in_the_sellers_country_pays_its_standard_rate() {
        assertThat(VatRules.treatment(FRENCH_SELLER, buyerIn("FR", null)))
                .satisfies(vat -> assertThat(vat.category()).isEqualTo(VatCategory.STANDARD))
                .satisfies(vat -> assertThat(vat.ratePercent()).isEqualByComparingTo("20"));
    }

    @Test
    void a_buyer_with_a_vat_id_in_another_member_state_is_reverse_charged() {
        assertThat(VatRules.treatment(FRENCH_SELLER, buyerIn("DE", "DE123456789")).category())
                .isEqualTo(VatCategory.REVERSE_CHARGE);
    }

    @Test
    void a_case_without_a_decided_treatment_is_refused_not_guessed() {
        assertThatThrownBy(() -> VatRules.treatment(FRENCH_SELLER, buyerIn("DE", null)))
                .isInstanceOf(VatRules.VatNotKnown.class).hasMessageContaining("without a VAT id");
        assertThatThrownBy(() -> VatRules.treatment(FRENCH_SELLER, buyerIn("CH", "CHE123456789")))
                .isInstanceOf(VatRules.VatNotKnown.class).hasMessageContaining("outside the EU");
        assertThatThrownBy(() -> VatRules.treatment(buyerIn("IT", "IT12345678901"), buyerIn("IT", null)))
                .isInstanceOf(VatRules.VatNotKnown.class).hasMessageContaining("IT");
    }
}
