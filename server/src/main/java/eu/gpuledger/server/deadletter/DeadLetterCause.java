package eu.gpuledger.server.deadletter;

import org.axonframework.messaging.deadletter.ThrowableCause;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * The cause a dead letter keeps: the type of the failure and the messages of its whole chain of causes. Axon's own
 * message for an event that cannot be read is only "Error while deserializing object"; the field at fault is in the
 * Jackson cause under it. Cut to the column's width ({@link ThrowableCause#TRUNCATED_MESSAGE_SIZE}).
 */
final class DeadLetterCause {

    /** Causes followed down the chain at most (a chain can loop). */
    private static final int CHAIN_DEPTH_MAX = 8;

    private DeadLetterCause() {
    }

    static ThrowableCause of(Throwable failure) {
        return new ThrowableCause(failure.getClass().getName(), truncated(messages(failure)));
    }

    private static String messages(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<String> messages = new ArrayList<>();
        Throwable current = failure;
        for (int depth = 0; current != null && depth < CHAIN_DEPTH_MAX && seen.add(current); depth++) {
            String message = current.getMessage();
            if (message != null && !message.isBlank() && messages.stream().noneMatch(earlier -> earlier.contains(message))) {
                messages.add(current == failure ? message : current.getClass().getSimpleName() + ": " + message);
            }
            current = current.getCause();
        }
        return messages.isEmpty() ? failure.getClass().getSimpleName() : String.join(" <- ", messages);
    }

    private static String truncated(String message) {
        return message.length() <= ThrowableCause.TRUNCATED_MESSAGE_SIZE ? message
                : message.substring(0, ThrowableCause.TRUNCATED_MESSAGE_SIZE);
    }
}
