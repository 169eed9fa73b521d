package eu.gpuledger.reports.statement.invoice;

import java.util.regex.Pattern;

/**
 * A party to an invoice, with what EN 16931 requires of it: a name and a postal address with its country (BT-27/44,
 * BT-35..40/50..55), and for the seller a VAT identifier or a legal registration identifier (BT-31/BT-30, rule
 * BR-CO-26). The ledger's catalogue knows a provider and a project by name only; these details are the invoicing
 * details given for them, and a missing one refuses the invoice rather than writing an invoice a tax office rejects.
 *
 * @param name                the registered name
 * @param street              the street line of the postal address
 * @param postcode            the post code
 * @param city                the city
 * @param countryCode         ISO 3166-1 alpha-2, e.g. FR
 * @param vatId               the VAT identifier, e.g. FR32123456789, or null
 * @param legalRegistrationId the legal registration (SIREN, trade register number), or null
 * @param legalRegistrationScheme the registration's scheme, an ISO 6523 ICD code (0002 SIRENE, 0009 SIRET), given
 *                            with the registration
 */
public record InvoiceParty(String name, String street, String postcode, String city, String countryCode,
                           String vatId, String legalRegistrationId, String legalRegistrationScheme) {

    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");
    private static final Pattern ICD = Pattern.compile("[0-9]{4}");

    /** The rule, by name: a party an invoice names has every field EN 16931 requires of its role. */
    public void requireInvoiceable(String role, boolean identified) {
        require(role, "name", name);
        require(role, "street", street);
        require(role, "postcode", postcode);
        require(role, "city", city);
        require(role, "countryCode", countryCode);
        if (!COUNTRY.matcher(countryCode).matches()) {
            throw new InvoicePartyIncomplete(role, "countryCode", "is not an ISO 3166-1 alpha-2 code: '"
                    + countryCode + "'");
        }
        if (!blank(legalRegistrationId) && (blank(legalRegistrationScheme)
                || !ICD.matcher(legalRegistrationScheme).matches())) {
            throw new InvoicePartyIncomplete(role, "legalRegistrationScheme", "is required with a legal registration:"
                    + " an ISO 6523 ICD code of 4 digits, e.g. 0002 for a SIREN (EN 16931 BR-CL-11)");
        }
        if (identified && blank(vatId) && blank(legalRegistrationId)) {
            throw new InvoicePartyIncomplete(role, "vatId", "or legalRegistrationId is required (EN 16931 BR-CO-26)");
        }
    }

    private static void require(String role, String field, String value) {
        if (blank(value)) {
            throw new InvoicePartyIncomplete(role, field, "is required on an invoice (EN 16931)");
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
