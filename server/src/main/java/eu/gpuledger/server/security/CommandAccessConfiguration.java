package eu.gpuledger.server.security;

import eu.gpuledger.ledger.access.CommandAccess;
import org.axonframework.commandhandling.CommandBus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;

/** The write model's check of who may send which command, on the command bus every command goes through. */
@Configuration(proxyBeanMethods = false)
public class CommandAccessConfiguration {

    @Autowired
    public void checkEveryCommand(CommandBus commandBus, CommandAccess access) {
        commandBus.registerHandlerInterceptor(access);
    }
}
