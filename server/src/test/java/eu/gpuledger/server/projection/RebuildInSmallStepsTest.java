package eu.gpuledger.server.projection;

import eu.gpuledger.projections.lag.ProjectionLag;
import eu.gpuledger.projections.rebuild.ProjectionRebuilds;
import eu.gpuledger.projections.rebuild.RebuildProgress;
import eu.gpuledger.server.support.LedgerIntegrationTest;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A rebuild whose gathered changes outgrow their bound many times over: every projection writes to its shadow
 * tables again and again, those that merge get their indexes early and merge into rows they wrote before, and the
 * result is still the live model exactly.
 */
@LedgerIntegrationTest
@TestPropertySource(properties = {"ledger.rebuild.batch-size=7", "ledger.rebuild.insert-rows=5", "ledger.rebuild.merge-rows=5"})
class RebuildInSmallStepsTest {

    @Autowired
    CommandGateway commands;
    @Autowired
    ProjectionLag lag;
    @Autowired
    ProjectionRebuilds rebuilds;
    @Autowired
    DSLContext sql;

    @Test
    void a_rebuild_writing_in_many_small_steps_gives_tables_identical_to_the_live_ones() {
        RandomWorkload workload = new RandomWorkload(commands, sql, 20261124L);
        workload.setUp("small");
        for (int step = 0; step < 80; step++) {
            workload.step();
        }
        ProjectionCatchUp.await(lag, rebuilds);
        Map<String, String> live = ProjectionTables.hashes(sql);

        RebuildProgress progress = rebuilds.rebuildNow(ProjectionRebuilds.ALL);

        assertThat(progress.phase()).as(String.valueOf(progress.failure())).isEqualTo(RebuildProgress.Phase.COMPLETED);
        ProjectionCatchUp.await(lag, rebuilds);
        assertThat(ProjectionTables.hashes(sql)).isEqualTo(live);
    }
}
