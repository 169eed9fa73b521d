package eu.gpuledger.server.projection;

import eu.gpuledger.ledger.allocation.AllocationId;
import eu.gpuledger.ledger.allocation.Charge;
import org.jooq.DSLContext;

import java.util.List;

/**
 * What the usage store books with each charge, for workloads that charge allocations with RecordConsumption
 * directly rather than through an import: the refund of a job then finds it where the ledger looks for it
 * (RefundHandler), as it does for an imported job. The content hash is the record's own in an import; here nothing
 * is imported twice, so any value serves; the record id stands for the job (workloads reuse job numbers).
 */
final class BookedCharges {

    private BookedCharges() {
    }

    static void book(DSLContext sql, AllocationId allocation, List<Charge> charges) {
        for (Charge charge : charges) {
            sql.execute("""
                    INSERT INTO usage_record (record_id, cluster, job_id, content_hash, allocation_id, gpu_seconds,
                                              effective_at, normalised_per_gpu_hour, eur_per_gpu_hour)
                    VALUES (?, ?, ?, 0, ?, ?, ?::timestamptz, ?::numeric, ?::numeric)""",
                    charge.recordId().value(), charge.cluster().value(), charge.recordId().value(), allocation.value(),
                    charge.gpuSeconds().value(), charge.effectiveAt().toString(),
                    charge.factor() == null ? null : charge.factor().normalisedPerGpuHour(),
                    charge.price() == null ? null : charge.price().eurPerGpuHour());
        }
    }
}
