package eu.gpuledger.server.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The layout is the architecture: the write model knows no read model, read models know no web, and nothing
 * reaches Axon Server, JPA or XStream.
 */
class ModuleArchitectureTest {

    static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("eu.gpuledger");
    }

    @Test
    void the_write_model_depends_on_no_read_model_report_or_server() {
        noClasses().that().resideInAPackage("eu.gpuledger.ledger..")
                .should().dependOnClassesThat().resideInAnyPackage("eu.gpuledger.projections..",
                        "eu.gpuledger.reports..", "eu.gpuledger.server..")
                .check(classes);
    }

    @Test
    void read_models_and_reports_do_not_depend_on_the_server() {
        noClasses().that().resideInAnyPackage("eu.gpuledger.projections..", "eu.gpuledger.reports..")
                .should().dependOnClassesThat().resideInAnyPackage("eu.gpuledger.server..")
                .check(classes);
    }

    @Test
    void projections_do_not_depend_on_reports() {
        noClasses().that().resideInAPackage("eu.gpuledger.projections..")
                .should().dependOnClassesThat().resideInAPackage("eu.gpuledger.reports..")
                .check(classes);
    }

    @Test
    void no_jpa_hibernate_xstream_or_axon_server_on_the_class_path() {
        for (String banned : new String[]{"com.thoughtworks.xstream.XStream", "jakarta.persistence.EntityManager",
                "org.hibernate.Session", "org.axonframework.axonserver.connector.AxonServerConfiguration"}) {
            assertThatThrownBy(() -> Class.forName(banned)).as(banned).isInstanceOf(ClassNotFoundException.class);
        }
    }
}
