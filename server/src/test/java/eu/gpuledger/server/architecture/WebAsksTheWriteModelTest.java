package eu.gpuledger.server.architecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The HTTP edge translates, the write model decides: controllers read no write-side table to decide anything (the
 * directory's questions are the command handlers'), and take client ids only through {@code parse(value, field)},
 * which checks them and names the field (an id's {@code of} takes a stored id unchecked, docs/identifiers.md).
 */
class WebAsksTheWriteModelTest {

    static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("eu.gpuledger");
    }

    /** A typed id of the ledger: a record with a {@code parse(String, String)} factory. */
    private static final DescribedPredicate<JavaMethodCall> UNCHECKED_ID = new DescribedPredicate<>(
            "the unchecked factory of a typed id") {
        @Override
        public boolean test(JavaMethodCall call) {
            JavaClass owner = call.getTargetOwner();
            return call.getName().equals("of") && owner.isRecord()
                    && owner.getPackageName().startsWith("eu.gpuledger.ledger")
                    && owner.tryGetMethod("parse", String.class, String.class).isPresent();
        }
    };

    @Test
    void controllers_ask_the_directory_nothing() {
        noClasses().that().resideInAPackage("eu.gpuledger.server.web..")
                .should().dependOnClassesThat().resideInAPackage("eu.gpuledger.ledger.directory..")
                .check(classes);
    }

    @Test
    void controllers_take_client_ids_through_parse() {
        noClasses().that().resideInAPackage("eu.gpuledger.server.web..")
                .should().callMethodWhere(UNCHECKED_ID)
                .check(classes);
    }
}
