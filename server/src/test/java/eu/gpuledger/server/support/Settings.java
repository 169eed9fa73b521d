package eu.gpuledger.server.support;

import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import java.util.concurrent.atomic.AtomicReference;

/** The application's settings bound and validated as at its start, without the rest of the application. */
public final class Settings {

    private Settings() {
    }

    /** Every settings record of the ledger, found as LedgerApplication finds them. */
    @Configuration(proxyBeanMethods = false)
    @ConfigurationPropertiesScan("eu.gpuledger")
    static class AllSettings {
    }

    /**
     * Starts a context of the settings alone with these {@code name=value} pairs.
     *
     * @return the start's failure with the messages of all its causes, or null when it started
     */
    public static String startFailure(String... properties) {
        AtomicReference<String> failure = new AtomicReference<>();
        new ApplicationContextRunner().withUserConfiguration(AllSettings.class).withPropertyValues(properties)
                .run(context -> {
                    Throwable cause = context.getStartupFailure();
                    if (cause == null) {
                        return;
                    }
                    StringBuilder messages = new StringBuilder();
                    for (int depth = 0; cause != null && depth < 10; cause = cause.getCause(), depth++) {
                        messages.append(cause.getMessage()).append('\n');
                    }
                    failure.set(messages.toString());
                });
        return failure.get();
    }
}
