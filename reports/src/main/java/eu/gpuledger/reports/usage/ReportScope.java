package eu.gpuledger.reports.usage;

import eu.gpuledger.ledger.allocation.FundingSource;
import eu.gpuledger.ledger.catalogue.ProviderId;

import java.util.Set;

/**
 * The allocations a report may count: those of the funding sources a funder reads and those of the providers a
 * centre accountant reads (either reaches a row); {@link #EVERYTHING} for the national roles. A reader of neither
 * gets a report of nothing, never one of everything.
 */
public record ReportScope(Set<FundingSource> fundingSources, Set<ProviderId> providers, boolean everything) {

    public static final ReportScope EVERYTHING = new ReportScope(Set.of(), Set.of(), true);

    public ReportScope(Set<FundingSource> fundingSources, Set<ProviderId> providers) {
        this(fundingSources, providers, false);
    }

    public ReportScope {
        fundingSources = Set.copyOf(fundingSources);
        providers = Set.copyOf(providers);
    }
}
