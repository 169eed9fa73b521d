package eu.gpuledger.server.readyourwrites;

import java.time.Duration;
import java.util.Map;

/**
 * The write is stored, but a projection that serves reads had not processed it within the bound: answered 503
 * with the processors behind and why, so the client knows a read may not show the write yet. Repeating the write
 * is safe (it is idempotent) and answers once the projections have caught up.
 */
public class ProjectionsBehind extends RuntimeException {

    /** Seconds a client is asked to wait before repeating the write. */
    public static final int RETRY_AFTER_SECONDS = 1;

    private final Map<String, String> behind;

    public ProjectionsBehind(Duration waited, Map<String, String> behind) {
        super("the write is stored, but the read models " + behind.keySet() + " had not processed it after "
                + waited.toMillis() + " ms (" + String.join("; ", behind.entrySet().stream()
                .map(entry -> entry.getKey() + ": " + entry.getValue()).toList())
                + "); a read may not show it yet; repeating the request is safe and answers once they have");
        this.behind = Map.copyOf(behind);
    }

    public Map<String, String> behind() {
        return behind;
    }
}
