package eu.gpuledger.server.support;

import eu.gpuledger.server.LedgerApplication;
import eu.gpuledger.server.usage.SecondNodeTokenStore;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

/**
 * Another node of the ledger on the test's database, inside the test JVM: its own command bus, aggregate cache,
 * locks, processors and HTTP port, as a second server would have.
 */
public final class SecondNode {

    private SecondNode() {
    }

    /** Started on the database of the test context whose {@code environment} is given. */
    public static ConfigurableApplicationContext start(Environment environment) {
        return new SpringApplicationBuilder(LedgerApplication.class, SecondNodeTokenStore.class).run(
                "--ledger.db.url=" + environment.getProperty("ledger.db.url"),
                "--ledger.db.user=" + environment.getProperty("ledger.db.user"),
                "--ledger.db.password=" + environment.getProperty("ledger.db.password", ""),
                "--ledger.db.allow-non-durable=" + environment.getProperty("ledger.db.allow-non-durable", "false"),
                "--server.port=0", "--spring.main.banner-mode=off", "--axoniq.update-checker.disabled=true");
    }

    /** The node's HTTP API, with the tests' administrator token. */
    public static LedgerHttp http(ConfigurableApplicationContext node) {
        return new LedgerHttp(node.getEnvironment().getRequiredProperty("local.server.port", Integer.class));
    }
}
