package eu.gpuledger.server.architecture.violations.projection;

import eu.gpuledger.ledger.allocation.AllocationCommands.SuspendAllocation;
import eu.gpuledger.ledger.allocation.AllocationId;
import eu.gpuledger.ledger.allocation.UsageThresholdCrossed;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.EventHandler;

/** Breaks the rule that read models send no command, so that ModuleArchitectureTest sees it fail. */
class ProjectionSendingACommand {

    private final CommandGateway commands;

    ProjectionSendingACommand(CommandGateway commands) {
        this.commands = commands;
    }

    @EventHandler
    void on(UsageThresholdCrossed event) {
        commands.send(new SuspendAllocation(AllocationId.of(event.allocationId().value()), "over the limit"));
    }
}
