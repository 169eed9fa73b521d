package eu.gpuledger.server.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Package rules inside the modules, where Maven cannot help: the modules' own dependencies already keep the write
 * model from knowing the read models, and the read models from knowing the server. What Maven allows, and these
 * rules forbid: the HTTP edge reading the write side's tables (it sends commands and reads read models), and the read
 * models or reports changing the ledger (they are fed by events and send no command).
 * <p>
 * Each rule is also run against the classes of {@code architecture.violations}, which break it on purpose: a rule
 * that cannot fail proves nothing.
 */
class ModuleArchitectureTest {

    private static final String VIOLATIONS = "eu.gpuledger.server.architecture.violations";

    static JavaClasses production;
    static JavaClasses violations;

    @BeforeAll
    static void importClasses() {
        production = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("eu.gpuledger");
        violations = new ClassFileImporter().importPackages(VIOLATIONS);
    }

    /** The write side's tables: the typed tables of ledger/, the usage store and the directory that own them. */
    static ArchRule webReadsNoWriteSideTable(String webPackage) {
        return noClasses().that().resideInAPackage(webPackage)
                .should().dependOnClassesThat().resideInAnyPackage("eu.gpuledger.ledger.schema..",
                        "eu.gpuledger.ledger.directory..")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("eu.gpuledger.ledger.usage.UsageStore")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("org.jooq.DSLContext")
                .as("the HTTP edge (" + webPackage + ") reads no write-side table: it sends commands and reads"
                        + " read models");
    }

    /** Commands travel through Axon's command bus, gateway or an aggregate's repository: read models use none. */
    static ArchRule sendsNoCommand(String... packages) {
        return noClasses().that().resideInAnyPackage(packages)
                .should().dependOnClassesThat().resideInAnyPackage("org.axonframework.commandhandling..",
                        "org.axonframework.modelling.command..")
                .orShould().dependOnClassesThat().haveSimpleNameEndingWith("Commands")
                .as("read models and reports (" + String.join(", ", packages) + ") send no command");
    }

    @Test
    void the_http_edge_reads_no_write_side_table() {
        webReadsNoWriteSideTable("eu.gpuledger.server.web..").check(production);
    }

    @Test
    void read_models_and_reports_send_no_commands() {
        sendsNoCommand("eu.gpuledger.projections..", "eu.gpuledger.reports..").check(production);
    }

    @Test
    void each_rule_fails_on_a_class_that_breaks_it() {
        assertThat(webReadsNoWriteSideTable(VIOLATIONS + ".web..").evaluate(violations).getFailureReport().getDetails())
                .as("a controller that reads the usage store")
                .anyMatch(line -> line.contains("ControllerReadingTheUsageStore") && line.contains("UsageStore"));
        assertThat(sendsNoCommand(VIOLATIONS + ".projection..").evaluate(violations).getFailureReport().getDetails())
                .as("a projection that sends a command")
                .anyMatch(line -> line.contains("ProjectionSendingACommand") && line.contains("CommandGateway"));
    }

    @Test
    void no_jpa_hibernate_xstream_or_axon_server_on_the_class_path() {
        for (String banned : new String[]{"com.thoughtworks.xstream.XStream", "jakarta.persistence.EntityManager",
                "org.hibernate.Session", "org.axonframework.axonserver.connector.AxonServerConfiguration"}) {
            assertThatThrownBy(() -> Class.forName(banned)).as(banned).isInstanceOf(ClassNotFoundException.class);
        }
    }
}
