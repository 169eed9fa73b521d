package eu.gpuledger.ledger.invoicing;

import eu.gpuledger.ledger.limits.LedgerLimits;
import eu.gpuledger.ledger.refusal.InvalidInput;

import java.util.regex.Pattern;

/**
 * How a provider or a project's organisation is named on an invoice (EN 16931 parties): the registered name, the
 * postal address with its country, and the VAT id and legal registration (with its ISO 6523 scheme) when it has
 * them. The catalogue knows a provider and a project by name only; a Factur-X invoice needs these
 * (docs/statement-documents.md). Every field is bounded; the country is ISO 3166-1 alpha-2.
 */
public record InvoicingDetails(String name, String street, String postcode, String city, String countryCode,
                               String vatId, String legalRegistrationId, String legalRegistrationScheme) {

    /** Characters of an address line, a post code or an identifier at most. */
    public static final int LINE_CHARS_MAX = 200;

    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");
    private static final Pattern VAT_ID = Pattern.compile("[A-Z]{2}[A-Za-z0-9+*.]{2,13}");
    private static final Pattern ICD = Pattern.compile("[0-9]{4}");

    /** The details as given, checked field by field: a refusal names the field (400). */
    public static InvoicingDetails of(String name, String street, String postcode, String city, String countryCode,
                                      String vatId, String legalRegistrationId, String legalRegistrationScheme) {
        InvoicingDetails details = new InvoicingDetails(line(name, "name", true), line(street, "street", true),
                line(postcode, "postcode", true), line(city, "city", true), line(countryCode, "countryCode", true),
                line(vatId, "vatId", false), line(legalRegistrationId, "legalRegistrationId", false),
                line(legalRegistrationScheme, "legalRegistrationScheme", false));
        if (!COUNTRY.matcher(details.countryCode()).matches()) {
            throw new InvalidInput("countryCode", "must be an ISO 3166-1 alpha-2 code such as FR, got '"
                    + LedgerLimits.shown(details.countryCode()) + "'");
        }
        if (details.vatId() != null && !VAT_ID.matcher(details.vatId()).matches()) {
            throw new InvalidInput("vatId", "must be a VAT identifier with its country prefix, such as"
                    + " FR40303265045, got '" + LedgerLimits.shown(details.vatId()) + "'");
        }
        if ((details.legalRegistrationId() == null) != (details.legalRegistrationScheme() == null)) {
            throw new InvalidInput(details.legalRegistrationId() == null ? "legalRegistrationId"
                    : "legalRegistrationScheme", "is given with legalRegistrationId or legalRegistrationScheme,"
                    + " never alone");
        }
        if (details.legalRegistrationScheme() != null && !ICD.matcher(details.legalRegistrationScheme()).matches()) {
            throw new InvalidInput("legalRegistrationScheme", "must be an ISO 6523 ICD code of 4 digits such as 0002"
                    + " (SIREN), got '" + LedgerLimits.shown(details.legalRegistrationScheme()) + "'");
        }
        return details;
    }

    private static String line(String value, String field, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                throw new InvalidInput(field, "is required");
            }
            return null;
        }
        if (value.length() > LINE_CHARS_MAX) {
            throw new InvalidInput(field, "has at most " + LINE_CHARS_MAX + " characters, got " + value.length());
        }
        if (value.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidInput(field, "must be one line of text");
        }
        return value.strip();
    }
}
