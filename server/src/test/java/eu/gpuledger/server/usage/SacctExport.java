package eu.gpuledger.server.usage;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A synthetic sacct export of one cluster: job {@code n} runs on 2 H100 for 60 + n % 3600 seconds and is charged to
 * the account {@link #accountOf(int)} says, so every total is known without the ledger. Slices of it are what
 * overlapping imports send.
 */
final class SacctExport {

    private final int jobsTotal;
    private final int accountsTotal;
    private final String accountPrefix;

    SacctExport(int jobsTotal, int accountsTotal, String accountPrefix) {
        this.jobsTotal = jobsTotal;
        this.accountsTotal = accountsTotal;
        this.accountPrefix = accountPrefix;
    }

    int jobsTotal() {
        return jobsTotal;
    }

    String accountOf(int job) {
        return accountPrefix + (job % accountsTotal) + "@h100";
    }

    static long elapsedSecondsOf(int job) {
        return 60 + job % 3600;
    }

    /** What the ledger must charge job {@code job}: 2 GPUs × its elapsed seconds. */
    static long gpuSecondsOf(int job) {
        return 2 * elapsedSecondsOf(job);
    }

    long expectedGpuSeconds(String account, int fromJob, int toJob) {
        long total = 0;
        for (int job = fromJob; job < toJob; job++) {
            if (accountOf(job).equals(account)) {
                total += gpuSecondsOf(job);
            }
        }
        return total;
    }

    String line(int job) {
        String id = Integer.toString(2_000_000 + job);
        return UsageScenario.job(id, accountOf(job), "gpu_p6", elapsedSecondsOf(job), "2026-10-12T00:00:00",
                "2026-10-13T" + String.format("%02d:%02d:%02d", (job / 3600) % 24, (job / 60) % 60, job % 60));
    }

    /** Jobs [fromJob, toJob) as sacct text, in file order or reversed. */
    InputStream slice(int fromJob, int toJob, boolean reversed) {
        List<String> lines = new ArrayList<>(toJob - fromJob);
        for (int job = fromJob; job < toJob; job++) {
            lines.add(line(job));
        }
        if (reversed) {
            Collections.reverse(lines);
        }
        return new ByteArrayInputStream(UsageScenario.sacct(lines.toArray(String[]::new)).getBytes(StandardCharsets.UTF_8));
    }
}
