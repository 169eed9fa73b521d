package eu.gpuledger.reports.statement;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A fund statement checks itself before it is drawn up, and fails loudly, naming the allocation and the figures. */
class FundStatementReconciliationTest {

    @Test
    void opening_plus_credits_minus_debits_is_the_closing_balance_and_the_balance_view() {
        assertThatCode(() -> FundStatements.reconcile("a100-genci", 360_000, 37_800, 28_800, 369_000, 369_000))
                .doesNotThrowAnyException();
    }

    @Test
    void lines_that_do_not_add_up_to_the_closing_balance_refuse_the_statement() {
        assertThatThrownBy(() -> FundStatements.reconcile("a100-genci", 360_000, 37_800, 28_800, 369_001, 369_001))
                .isInstanceOf(FundStatementDoesNotReconcile.class)
                .hasMessageContaining("a100-genci").hasMessageContaining("369000").hasMessageContaining("369001");
    }

    @Test
    void a_closing_balance_other_than_the_balance_view_refuses_the_statement() {
        assertThatThrownBy(() -> FundStatements.reconcile("a100-genci", 360_000, 37_800, 28_800, 369_000, 365_400))
                .isInstanceOf(FundStatementDoesNotReconcile.class)
                .hasMessageContaining("balance view").hasMessageContaining("365400");
    }
}
