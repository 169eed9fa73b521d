package eu.gpuledger.server.web;

import eu.gpuledger.ledger.metadata.LedgerMetadata;
import jakarta.servlet.http.HttpServletRequest;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Sends commands with the metadata every event must carry: who (the request's principal), from where (HTTP,
 * method and path), and why. Until authentication lands, an unauthenticated request is the principal
 * "anonymous".
 */
@Component
public class LedgerGateway {

    public static final String ANONYMOUS = "anonymous";

    private final CommandGateway commandGateway;

    public LedgerGateway(CommandGateway commandGateway) {
        this.commandGateway = commandGateway;
    }

    public <R> R send(Object command, String reason) {
        return commandGateway.sendAndWait(GenericCommandMessage.asCommandMessage(command)
                .andMetaData(requestMetadata(reason)));
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
