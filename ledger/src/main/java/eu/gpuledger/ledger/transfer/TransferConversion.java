package eu.gpuledger.ledger.transfer;

import java.math.BigDecimal;

/**
 * How a transfer converted: credit = floor(debit × sourceRate / targetRate). The fraction of a GPU-second cut off
 * by the floor is kept in {@code roundingTargetSeconds}, so the books reconcile exactly.
 *
 * @param sourceRate            the source pool's factor or price in force (1 for the same pool)
 * @param targetRate            the target pool's factor or price in force (1 for the same pool)
 * @param roundingTargetSeconds the exact target GPU-seconds not credited because of rounding down, in [0, 1)
 */
public record TransferConversion(ConversionBasis basis, BigDecimal sourceRate, BigDecimal targetRate,
                                 BigDecimal roundingTargetSeconds) {
}
