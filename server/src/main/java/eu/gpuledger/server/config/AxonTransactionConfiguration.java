package eu.gpuledger.server.config;

import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.DefaultTransactionDefinition;

/**
 * Axon's units of work run in Spring transactions on the ledger's one DataSource, so an event append and the
 * read-model or usage-store writes of the same unit of work commit or roll back together.
 * <p>
 * Propagation is NESTED: a unit of work started inside another transaction runs in a savepoint of it (the
 * directory's subscribing processor, inside the command's). It was chosen for the transfer saga of earlier versions,
 * which sent commands from inside its processor's transaction; transfers are one command now (docs/transfers.md),
 * and REQUIRED would serve as well. A separate transaction per unit of work (REQUIRES_NEW) would not: Axon's JDBC
 * storage engine appends events through this same transaction manager, and would commit them on their own.
 * Without an outer transaction, NESTED starts a new one, as REQUIRED would.
 */
@Configuration(proxyBeanMethods = false)
public class AxonTransactionConfiguration {

    @Bean
    public TransactionManager axonTransactionManager(PlatformTransactionManager platformTransactionManager) {
        return new SpringTransactionManager(platformTransactionManager,
                new DefaultTransactionDefinition(TransactionDefinition.PROPAGATION_NESTED));
    }
}
