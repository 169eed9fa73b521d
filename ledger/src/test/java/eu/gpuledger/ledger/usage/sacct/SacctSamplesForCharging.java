package eu.gpuledger.ledger.usage.sacct;

import static eu.gpuledger.ledger.usage.sacct.SacctSamples.TWO_H100;
import static eu.gpuledger.ledger.usage.sacct.SacctSamples.job;
import static eu.gpuledger.ledger.usage.sacct.SacctSamples.onlyJob;
import static eu.gpuledger.ledger.usage.sacct.SacctSamples.read;

/** Jobs read from sacct lines, for tests of the charging rules in another package. */
public final class SacctSamplesForCharging {

    private SacctSamplesForCharging() {
    }

    public static SacctJob jobIn(String partition) {
        return onlyJob(read(job("800", "800", partition, TWO_H100, 3600, "2026-10-12T09:00:00",
                "2026-10-12T10:00:00", "COMPLETED")));
    }

    /** Two H100 and 8 cores, cancelled by its user after running. */
    public static SacctJob cancelledAfterRunning(long elapsedSeconds) {
        return onlyJob(read(job("801", "801", "gpu_p6", TWO_H100, elapsedSeconds, "2026-10-12T09:00:00",
                "2026-10-12T10:00:00", "CANCELLED by 123456")));
    }
}
