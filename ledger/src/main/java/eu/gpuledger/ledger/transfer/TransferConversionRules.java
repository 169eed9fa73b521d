package eu.gpuledger.ledger.transfer;

import eu.gpuledger.ledger.catalogue.PoolId;
import eu.gpuledger.ledger.quantity.GpuSeconds;
import eu.gpuledger.ledger.quantity.NormalisationFactor;
import eu.gpuledger.ledger.quantity.PricePerGpuHour;
import eu.gpuledger.ledger.refusal.InvalidInput;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * How hours of one pool become hours of another: credit = floor(debit × sourceRate / targetRate), with what the
 * floor cut off recorded exactly as remainder = debit × sourceRate − credit × targetRate (in the rates' unit), so
 * that debit × sourceRate = credit × targetRate + remainder holds to the last digit whatever the rates.
 * <p>
 * The rates are, in order of preference: 1:1 within one pool; the normalisation factors in force on both pools;
 * the prices in force on both pools (private providers). Anything else cannot be converted.
 * Rounding is always down, so a transfer never creates hours.
 */
public final class TransferConversionRules {

    private TransferConversionRules() {
    }

    /**
     * The rates of one pool in force at the transfer's time.
     *
     * @param factor null when the pool has no normalisation factor in force
     * @param price  null when the pool has no price in force
     */
    public record PoolRates(PoolId poolId, NormalisationFactor factor, PricePerGpuHour price) {
        public PoolRates {
            Objects.requireNonNull(poolId, "poolId");
        }

        boolean hasPrice() {
            return price != null && price.eurPerGpuHour().signum() > 0;
        }
    }

    /** A transfer's two amounts and how one was derived from the other. */
    public record ConvertedTransfer(GpuSeconds debit, GpuSeconds credit, TransferConversion conversion) {
    }

    public static ConvertedTransfer convert(GpuSeconds debit, PoolRates source, PoolRates target) {
        InvalidInput.requirePositive(debit, "gpuHours");
        if (source.poolId().equals(target.poolId())) {
            return convert(debit, ConversionBasis.SAME_POOL, BigDecimal.ONE, BigDecimal.ONE);
        }
        if (source.factor() != null && target.factor() != null) {
            return convert(debit, ConversionBasis.NORMALISATION, source.factor().normalisedPerGpuHour(),
                    target.factor().normalisedPerGpuHour());
        }
        if (source.hasPrice() && target.hasPrice()) {
            return convert(debit, ConversionBasis.PRICE, source.price().eurPerGpuHour(),
                    target.price().eurPerGpuHour());
        }
        throw new TransferNotConvertible("pools " + source.poolId() + " and " + target.poolId()
                + " have neither normalisation factors nor prices in force on both sides");
    }

    private static ConvertedTransfer convert(GpuSeconds debit, ConversionBasis basis, BigDecimal sourceRate,
                                             BigDecimal targetRate) {
        BigDecimal sourceValue = BigDecimal.valueOf(debit.value()).multiply(sourceRate);
        BigDecimal credit = sourceValue.divide(targetRate, 0, RoundingMode.FLOOR);
        BigDecimal remainderValue = sourceValue.subtract(credit.multiply(targetRate));
        TransferConversion conversion = canonical(new TransferConversion(basis, sourceRate, targetRate, remainderValue));
        return new ConvertedTransfer(debit, GpuSeconds.of(credit.longValueExact()), conversion);
    }


    /**
     * Whether {@code credit} is the conversion of {@code debit}: credit = floor(debit × sourceRate / targetRate),
     * checked exactly (credit × targetRate ≤ debit × sourceRate < (credit + 1) × targetRate), with the exact remainder.
     */
    public static boolean isConversionOf(GpuSeconds debit, GpuSeconds credit, TransferConversion conversion) {
        if (conversion.sourceRate().signum() <= 0 || conversion.targetRate().signum() <= 0) {
            return false;
        }
        BigDecimal sourceValue = BigDecimal.valueOf(debit.value()).multiply(conversion.sourceRate());
        BigDecimal creditValue = BigDecimal.valueOf(credit.value()).multiply(conversion.targetRate());
        BigDecimal nextValue = BigDecimal.valueOf(credit.value() + 1).multiply(conversion.targetRate());
        return creditValue.compareTo(sourceValue) <= 0 && sourceValue.compareTo(nextValue) < 0
                && conversion.remainder().compareTo(sourceValue.subtract(creditValue)) == 0;
    }

    /** The same conversion written without trailing zeros, so that a replayed request compares equal. */
    public static TransferConversion canonical(TransferConversion conversion) {
        return new TransferConversion(conversion.basis(), strip(conversion.sourceRate()),
                strip(conversion.targetRate()), strip(conversion.remainder()));
    }

    private static BigDecimal strip(BigDecimal value) {
        return value.signum() == 0 ? BigDecimal.ZERO : value.stripTrailingZeros();
    }
}
