package eu.gpuledger.ledger.catalogue;

import eu.gpuledger.ledger.correction.CorrectionId;
import org.axonframework.serialization.Revision;

import java.time.ZoneId;

/** A cluster's time zone was corrected: the imports read after it take its local times in {@code timeZone}. */
@Revision("1")
public record ClusterTimeZoneCorrected(ClusterName cluster, CorrectionId correctionId, ZoneId timeZone,
                                       String reason) {
}
