package eu.gpuledger.server.usage;

import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;

import java.time.Duration;

/**
 * A second ledger node started inside the test JVM: Axon names a token claim's owner after the JVM (pid@host), so
 * without a name of its own the second node would take the first node's claims for its own and both would run
 * the same projection segments (their updates are not idempotent: a balance would count a batch twice). Separate
 * JVMs, as in production, never need this.
 */
// Deliberately not a @Configuration: the first node's component scan covers this package and must not pick it up;
// the second node registers it as a source of its own (support/SecondNode).
public class SecondNodeTokenStore {

    @Bean
    TokenStore tokenStore(ConnectionProvider connectionProvider, @Qualifier("serializer") Serializer serializer,
                          TokenSchema tokenSchema) {
        return JdbcTokenStore.builder()
                .connectionProvider(connectionProvider)
                .serializer(serializer)
                .schema(tokenSchema)
                .nodeId("second-test-node")
                .claimTimeout(Duration.ofSeconds(10))
                .build();
    }
}
