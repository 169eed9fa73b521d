package eu.gpuledger.server.usage;

import eu.gpuledger.ledger.allocation.SchedulerAccount;
import eu.gpuledger.ledger.catalogue.ClusterName;
import eu.gpuledger.ledger.quantity.GpuSeconds;
import eu.gpuledger.ledger.usage.ImportTally;
import eu.gpuledger.ledger.usage.RecordUsageBatch;
import eu.gpuledger.ledger.usage.UsageBatchOutcome;
import eu.gpuledger.ledger.usage.ReportedUsage;
import eu.gpuledger.ledger.usage.UsageRecordId;
import eu.gpuledger.server.race.LostRaces;
import eu.gpuledger.server.support.Settings;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/** How imports are cut into batches, and which failures are retried: UsageBooking without a database. */
class UsageBookingTest {

    private final List<RecordUsageBatch> sent = new ArrayList<>();

    @Test
    void a_window_is_grouped_by_scheduler_account_so_each_batch_charges_few_allocations() {
        CommandGateway gateway = acceptingGateway(new AtomicInteger());
        UsageBooking booking = new UsageBooking(gateway, new UsageProperties(2, 6));
        ImportTally tally = new ImportTally();
        UsageBooking.Batcher batcher = booking.batcher(tally, MetaData.emptyInstance());
        for (int job = 0; job < 7; job++) {
            batcher.add(record(job, "acct" + job % 3 + "@h100"));
        }
        batcher.flush();

        assertThat(sent).hasSize(4);
        assertThat(accountsOf(sent.get(0))).containsExactly("acct0@h100", "acct0@h100");
        assertThat(accountsOf(sent.get(1))).containsExactly("acct1@h100", "acct1@h100");
        assertThat(accountsOf(sent.get(2))).containsExactly("acct2@h100", "acct2@h100");
        assertThat(accountsOf(sent.get(3))).as("the last line, alone after the window").containsExactly("acct0@h100");
        assertThat(sent.get(0).reported()).extracting(ReportedUsage::line).as("input order within an account")
                .containsExactly(1L, 4L);
        assertThat(tally.summary().accepted()).isEqualTo(7);
    }

    @Test
    void a_batch_that_lost_a_race_is_sent_again_and_counted_once() {
        AtomicInteger failuresLeft = new AtomicInteger(2);
        CommandGateway gateway = acceptingGateway(failuresLeft);
        UsageBooking booking = new UsageBooking(gateway, new UsageProperties(10, 10));
        ImportTally tally = new ImportTally();
        UsageBooking.Batcher batcher = booking.batcher(tally, MetaData.emptyInstance());
        batcher.add(record(1, "acct0@h100"));
        batcher.flush();

        assertThat(sent).hasSize(3);
        assertThat(tally.summary().accepted()).isEqualTo(1);
    }

    @Test
    void races_are_told_from_other_failures() {
        assertThat(LostRaces.lostARace(new ConcurrencyException("sequence taken"))).isTrue();
        assertThat(LostRaces.lostARace(new AggregateStreamCreationException("a stream's first event's key taken")))
                .isTrue();
        assertThat(LostRaces.lostARace(new IllegalStateException("wrapped",
                new SQLException("deadlock detected", "40P01")))).isTrue();
        assertThat(LostRaces.lostARace(new IllegalStateException("wrapped",
                new SQLException("could not serialize access", "40001")))).isTrue();
        assertThat(LostRaces.lostARace(new IllegalStateException("wrapped",
                new SQLException("simulated crash", "P0001")))).isFalse();
        assertThat(LostRaces.lostARace(new IllegalArgumentException("bad input"))).isFalse();
    }

    @Test
    void a_failure_that_is_not_a_race_stops_the_import_at_once() {
        CommandGateway gateway = mock(CommandGateway.class);
        when(gateway.sendAndWait(any(CommandMessage.class))).thenThrow(new IllegalStateException("disk full"));
        UsageBooking.Batcher batcher = new UsageBooking(gateway, new UsageProperties(10, 10)).batcher(new ImportTally(), MetaData.emptyInstance());
        batcher.add(record(1, "acct0@h100"));

        assertThatThrownBy(batcher::flush).hasMessage("disk full");
    }

    @Test
    void a_window_smaller_than_a_batch_is_refused() {
        // the settings are refused as the application binds them, before a UsageBooking is made
        assertThat(Settings.startFailure("ledger.usage.batch-size=100", "ledger.usage.grouping-window=50"))
                .contains("grouping-window");
        assertThat(Settings.startFailure("ledger.usage.batch-size=" + (RecordUsageBatch.RECORDS_MAX + 1),
                "ledger.usage.grouping-window=200000")).contains("batch-size");
    }

    private CommandGateway acceptingGateway(AtomicInteger racesToLose) {
        CommandGateway gateway = mock(CommandGateway.class);
        when(gateway.sendAndWait(any(CommandMessage.class))).thenAnswer(invocation -> {
            RecordUsageBatch batch = (RecordUsageBatch) ((CommandMessage<?>) invocation.getArgument(0)).getPayload();
            sent.add(batch);
            if (racesToLose.getAndDecrement() > 0) {
                throw new ConcurrencyException("another node appended to the same allocation");
            }
            long charged = batch.reported().stream()
                    .mapToLong(reported -> ((ReportedUsage.Measured) reported).gpus() * ((ReportedUsage.Measured) reported).elapsedSeconds())
                    .sum();
            return new UsageBatchOutcome(batch.reported().size(), 0, Map.of(), List.of(), GpuSeconds.of(charged));
        });
        return gateway;
    }

    private static List<String> accountsOf(RecordUsageBatch batch) {
        return batch.reported().stream().map(reported -> ((ReportedUsage.Measured) reported).account().value()).toList();
    }

    private static ReportedUsage.Measured record(int job, String account) {
        Instant end = Instant.parse("2026-10-12T10:00:00Z");
        return new ReportedUsage.Measured(job + 1, UsageRecordId.of("unit:" + job), ClusterName.of("unit"), "gpu_p6",
                Integer.toString(job), SchedulerAccount.of(account), "someone", 2, 60, end.minusSeconds(60), end, null);
    }
}
