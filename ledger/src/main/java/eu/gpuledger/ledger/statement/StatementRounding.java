package eu.gpuledger.ledger.statement;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * How a statement rounds money (docs/statements.md): each line's amount, computed exactly, is rounded to the cent
 * half-even (banker's rounding: a half cent goes to the even cent, so that over many lines the roundings do not all
 * lean one way); a total is the sum of its rounded lines, so that a funder adding up the lines finds the total
 * printed, to the cent. Hours are never rounded for arithmetic: GPU-seconds are exact integers and normalised
 * GPU-seconds exact decimals; both are shown to 2 places for people only.
 */
public final class StatementRounding {

    public static final int CENTS = 2;
    public static final RoundingMode LINE_ROUNDING = RoundingMode.HALF_EVEN;

    private StatementRounding() {
    }

    /** A line's amount as printed: its exact amount rounded to the cent, half-even. */
    public static BigDecimal lineAmount(BigDecimal exactAmount) {
        return exactAmount.setScale(CENTS, LINE_ROUNDING);
    }

    /**
     * A total as printed: the sum of the lines as printed, which must each be in cents already (a total of exact
     * amounts rounded once could differ from the sum a reader makes by a cent per few lines).
     */
    public static BigDecimal total(List<BigDecimal> printedLines) {
        BigDecimal total = BigDecimal.ZERO.setScale(CENTS);
        for (BigDecimal line : printedLines) {
            if (line.scale() != CENTS) {
                throw new IllegalArgumentException("a total adds lines as printed, in cents; got " + line);
            }
            total = total.add(line);
        }
        return total;
    }
}
