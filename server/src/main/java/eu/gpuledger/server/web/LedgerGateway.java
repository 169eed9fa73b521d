package eu.gpuledger.server.web;

import eu.gpuledger.ledger.access.Actor;
import eu.gpuledger.ledger.metadata.LedgerMetadata;
import eu.gpuledger.server.race.LostRaces;
import eu.gpuledger.server.readyourwrites.ProjectionBarrier;
import eu.gpuledger.server.security.LedgerAuthentication;
import jakarta.servlet.http.HttpServletRequest;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AnnotationCommandTargetResolver;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import java.util.function.Function;

/**
 * Sends commands with the metadata every event must carry: who (the request's authenticated principal: a person's
 * subject or {@code token:<id>}), from where (HTTP, method and path), and why; beside them the actor's roles and
 * scope, which the command side checks ({@code CommandAccess}) and events do not keep. A command from a request
 * without an authenticated actor is refused here: nothing from the edge reaches the command bus anonymously. A
 * command that lost a race with another node's write to the same record is sent again ({@link LostRaces}).
 */
@Component
public class LedgerGateway {

    private static final CommandTargetResolver TARGETS = AnnotationCommandTargetResolver.builder().build();

    private final CommandGateway commandGateway;
    private final ProjectionBarrier readYourWrites;

    public LedgerGateway(CommandGateway commandGateway, ProjectionBarrier readYourWrites) {
        this.commandGateway = commandGateway;
        this.readYourWrites = readYourWrites;
    }

    /**
     * Sends a command and returns once the read models have processed the events it stored (docs/read-your-writes.md),
     * so that what the caller reads next, and answers with, shows the write.
     */
    public <R> R send(Object command, String reason) {
        return send(command, reason, result -> TARGETS.resolveTarget(GenericCommandMessage.asCommandMessage(command))
                .getIdentifier());
    }

    /**
     * As {@link #send(Object, String)}, for a command that does not name the aggregate it changes (a refund names a
     * usage record; its handler finds the allocation): the aggregate a replay waits for is read from the result.
     */
    public <R> R send(Object command, String reason, Function<R, String> aggregateOfResult) {
        CommandMessage<Object> message = GenericCommandMessage.asCommandMessage(command).andMetaData(requestMetadata(reason));
        R result = LostRaces.retried(() -> commandGateway.sendAndWait(message), "command " + message.getCommandName());
        if (!readYourWrites.awaitWrites()) {
            // a replay stores nothing: what it answers for is the target's latest event, maybe still on its way
            readYourWrites.awaitLatestEventOf(aggregateOfResult.apply(result));
        }
        return result;
    }

    /**
     * As {@link #send(Object, String)}, for a command that names no aggregate because it changes many or none (a
     * retry of kept usage): a replay of it has nothing to wait for, as it stores again whatever is new.
     */
    public <R> R sendToMany(Object command, String reason) {
        CommandMessage<Object> message = GenericCommandMessage.asCommandMessage(command)
                .andMetaData(requestMetadata(reason));
        R result = LostRaces.retried(() -> commandGateway.sendAndWait(message), "command " + message.getCommandName());
        readYourWrites.awaitWrites();
        return result;
    }

    public static MetaData requestMetadata(String reason) {
        HttpServletRequest request = currentRequest();
        Actor actor = LedgerAuthentication.current().orElseThrow(() -> new IllegalStateException(
                "a command from outside an authenticated request: the security filters let it through"));
        String detail = request == null ? null : request.getMethod() + " " + request.getRequestURI();
        return LedgerMetadata.by(actor.principal(), LedgerMetadata.Source.HTTP).detail(detail).reason(reason).build()
                .mergedWith(actor.toMetadata());
    }

    private static HttpServletRequest currentRequest() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            return attributes.getRequest();
        }
        return null;
    }
}
