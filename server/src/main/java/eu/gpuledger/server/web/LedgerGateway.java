package eu.gpuledger.server.web;

import eu.gpuledger.ledger.metadata.LedgerMetadata;
import eu.gpuledger.server.readyourwrites.ProjectionBarrier;
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

import java.util.List;

/**
 * Sends commands with the metadata every event must carry: who (the request's principal), from where (HTTP,
 * method and path), and why. Until authentication lands, an unauthenticated request is the principal
 * "anonymous".
 */
@Component
public class LedgerGateway {

    public static final String ANONYMOUS = "anonymous";

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
        CommandMessage<Object> message = GenericCommandMessage.asCommandMessage(command).andMetaData(requestMetadata(reason));
        R result = commandGateway.sendAndWait(message);
        if (!readYourWrites.awaitWrites()) {
            // a replay stores nothing: what it answers for is the target's latest event, maybe still on its way
            readYourWrites.awaitLatestEventsOf(List.of(targetOf(message)));
        }
        return result;
    }

    /** Every command the gateway sends names its aggregate; one that did not would be a programming error. */
    private static String targetOf(CommandMessage<?> message) {
        return TARGETS.resolveTarget(message).getIdentifier();
    }

    public static MetaData requestMetadata(String reason) {
        HttpServletRequest request = currentRequest();
        String principal = request == null || request.getUserPrincipal() == null ? ANONYMOUS
                : request.getUserPrincipal().getName();
        String detail = request == null ? null : request.getMethod() + " " + request.getRequestURI();
        return LedgerMetadata.by(principal, LedgerMetadata.Source.HTTP).detail(detail).reason(reason).build();
    }

    private static HttpServletRequest currentRequest() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            return attributes.getRequest();
        }
        return null;
    }
}
