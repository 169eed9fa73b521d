package eu.gpuledger.server.config;

import org.springframework.boot.autoconfigure.AutoConfiguration;

/**
 * STACK.md trap 1. Axon 4.13 orders its JDBC and transaction auto-configurations after Boot 3 class names that
 * moved in Boot 4; without this empty configuration Axon's JDBC event store is skipped and, worse, its
 * transaction manager silently becomes a no-op. Ordering this class after Boot 4's data source and transaction
 * manager and before Axon's pulls Axon after them. {@code AxonUsesTheRealTransactionManagerTest} guards it.
 */
@AutoConfiguration(
        afterName = {
                "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
                "org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration",
                "org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration"
        },
        beforeName = {
                "org.axonframework.springboot.autoconfig.JdbcAutoConfiguration",
                "org.axonframework.springboot.autoconfig.TransactionAutoConfiguration",
                "org.axonframework.springboot.autoconfig.NoOpTransactionAutoConfiguration",
                "org.axonframework.springboot.autoconfig.EventProcessingAutoConfiguration",
                "org.axonframework.springboot.autoconfig.AxonAutoConfiguration"
        })
public class AxonOnBoot4Ordering {
}
