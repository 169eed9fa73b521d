package eu.gpuledger.server.support;

import eu.gpuledger.server.LedgerApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** The whole application on a random port, against a fresh real PostgreSQL database. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(classes = LedgerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"axoniq.update-checker.disabled=true"})
@ContextConfiguration(initializers = TestDatabaseInitializer.class)
public @interface LedgerIntegrationTest {
}
