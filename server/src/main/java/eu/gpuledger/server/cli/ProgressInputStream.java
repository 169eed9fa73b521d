package eu.gpuledger.server.cli;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Counts the bytes read and reports progress at most every 1% (or every 4 MiB for unknown sizes). */
final class ProgressInputStream extends FilterInputStream {

    interface Listener {
        void progress(long done, long total);
    }

    private final long total;
    private final Listener listener;
    private final long step;
    private long done;
    private long nextReport;

    ProgressInputStream(InputStream in, long total, Listener listener) {
        super(in);
        this.total = total;
        this.listener = listener;
        this.step = Math.max(1, total > 0 ? total / 100 : 4L << 20);
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            advance(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            advance(n);
        }
        return n;
    }

    private void advance(int n) {
        done += n;
        if (done >= nextReport || done == total) {
            listener.progress(done, total);
            nextReport = done + step;
        }
    }
}
