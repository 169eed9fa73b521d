package eu.gpuledger.projections.usage;

import eu.gpuledger.ledger.allocation.AllocationId;
import eu.gpuledger.ledger.quantity.GpuSeconds;
import eu.gpuledger.ledger.quantity.NormalisationFactor;
import eu.gpuledger.ledger.quantity.PricePerGpuHour;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The usage projection sums without a {@link BigDecimal} per charge and finds days without a map; the rows must
 * still be exactly (in value and in scale, which PostgreSQL's NUMERIC keeps) what adding each charge's own product
 * to zero gives.
 */
class UsageSumsTest {

    private static final List<String> FACTORS = List.of("1", "2", "4", "0.5", "1.25", "10", "3.3333333", "1E+2",
            "0.000001");
    private static final List<String> PRICES = List.of("0", "2.75", "1", "0.1", "3.14159", "10", "1E+3", "0.0000001",
            "12.345678901234", "99999999.99", "0.33");
    private static final List<NormalisationFactor> SHARED_FACTORS = FACTORS.stream().map(NormalisationFactor::of)
            .toList();
    private static final List<PricePerGpuHour> SHARED_PRICES = PRICES.stream().map(PricePerGpuHour::of).toList();

    @Test
    void normalised_and_eur_sums_equal_the_sum_of_each_charges_exact_value_and_scale() {
        Random random = new Random(7);
        for (int sum = 0; sum < 20_000; sum++) {
            NormalisedSum normalised = new NormalisedSum();
            EurSum eur = new EurSum();
            BigDecimal expectedNormalised = BigDecimal.ZERO;
            BigDecimal expectedEur = BigDecimal.ZERO;
            int charges = random.nextInt(6);
            for (int charge = 0; charge < charges; charge++) {
                GpuSeconds amount = GpuSeconds.of(amount(random));
                int factorAt = random.nextInt(sum % 3 == 0 ? FACTORS.size() : 2);
                int priceAt = random.nextInt(sum % 3 == 0 ? PRICES.size() : 2);
                // half the sums get the same instances again (as events read back share them), half equal copies
                NormalisationFactor factor = random.nextInt(8) == 0 ? null : sum % 2 == 0 ? SHARED_FACTORS.get(factorAt)
                        : NormalisationFactor.of(FACTORS.get(factorAt));
                PricePerGpuHour price = random.nextInt(8) == 0 ? null : sum % 2 == 0 ? SHARED_PRICES.get(priceAt)
                        : PricePerGpuHour.of(PRICES.get(priceAt));
                normalised.add(amount, factor);
                eur.add(amount, price);
                expectedNormalised = expectedNormalised.add(factor == null ? BigDecimal.ZERO
                        : factor.normalise(amount).value());
                expectedEur = expectedEur.add(price == null ? BigDecimal.ZERO : price.valueOf(amount).amount());
            }
            assertThat(normalised.value()).as("normalised sum %d", sum).isEqualTo(expectedNormalised);
            assertThat(eur.value()).as("EUR sum %d", sum).isEqualTo(expectedEur);
        }
    }

    @Test
    void a_charge_too_large_for_whole_ten_billionths_of_a_euro_is_still_added_exactly() {
        EurSum eur = new EurSum();
        PricePerGpuHour price = PricePerGpuHour.of("99999999.99");
        GpuSeconds huge = GpuSeconds.of(Long.MAX_VALUE / 4);
        eur.add(GpuSeconds.of(3601), price);
        eur.add(huge, price);
        assertThat(eur.value()).isEqualTo(price.valueOf(GpuSeconds.of(3601)).amount()
                .add(price.valueOf(huge).amount()));
    }

    @Test
    void days_are_found_again_however_far_apart_and_in_whatever_order_they_come() {
        Random random = new Random(11);
        UsageDayChanges changes = new UsageDayChanges();
        Map<String, Map<LocalDate, Long>> expected = new HashMap<>();
        for (int charge = 0; charge < 50_000; charge++) {
            String allocation = "a-" + random.nextInt(20);
            long second = switch (random.nextInt(10)) {
                case 0 -> random.nextLong(-20_000L * 86_400, 60_000L * 86_400); // years apart: beyond the array
                case 1 -> 20_500L * 86_400 - random.nextInt(4_000) * 86_400L;    // growing downwards
                default -> 20_500L * 86_400 + random.nextInt(400 * 86_400);
            };
            Instant effectiveAt = Instant.ofEpochSecond(second);
            long seconds = 1 + random.nextInt(10_000);
            changes.of(AllocationId.of(allocation)).on(effectiveAt).consumed(GpuSeconds.of(seconds), null, null);
            expected.computeIfAbsent(allocation, ignored -> new HashMap<>())
                    .merge(LocalDate.ofInstant(effectiveAt, java.time.ZoneOffset.UTC), seconds, Long::sum);
        }
        Map<String, Map<LocalDate, Long>> actual = new HashMap<>();
        long[] rows = {0};
        for (UsageDayChanges.DayTotal total : changes.days()) {
            String allocation = total.allocationId;
            LocalDate day = LocalDate.ofEpochDay(total.epochDay);
            rows[0]++;
            Long before = actual.computeIfAbsent(allocation, ignored -> new HashMap<>()).put(day, total.consumed);
            assertThat(before).as("%s on %s written once", allocation, day).isNull();
        }
        assertThat(actual).isEqualTo(expected);
        assertThat(changes.pendingRows()).isEqualTo(rows[0]);
    }

    private static long amount(Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> random.nextInt(100);
            case 1 -> random.nextInt(1_000_000);
            case 2 -> -random.nextInt(100_000);
            default -> random.nextLong(1L << 40);
        };
    }
}
