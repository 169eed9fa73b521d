package eu.gpuledger.server.console.admin;

import java.util.List;
import java.util.Map;

/**
 * What a person typed into one form of a page, kept when the ledger refused it so that the page shows the form again
 * as it was sent, with the refusal beside it; the other forms of the page stay empty.
 *
 * @param form   the name of the form that was sent (null: none, the page was only shown)
 * @param values its fields as sent
 */
public record FormInput(String form, Map<String, List<String>> values) {

    public static final FormInput NONE = new FormInput(null, Map.of());

    public FormInput {
        values = values == null ? Map.of() : Map.copyOf(values);
    }

    /** Whether this form is the one that was sent (and refused). */
    public boolean is(String name) {
        return name.equals(form);
    }

    /** The field as sent in this form, else {@code otherwise} (a record's current value, or empty). */
    public String value(String name, String field, Object otherwise) {
        if (is(name)) {
            List<String> sent = values.get(field);
            return sent == null || sent.isEmpty() ? "" : sent.getFirst();
        }
        return otherwise == null ? "" : otherwise.toString();
    }

    public String value(String name, String field) {
        return value(name, field, null);
    }

    /** Whether a checkbox or option {@code option} of the field was chosen, else {@code otherwise}. */
    public boolean chose(String name, String field, Object option, boolean otherwise) {
        if (is(name)) {
            List<String> sent = values.get(field);
            return sent != null && sent.contains(String.valueOf(option));
        }
        return otherwise;
    }
}
