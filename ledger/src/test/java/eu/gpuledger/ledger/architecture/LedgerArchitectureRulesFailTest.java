package eu.gpuledger.ledger.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A rule that cannot fail proves nothing: each of LedgerArchitectureTest's aggregate rules fails on a class that breaks it. */
class LedgerArchitectureRulesFailTest {

    static JavaClasses violations;

    @BeforeAll
    static void importViolations() {
        violations = new ClassFileImporter().importPackages("eu.gpuledger.ledger.architecture.violations");
    }

    private static List<String> failures(ArchRule rule) {
        return rule.evaluate(violations).getFailureReport().getDetails();
    }

    @Test
    void an_event_sourcing_handler_that_refuses_or_applies_breaks_the_rule() {
        assertThat(failures(LedgerArchitectureTest.event_sourcing_handlers_only_assign_state))
                .anyMatch(line -> line.contains("IllegalStateException"))
                .anyMatch(line -> line.contains("AggregateLifecycle.apply"));
    }

    @Test
    void an_aggregate_that_holds_a_database_connection_breaks_the_rule() {
        assertThat(failures(LedgerArchitectureTest.aggregates_reach_no_table))
                .anyMatch(line -> line.contains("AggregateThatBreaksTheRules") && line.contains("DSLContext"));
    }
}
