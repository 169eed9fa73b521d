package eu.gpuledger.reports.statement;

import java.time.Instant;
import java.util.List;

/**
 * The paid-use statement of a private provider to a customer (issue 14): the hours of the customer's project on the
 * provider's pools, funded by a private contract, times the price in force (the PRIVATE_CONTRACT rate card of each
 * pool). {@code seller} is the provider, {@code buyer} the customer (the project's organisation, its principal
 * investigator as contact). Amounts are net of tax: a renderer that needs VAT (an EN 16931 invoice) adds it to the
 * total printed here, which is the sum of the rounded lines.
 */
public record PaidUseContent(BillingSubject subject, Instant knownAt, Party seller, Party buyer,
                             List<BillingLine> lines, List<BillingLine> adjustments, Totals totals)
        implements BillingContent {
}
