package eu.gpuledger.projections.rebuild;

import java.time.Duration;
import java.time.Instant;

/**
 * Where a rebuild stands. {@code eventsTotal} is the number of events in the store when the rebuild started (events
 * appended since are replayed too, so done may pass total by a little).
 *
 * @param secondsLeft an estimate from the rate so far; null until there is a rate
 */
public record RebuildProgress(String projection, Phase phase, long eventsDone, long eventsTotal,
                              double eventsPerSecond, Long secondsLeft, Instant startedAt, Instant finishedAt,
                              String failure) {

    public enum Phase {
        /** Replaying the event store into shadow tables while the live projection keeps answering. */
        REPLAYING,
        /** The live processor is paused; the shadow tables take the last events. */
        CATCHING_UP,
        /** The shadow tables replaced the live ones and the live processor continues from the rebuild's position. */
        COMPLETED,
        FAILED
    }

    public boolean finished() {
        return phase == Phase.COMPLETED || phase == Phase.FAILED;
    }

    static RebuildProgress of(String projection, Phase phase, long done, long total, Instant startedAt, Instant now,
                              Instant finishedAt, String failure) {
        double seconds = Math.max(Duration.between(startedAt, finishedAt == null ? now : finishedAt).toMillis(), 1)
                / 1000.0;
        double rate = done / seconds;
        return new RebuildProgress(projection, phase, done, total, rate, secondsLeft(done, total, rate, finishedAt),
                startedAt, finishedAt, failure);
    }

    /** None left once finished; unknown (null) before the first events give a rate; else what is left at that rate. */
    private static Long secondsLeft(long done, long total, double rate, Instant finishedAt) {
        if (finishedAt != null) {
            return 0L;
        }
        if (rate <= 0) {
            return null;
        }
        return (long) Math.ceil(Math.max(total - done, 0) / rate);
    }
}
