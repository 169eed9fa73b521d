package eu.gpuledger.server.config;

import eu.gpuledger.ledger.allocation.AllocationCommands.GrantAllocation;
import eu.gpuledger.ledger.allocation.AllocationId;
import eu.gpuledger.ledger.allocation.FundingSource;
import eu.gpuledger.ledger.allocation.SchedulerAccount;
import eu.gpuledger.ledger.catalogue.CatalogueCommands.RegisterPool;
import eu.gpuledger.ledger.catalogue.CatalogueCommands.RegisterProvider;
import eu.gpuledger.ledger.catalogue.ClusterName;
import eu.gpuledger.ledger.catalogue.PoolId;
import eu.gpuledger.ledger.catalogue.ProviderId;
import eu.gpuledger.ledger.catalogue.ProviderKind;
import eu.gpuledger.ledger.directory.OverlappingAllocation;
import eu.gpuledger.ledger.project.AccessMode;
import eu.gpuledger.ledger.project.Audience;
import eu.gpuledger.ledger.project.ProjectId;
import eu.gpuledger.ledger.project.RegisterProject;
import eu.gpuledger.ledger.quantity.GpuSeconds;
import eu.gpuledger.server.support.LedgerIntegrationTest;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.table;

/**
 * STACK.md trap 1: without the ordering fix, Axon's transaction manager silently becomes a no-op and an event
 * would be stored even when the read-model write of the same unit of work fails.
 */
@LedgerIntegrationTest
class AxonUsesTheRealTransactionManagerTest {

    static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    static final Instant END = Instant.parse("2027-01-01T00:00:00Z");

    @Autowired
    TransactionManager axonTransactionManager;
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
        // the directory (a read model kept in the command's unit of work) fails to write the project's row after
        // its event was appended in that unit of work: the event must roll back with it
        sql.execute("ALTER TABLE directory_project ADD CONSTRAINT refused_by_the_read_model"
                + " CHECK (sector <> 'refused by the read model')");
        try {
            assertThatThrownBy(() -> commands.sendAndWait(new RegisterProject(ProjectId.of("refused"), "Refused",
                    "PI", "Lab", Audience.ACADEMIC, "refused by the read model", AccessMode.GENCI_DYNAMIC)))
                    .hasStackTraceContaining("refused_by_the_read_model");
        } finally {
            sql.execute("ALTER TABLE directory_project DROP CONSTRAINT refused_by_the_read_model");
        }
        assertThat(eventsOf("refused")).isZero();
        assertThat(sql.fetchCount(table("directory_project"), field("project_id").eq("refused"))).isZero();
    }

    @Test
    void an_overlapping_grant_is_refused_before_anything_is_appended() {
        commands.sendAndWait(grant("first", START, END));
        assertThat(eventsOf("first")).isOne();
        assertThat(directoryRowsOf("first")).isOne();

        assertThatThrownBy(() -> commands.sendAndWait(grant("overlapping", START.plusSeconds(86_400), END)))
                .isInstanceOf(OverlappingAllocation.class);

        assertThat(eventsOf("overlapping")).isZero();
        assertThat(directoryRowsOf("overlapping")).isZero();
        assertThat(eventsOf("first")).isOne();
    }

    @Test
    void an_event_append_commits_with_its_read_model_write() {
        commands.sendAndWait(grant("next-period", END, END.plusSeconds(86_400 * 365L)));
        assertThat(eventsOf("next-period")).isOne();
        assertThat(directoryRowsOf("next-period")).isOne();
    }

    @BeforeEach
    void projectAndPool() {
        commands.sendAndWait(new RegisterProvider(ProviderId.of("tm-provider"), "TM", ProviderKind.PUBLIC, false,
                null));
        commands.sendAndWait(new RegisterPool(PoolId.of("pool"), ProviderId.of("tm-provider"), ClusterName.of("tm"),
                "tm-h100", "H100", 4, 96, true));
        commands.sendAndWait(new RegisterProject(ProjectId.of("p"), "TM", "PI", "Lab", Audience.ACADEMIC, "AI",
                AccessMode.GENCI_DYNAMIC));
    }

    private static GrantAllocation grant(String id, Instant start, Instant end) {
        return new GrantAllocation(AllocationId.of(id), ProjectId.of("p"), PoolId.of("pool"), FundingSource.GENCI,
                GpuSeconds.ofHours(10), start, end, 25, SchedulerAccount.of("abc@h100"));
    }

    private int eventsOf(String aggregateId) {
        return sql.fetchCount(table("domain_event_entry"), field("aggregate_identifier").eq(aggregateId));
    }

    private int directoryRowsOf(String allocationId) {
        return sql.fetchCount(table("directory_allocation"), field("allocation_id").eq(allocationId));
    }
}
