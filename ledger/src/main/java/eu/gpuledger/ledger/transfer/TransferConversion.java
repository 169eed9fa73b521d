package eu.gpuledger.ledger.transfer;

import java.math.BigDecimal;

/**
 * How a transfer converted: credit = floor(debit × sourceRate / targetRate). What the floor cut off is kept,
 * exactly, as {@code remainder = debit × sourceRate − credit × targetRate}, in the rates' unit (normalised
 * GPU-seconds for NORMALISATION, EUR·s/h for PRICE, GPU-seconds for SAME_POOL): a product of decimals is always an
 * exact decimal, so the books reconcile exactly whatever the rates, where a remainder in target seconds would not
 * (a factor of 3 has no finite decimal third).
 *
 * @param sourceRate the source pool's factor or price in force (1 for the same pool)
 * @param targetRate the target pool's factor or price in force (1 for the same pool)
 * @param remainder  debit × sourceRate − credit × targetRate, in [0, targetRate)
 */
public record TransferConversion(ConversionBasis basis, BigDecimal sourceRate, BigDecimal targetRate,
                                 BigDecimal remainder) {
}
