package eu.gpuledger.ledger.quantity;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * Money in euros, exact. Intermediate amounts (a price per hour times seconds) keep every digit;
 * {@link #toCents()} rounds half up to cents only where a document shows or totals money.
 */
public record Eur(BigDecimal amount) implements Comparable<Eur> {

    public static final Eur ZERO = new Eur(BigDecimal.ZERO);

    public Eur {
        Objects.requireNonNull(amount, "amount");
    }

    @JsonCreator
    public static Eur of(String amount) {
        return new Eur(new BigDecimal(amount));
    }

    public static Eur of(BigDecimal amount) {
        return new Eur(amount);
    }

    @JsonValue
    public String asText() {
        return amount.toPlainString();
    }

    public Eur plus(Eur other) {
        return new Eur(amount.add(other.amount));
    }

    public Eur minus(Eur other) {
        return new Eur(amount.subtract(other.amount));
    }

    public Eur toCents() {
        return new Eur(amount.setScale(2, RoundingMode.HALF_UP));
    }

    /** Two decimals, e.g. "1234.50": the API's money format. */
    public String formatted() {
        return amount.setScale(2, RoundingMode.HALF_UP).toPlainString();
    }

    @Override
    public int compareTo(Eur other) {
        return amount.compareTo(other.amount);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Eur that && amount.compareTo(that.amount) == 0;
    }

    @Override
    public int hashCode() {
        return amount.stripTrailingZeros().hashCode();
    }

    @Override
    public String toString() {
        return formatted() + " EUR";
    }
}
