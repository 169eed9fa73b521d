package eu.gpuledger.server;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The GPU Ledger server: HTTP API, Axon wiring, projections and reports in one Spring Boot application. */
@SpringBootApplication(scanBasePackages = "eu.gpuledger")
@EnableScheduling
// every setting is a validated record beside what it sets (README's table of settings; SettingsTableTest)
@ConfigurationPropertiesScan("eu.gpuledger")
public class LedgerApplication {

    public static void main(String[] args) {
        System.setProperty("axoniq.update-checker.disabled", "true");
        SpringApplication.run(LedgerApplication.class, args);
    }
}
