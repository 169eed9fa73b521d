package eu.gpuledger.ledger.catalogue;

import eu.gpuledger.ledger.correction.CorrectionId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.ZoneId;

/**
 * Correct the time zone a cluster's {@code sacct} prints local times in. It changes how later imports read their
 * lines; charges already booked were converted to UTC when they were read and stay as they are (docs/finding-and-corrections.md).
 */
public record CorrectClusterTimeZone(@TargetAggregateIdentifier ClusterName cluster, CorrectionId correctionId,
                                     ZoneId timeZone, String reason) {
}
