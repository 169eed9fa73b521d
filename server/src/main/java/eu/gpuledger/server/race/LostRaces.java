package eu.gpuledger.server.race;

import org.axonframework.common.lock.DeadlockException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A command that lost a race to a concurrent writer, sent again. Its unit of work rolled back whole and every command
 * is idempotent on its client-chosen id, so sending it again is safe: it is decided on the state the winner left.
 * Without this, two nodes writing to one allocation at once (a transfer here, a usage batch there) answered the
 * loser 409 and left the repeat to the client (docs/transfers.md).
 */
public final class LostRaces {

    /** Attempts in all; a command still losing after them is answered 409 {@code concurrent-write}. */
    public static final int ATTEMPTS_MAX = 8;
    /** How deep a failure's causes are searched for the race. */
    private static final int CAUSES_EXAMINED_MAX = 16;
    /** PostgreSQL's deadlock_detected and serialization_failure. */
    private static final Set<String> RACE_SQL_STATES = Set.of("40P01", "40001");
    private static final Logger log = LoggerFactory.getLogger(LostRaces.class);

    private LostRaces() {
    }

    /**
     * Whether a command failed only because a concurrent writer got there first: an aggregate appended to by another
     * node (Axon's ConcurrencyException), a cycle of aggregate locks (Axon's DeadlockException), or PostgreSQL's
     * deadlock and serialization failures. Axon names a duplicate key an AggregateStreamCreationException whenever
     * the first event of the failed batch began a stream: a new transfer whose allocation another node had just
     * appended to (the duplicate is the allocation's, not the transfer's), or two first requests of one new id.
     * Sent again, the first finds the fresh allocation, the second the stored record, which it answers as a replay.
     */
    public static boolean lostARace(Throwable failure) {
        Throwable cause = failure;
        for (int depth = 0; cause != null && depth < CAUSES_EXAMINED_MAX; depth++, cause = cause.getCause()) {
            if (cause instanceof ConcurrencyException || cause instanceof AggregateStreamCreationException
                    || cause instanceof DeadlockException) {
                return true;
            }
            if (cause instanceof SQLException sql && RACE_SQL_STATES.contains(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /** {@code attempt}'s result, attempted again after each lost race, at most {@link #ATTEMPTS_MAX} times in all. */
    public static <R> R retried(Supplier<R> attempt, String what) {
        for (int number = 1; ; number++) {
            try {
                return attempt.get();
            } catch (RuntimeException failed) {
                if (!lostARace(failed) || number >= ATTEMPTS_MAX) {
                    throw failed;
                }
                log.debug("{} raced with another writer (attempt {}), sending it again: {}", what, number,
                        failed.toString());
                pause(number);
            }
        }
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(Math.min(200, 5L * attempt * attempt));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending a command again after a lost race",
                    interrupted);
        }
    }
}
