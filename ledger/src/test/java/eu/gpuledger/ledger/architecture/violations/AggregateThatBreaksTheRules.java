package eu.gpuledger.ledger.architecture.violations;

import eu.gpuledger.ledger.allocation.AllocationSuspended;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.jooq.DSLContext;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * Breaks the ledger's aggregate rules on purpose, so that LedgerArchitectureRulesFailTest sees them fail: it reaches
 * a table, and its event-sourcing handler refuses and applies. Left out of the ledger's test-jar (pom.xml), so no
 * application ever scans it.
 */
@Aggregate
class AggregateThatBreaksTheRules {

    @AggregateIdentifier
    private String id;
    private DSLContext sql;
    private boolean suspended;

    @EventSourcingHandler
    void on(AllocationSuspended event) {
        if (suspended) {
            throw new IllegalStateException("already suspended");
        }
        suspended = true;
        apply(event);
    }
}
