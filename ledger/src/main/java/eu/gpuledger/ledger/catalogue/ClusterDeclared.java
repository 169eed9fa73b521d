package eu.gpuledger.ledger.catalogue;

import org.axonframework.serialization.Revision;

import java.time.ZoneId;

/** A Slurm cluster was declared with the time zone its sacct prints local times in. */
@Revision("1")
public record ClusterDeclared(ClusterName cluster, ProviderId providerId, ZoneId timeZone) {
}
