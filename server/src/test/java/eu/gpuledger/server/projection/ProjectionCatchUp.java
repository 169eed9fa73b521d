package eu.gpuledger.server.projection;

import eu.gpuledger.projections.lag.ProjectionLag;
import eu.gpuledger.projections.rebuild.ProjectionRebuilds;

import java.time.Duration;
import java.util.List;

/** Waits, with a deadline, until every projection's processor has reached the head of the event store. */
final class ProjectionCatchUp {

    private static final Duration DEADLINE = Duration.ofSeconds(30);

    private ProjectionCatchUp() {
    }

    static void await(ProjectionLag lag, ProjectionRebuilds rebuilds) {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        List<String> behind = behind(lag, rebuilds);
        while (!behind.isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("projections still behind the head after " + DEADLINE + ": " + behind);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
            behind = behind(lag, rebuilds);
        }
    }

    private static List<String> behind(ProjectionLag lag, ProjectionRebuilds rebuilds) {
        return rebuilds.names().stream()
                .filter(name -> lag.of(name).map(value -> value.events() > 0).orElse(true))
                .toList();
    }
}
