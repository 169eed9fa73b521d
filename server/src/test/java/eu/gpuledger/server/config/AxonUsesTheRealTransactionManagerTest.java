package eu.gpuledger.server.config;

import eu.gpuledger.ledger.catalogue.CatalogueCommands.RegisterProvider;
import eu.gpuledger.ledger.catalogue.ProviderId;
import eu.gpuledger.ledger.catalogue.ProviderKind;
import eu.gpuledger.server.support.LedgerIntegrationTest;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.table;

/** STACK.md trap 1: without the ordering fix Axon's transaction manager silently becomes a no-op. */
@LedgerIntegrationTest
class AxonUsesTheRealTransactionManagerTest {

    @Autowired
    TransactionManager axonTransactionManager;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    CommandGateway commands;
    @Autowired
    DSLContext sql;

    @Test
    void axon_runs_on_springs_transaction_manager() {
        assertThat(axonTransactionManager).isInstanceOf(SpringTransactionManager.class);
    }

    @Test
    void an_event_append_and_a_read_model_write_roll_back_together() {
        long eventsBefore = sql.fetchCount(table("domain_event_entry"));
        assertThatThrownBy(() -> transactions.executeWithoutResult(status -> {
            sql.insertInto(table("view_provider")).set(field("provider_id"), "rolled-back")
                    .set(field("name"), "Rolled back").set(field("kind"), "PUBLIC")
                    .set(field("euro_hpc_hosted"), false).execute();
            commands.sendAndWait(new RegisterProvider(ProviderId.of("rolled-back"), "Rolled back", ProviderKind.PUBLIC,
                    false, null));
            assertThat(sql.fetchCount(table("domain_event_entry"))).isEqualTo(eventsBefore + 1);
            throw new IllegalStateException("roll back");
        })).hasMessage("roll back");

        assertThat(sql.fetchCount(table("domain_event_entry"))).isEqualTo(eventsBefore);
        assertThat(sql.fetchCount(table("view_provider"), field("provider_id").eq("rolled-back"))).isZero();
        assertThat(sql.fetchCount(table("directory_provider"), field("provider_id").eq("rolled-back"))).isZero();
    }

    @Test
    void an_event_append_commits_with_its_transaction() {
        long eventsBefore = sql.fetchCount(table("domain_event_entry"));
        transactions.executeWithoutResult(status -> commands.sendAndWait(new RegisterProvider(
                ProviderId.of("committed"), "Committed", ProviderKind.PRIVATE, false, null)));
        assertThat(sql.fetchCount(table("domain_event_entry"))).isEqualTo(eventsBefore + 1);
        assertThat(sql.fetchCount(table("directory_provider"), field("provider_id").eq("committed"))).isOne();
    }
}
