package eu.gpuledger.server.web.usage;

import eu.gpuledger.ledger.usage.ImportSummary;

import java.math.BigDecimal;
import java.util.List;

/** API.md's answer to an import, with the charge also in GPU-hours for people. */
public record ImportAnswer(long accepted, long duplicates, ImportSummary.Ignored ignored,
                           List<ImportSummary.Rejection> rejected, long rejectedTotal, long chargedGpuSeconds,
                           BigDecimal chargedGpuHours) {

    public static ImportAnswer of(ImportSummary summary) {
        return new ImportAnswer(summary.accepted(), summary.duplicates(), summary.ignored(), summary.rejected(),
                summary.rejectedTotal(), summary.chargedGpuSeconds().value(),
                summary.chargedGpuSeconds().hoursForDisplay());
    }
}
