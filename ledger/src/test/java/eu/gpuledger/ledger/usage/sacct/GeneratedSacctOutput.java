package eu.gpuledger.ledger.usage.sacct;

import java.io.Reader;

/**
 * sacct output made one line at a time as it is read, so a test can stream a million lines without the input
 * ever existing as a whole. Every ten data lines hold: a charged job, its .batch and .extern steps, an array task
 * charged for its CPU share, a running and a pending job, a job cancelled before it started, a job on the
 * uncharged prepost partition, a two-node job and a line with an unreadable ElapsedRaw.
 */
final class GeneratedSacctOutput extends Reader {

    static final int LINES_PER_CYCLE = 10;

    private final long dataLinesTotal;
    private final StringBuilder line = new StringBuilder(256);
    private long linesProduced;
    private int position;

    GeneratedSacctOutput(long dataLinesTotal) {
        this.dataLinesTotal = dataLinesTotal;
    }

    /** Lines produced so far, the header included. */
    long linesProduced() {
        return linesProduced;
    }

    @Override
    public int read(char[] buffer, int offset, int length) {
        int copied = 0;
        while (copied < length) {
            if (position == line.length() && !produceLine()) {
                return copied == 0 ? -1 : copied;
            }
            int count = Math.min(length - copied, line.length() - position);
            line.getChars(position, position + count, buffer, offset + copied);
            position += count;
            copied += count;
        }
        return copied;
    }

    private boolean produceLine() {
        if (linesProduced > dataLinesTotal) {
            return false;
        }
        line.setLength(0);
        position = 0;
        if (linesProduced == 0) {
            line.append(SacctSamples.HEADER);
        } else {
            appendDataLine(linesProduced - 1);
        }
        line.append('\n');
        linesProduced++;
        return true;
    }

    private void appendDataLine(long index) {
        long jobNumber = 1_000_000 + index;
        String day = "|2026-10-12T09:00:00|2026-10-12T10:00:00|";
        switch ((int) (index % LINES_PER_CYCLE)) {
            case 0 -> line.append(jobNumber).append('|').append(jobNumber)
                    .append("|nxk@h100|ufx12ab|gpu_p6|billing=8,cpu=8,gres/gpu:h100=2,gres/gpu=2,mem=4000M,node=1|3600")
                    .append(day).append("COMPLETED");
            case 1 -> line.append(jobNumber - 1).append(".batch|").append(jobNumber - 1)
                    .append(".batch|nxk@h100|||cpu=8,gres/gpu:h100=2,gres/gpu=2,mem=4000M,node=1|3600")
                    .append(day).append("COMPLETED");
            case 2 -> line.append(jobNumber - 2).append(".extern|").append(jobNumber - 2)
                    .append(".extern|nxk@h100|||billing=8,cpu=8,gres/gpu:h100=2,gres/gpu=2,mem=4000M,node=1|3600")
                    .append(day).append("COMPLETED");
            case 3 -> line.append("900000_").append(index).append('|').append(jobNumber)
                    .append("|nxk@v100|ufx12ab|gpu_p13|billing=20,cpu=20,gres/gpu:v100=1,gres/gpu=1,mem=40G,node=1|600")
                    .append("|2026-10-12T09:00:00|2026-10-12T09:10:00|FAILED");
            case 4 -> line.append(jobNumber).append('|').append(jobNumber)
                    .append("|nxk@h100|ufx12ab|gpu_p6|billing=8,cpu=8,gres/gpu:h100=2,gres/gpu=2,mem=4000M,node=1|120")
                    .append("|2026-10-12T09:00:00|Unknown|RUNNING");
            case 5 -> line.append(jobNumber).append('|').append(jobNumber)
                    .append("|nxk@h100|ufx12ab|gpu_p5,gpu_p6||0|Unknown|Unknown|PENDING");
            case 6 -> line.append(jobNumber).append('|').append(jobNumber)
                    .append("|nxk@h100|ufx12ab|gpu_p6||0|None|2026-10-12T09:00:00|CANCELLED by 0");
            case 7 -> line.append(jobNumber).append('|').append(jobNumber)
                    .append("|nxk@v100|ufx12ab|prepost|billing=4,cpu=4,mem=16G,node=1|900")
                    .append("|2026-10-12T09:00:00|2026-10-12T09:15:00|COMPLETED");
            case 8 -> line.append(jobNumber).append('|').append(jobNumber)
                    .append("|nxk@h100|ufx12ab|gpu_p6|billing=16,cpu=16,gres/gpu:h100=2,gres/gpu=2,mem=8000M,node=2|1800")
                    .append("|2026-10-12T09:00:00|2026-10-12T09:30:00|TIMEOUT");
            default -> line.append(jobNumber).append('|').append(jobNumber)
                    .append("|nxk@h100|ufx12ab|gpu_p6|billing=8,cpu=8,gres/gpu=2,node=1|1h")
                    .append(day).append("COMPLETED");
        }
    }

    @Override
    public void close() {
        // Nothing held.
    }
}
