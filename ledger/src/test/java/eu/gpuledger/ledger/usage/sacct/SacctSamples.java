package eu.gpuledger.ledger.usage.sacct;

import eu.gpuledger.ledger.usage.LineOutcome;
import eu.gpuledger.ledger.usage.UsagePools;

import java.io.StringReader;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/** Lines shaped like Slurm 22.05 {@code sacct -P -a -o JobID,JobIDRaw,Account,User,Partition,AllocTRES,ElapsedRaw,Start,End,State}. */
final class SacctSamples {

    static final String HEADER = "JobID|JobIDRaw|Account|User|Partition|AllocTRES|ElapsedRaw|Start|End|State";
    static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    static final String ONE_H100 = "billing=24,cpu=24,gres/gpu:h100=1,gres/gpu=1,mem=80G,node=1";
    static final String TWO_H100 = "billing=8,cpu=8,gres/gpu:h100=2,gres/gpu=2,mem=4000M,node=1";

    private SacctSamples() {
    }

    /** A main job record in sacct's column order. */
    static String job(String jobId, String jobIdRaw, String partition, String allocTres, long elapsedSeconds,
                      String start, String end, String state) {
        return String.join("|", jobId, jobIdRaw, "nxk@h100", "ufx12ab", partition, allocTres,
                Long.toString(elapsedSeconds), start, end, state);
    }

    /** A completed job on gpu_p6 that ran one hour on 12 October 2026. */
    static String completedJob(String jobId, String allocTres) {
        return job(jobId, jobId, "gpu_p6", allocTres, 3600, "2026-10-12T09:00:00", "2026-10-12T10:00:00", "COMPLETED");
    }

    /** A step record as sacct prints it: no user, no partition. */
    static String step(String jobId, String suffix) {
        return String.join("|", jobId + "." + suffix, jobId + "." + suffix, "nxk@h100", "", "", TWO_H100, "3600",
                "2026-10-12T09:00:00", "2026-10-12T10:00:00", "COMPLETED");
    }

    static List<LineOutcome<SacctJob>> read(String... lines) {
        return readIn(PARIS, lines);
    }

    static List<LineOutcome<SacctJob>> readIn(ZoneId zone, String... lines) {
        String input = HEADER + "\n" + String.join("\n", lines) + "\n";
        return readText(input, zone);
    }

    static List<LineOutcome<SacctJob>> readText(String input, ZoneId zone) {
        List<LineOutcome<SacctJob>> outcomes = new ArrayList<>();
        try (SacctReader reader = SacctReader.open(new StringReader(input), UsagePools.JEAN_ZAY, zone)) {
            reader.forEachRemaining(outcomes::add);
        }
        return outcomes;
    }

    static SacctJob onlyJob(List<LineOutcome<SacctJob>> outcomes) {
        if (outcomes.size() != 1 || !(outcomes.getFirst() instanceof LineOutcome.Read<SacctJob> read)) {
            throw new AssertionError("expected one job read, got " + outcomes);
        }
        return read.record();
    }

    static String onlyRejection(List<LineOutcome<SacctJob>> outcomes) {
        if (outcomes.size() != 1 || !(outcomes.getFirst() instanceof LineOutcome.Rejected<SacctJob> rejected)) {
            throw new AssertionError("expected one rejected line, got " + outcomes);
        }
        return rejected.describe();
    }
}
