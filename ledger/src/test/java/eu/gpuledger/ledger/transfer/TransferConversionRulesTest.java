package eu.gpuledger.ledger.transfer;

import eu.gpuledger.ledger.catalogue.PoolId;
import eu.gpuledger.ledger.quantity.GpuSeconds;
import eu.gpuledger.ledger.quantity.NormalisationFactor;
import eu.gpuledger.ledger.quantity.PricePerGpuHour;
import eu.gpuledger.ledger.transfer.TransferConversionRules.ConvertedTransfer;
import eu.gpuledger.ledger.transfer.TransferConversionRules.PoolRates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TransferConversionRulesTest {

    private static final PoolId V100 = PoolId.of("jean-zay-gpu_p13");
    private static final PoolId A100 = PoolId.of("jean-zay-gpu_p5");
    private static final PoolId CLOUD_H100 = PoolId.of("cloud-h100");
    private static final PoolId CLOUD_L40S = PoolId.of("cloud-l40s");

    private static PoolRates factor(PoolId pool, String factor) {
        return new PoolRates(pool, NormalisationFactor.of(factor), null);
    }

    private static PoolRates price(PoolId pool, String eurPerGpuHour) {
        return new PoolRates(pool, null, PricePerGpuHour.of(eurPerGpuHour));
    }

    /** The identity that makes the books reconcile: debit × sourceRate = credit × targetRate + remainder. */
    private static void assertExact(ConvertedTransfer converted) {
        TransferConversion conversion = converted.conversion();
        BigDecimal source = BigDecimal.valueOf(converted.debit().value()).multiply(conversion.sourceRate());
        BigDecimal target = BigDecimal.valueOf(converted.credit().value()).multiply(conversion.targetRate())
                .add(conversion.remainder());
        assertThat(target).isEqualByComparingTo(source);
        assertThat(conversion.remainder()).isGreaterThanOrEqualTo(BigDecimal.ZERO).isLessThan(conversion.targetRate());
    }

    @Test
    void within_one_pool_an_hour_is_an_hour() {
        ConvertedTransfer converted = TransferConversionRules.convert(GpuSeconds.of(3601), factor(A100, "2"),
                factor(A100, "2"));
        assertThat(converted.credit()).isEqualTo(GpuSeconds.of(3601));
        assertThat(converted.conversion().basis()).isEqualTo(ConversionBasis.SAME_POOL);
        assertExact(converted);
    }

    @Test
    void an_a100_hour_is_two_v100_hours_at_idris() {
        ConvertedTransfer converted = TransferConversionRules.convert(GpuSeconds.ofHours(10), factor(A100, "2"),
                factor(V100, "1"));
        assertThat(converted.credit()).isEqualTo(GpuSeconds.ofHours(20));
        assertThat(converted.conversion().basis()).isEqualTo(ConversionBasis.NORMALISATION);
        assertExact(converted);
    }

    @ParameterizedTest(name = "{0} GPU-s at factor {1} → factor {2}: {3} GPU-s credited, {4} normalised GPU-s cut off")
    @CsvSource({
            "1, 1, 2, 0, 1",
            "3, 1, 2, 1, 1",
            "7, 1.25, 4, 2, 0.75",
            "1000003, 0.5, 1.25, 400001, 0.25",
            "3600, 2, 4, 1800, 0",
    })
    void the_credit_is_rounded_down_and_the_remainder_recorded_exactly(long debit, String sourceFactor,
                                                                      String targetFactor, long credit,
                                                                      String remainder) {
        ConvertedTransfer converted = TransferConversionRules.convert(GpuSeconds.of(debit),
                factor(A100, sourceFactor), factor(V100, targetFactor));
        assertThat(converted.credit()).isEqualTo(GpuSeconds.of(credit));
        assertThat(converted.conversion().remainder()).isEqualByComparingTo(remainder);
        assertExact(converted);
    }

    @Test
    void the_remainder_is_exact_even_where_no_decimal_holds_a_third_of_a_gpu_second() {
        ConvertedTransfer converted = TransferConversionRules.convert(GpuSeconds.of(10), factor(A100, "1"),
                factor(V100, "3"));
        assertThat(converted.credit()).isEqualTo(GpuSeconds.of(3));
        assertThat(converted.conversion().remainder()).isEqualByComparingTo("1");
        assertExact(converted);
    }

    @Test
    void normalisation_is_preferred_when_both_pools_have_factors_and_prices() {
        PoolRates source = new PoolRates(CLOUD_H100, NormalisationFactor.of("4"), PricePerGpuHour.of("3.00"));
        PoolRates target = new PoolRates(CLOUD_L40S, NormalisationFactor.of("1"), PricePerGpuHour.of("1.00"));
        ConvertedTransfer converted = TransferConversionRules.convert(GpuSeconds.ofHours(1), source, target);
        assertThat(converted.conversion().basis()).isEqualTo(ConversionBasis.NORMALISATION);
        assertThat(converted.credit()).isEqualTo(GpuSeconds.ofHours(4));
    }

    @Test
    void private_pools_without_factors_convert_through_their_prices() {
        ConvertedTransfer converted = TransferConversionRules.convert(GpuSeconds.ofHours(10),
                price(CLOUD_H100, "2.50"), price(CLOUD_L40S, "1.25"));
        assertThat(converted.conversion().basis()).isEqualTo(ConversionBasis.PRICE);
        assertThat(converted.credit()).isEqualTo(GpuSeconds.ofHours(20));
        assertExact(converted);
    }

    @Test
    void pools_with_neither_factors_nor_prices_on_both_sides_cannot_exchange_hours() {
        assertThatThrownBy(() -> TransferConversionRules.convert(GpuSeconds.ofHours(1), factor(A100, "2"),
                price(CLOUD_L40S, "1.25"))).isInstanceOf(TransferNotConvertible.class);
    }

    @Test
    void a_free_pool_has_no_price_to_convert_through() {
        assertThatThrownBy(() -> TransferConversionRules.convert(GpuSeconds.ofHours(1), price(CLOUD_H100, "0"),
                price(CLOUD_L40S, "1.25"))).isInstanceOf(TransferNotConvertible.class);
    }

    @Test
    void a_conversion_is_recognised_only_when_the_credit_is_the_floor() {
        ConvertedTransfer converted = TransferConversionRules.convert(GpuSeconds.of(7), factor(A100, "1.25"),
                factor(V100, "4"));
        assertThat(TransferConversionRules.isConversionOf(converted.debit(), converted.credit(),
                converted.conversion())).isTrue();
        assertThat(TransferConversionRules.isConversionOf(converted.debit(), GpuSeconds.of(3),
                converted.conversion())).isFalse();
        assertThat(TransferConversionRules.isConversionOf(converted.debit(), GpuSeconds.of(1),
                converted.conversion())).isFalse();
    }
}
