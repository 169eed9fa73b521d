package eu.gpuledger.ledger.access;

import eu.gpuledger.ledger.allocation.AllocationCommands.ClawBackAllocation;
import eu.gpuledger.ledger.allocation.AllocationCommands.GrantAllocation;
import eu.gpuledger.ledger.allocation.AllocationCommands.ResumeAllocation;
import eu.gpuledger.ledger.allocation.AllocationCommands.SupplementAllocation;
import eu.gpuledger.ledger.allocation.AllocationCommands.SuspendAllocation;
import eu.gpuledger.ledger.allocation.AllocationCommands.WarnUnderConsumption;
import eu.gpuledger.ledger.allocation.AllocationId;
import eu.gpuledger.ledger.allocation.FundingSource;
import eu.gpuledger.ledger.statement.StatementCommands.DraftStatement;
import eu.gpuledger.ledger.statement.StatementCommands.IssueCreditNote;
import eu.gpuledger.ledger.statement.StatementCommands.IssueStatement;
import eu.gpuledger.ledger.statement.StatementCommands.SealStatement;
import eu.gpuledger.ledger.catalogue.CatalogueCommands.AddNormalisationFactor;
import eu.gpuledger.ledger.catalogue.CatalogueCommands.AddPrice;
import eu.gpuledger.ledger.catalogue.CatalogueCommands.DeclareCluster;
import eu.gpuledger.ledger.catalogue.CorrectClusterTimeZone;
import eu.gpuledger.ledger.catalogue.CorrectProviderName;
import eu.gpuledger.ledger.catalogue.CatalogueCommands.RegisterPool;
import eu.gpuledger.ledger.catalogue.CatalogueCommands.RegisterProvider;
import eu.gpuledger.ledger.catalogue.PoolId;
import eu.gpuledger.ledger.catalogue.ProviderId;
import eu.gpuledger.ledger.directory.LedgerDirectory;
import eu.gpuledger.ledger.directory.PoolEntry;
import eu.gpuledger.ledger.transfer.TransferCommands.TransferHours;
import eu.gpuledger.ledger.usage.RecordUsageBatch;
import eu.gpuledger.ledger.usage.RefundUsageRecord;
import eu.gpuledger.ledger.usage.UsageStore;
import eu.gpuledger.ledger.webhook.WebhookCommands.DisableWebhook;
import eu.gpuledger.ledger.webhook.WebhookCommands.RegisterWebhook;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.stereotype.Component;

/**
 * Who may send which command, checked on the command bus inside the command's unit of work, before any handler
 * runs: so every entry point (HTTP, the CLI through it, a console or a message consumer later) meets the same rule,
 * and the data it needs (whose pool, whose allocation) is read in the transaction that will apply the command.
 * <p>
 * An administrator may send anything; a centre accountant the commands about the catalogue entries, allocations and
 * usage of its providers; a funder the statements of its funding sources (rates are the administrators'); nobody
 * else any command. A command the rules below do not name is for administrators
 * only, so a new command is closed until it is given a rule. A command whose metadata names no actor comes from the
 * ledger's own processes (the expiry scheduler), never from the edge, which always adds one (docs/security.md).
 * Usage batches are judged line by line by their handler, since a file may mix clusters.
 */
@Component
public class CommandAccess implements MessageHandlerInterceptor<CommandMessage<?>> {

    private final LedgerDirectory directory;
    private final UsageStore usage;

    public CommandAccess(LedgerDirectory directory, UsageStore usage) {
        this.directory = directory;
        this.usage = usage;
    }

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        CommandMessage<?> command = unitOfWork.getMessage();
        Actor.of(command.getMetaData()).ifPresent(actor -> check(command.getPayload(), actor));
        return chain.proceed();
    }

    /** Returns when {@code actor} may send {@code command}; throws {@link OutOfScope} otherwise. */
    public void check(Object command, Actor actor) {
        if (actor.has(Role.ADMIN)) {
            return;
        }
        switch (command) {
            case RegisterProvider register -> requireProvider(actor, register.providerId());
            case DeclareCluster declare -> {
                requireProvider(actor, declare.providerId());
                directory.providerOfCluster(declare.cluster()).ifPresent(owner -> requireProvider(actor, owner));
            }
            case CorrectProviderName correction -> requireProvider(actor, correction.providerId());
            // an undeclared cluster passes: its aggregate is not found (404)
            case CorrectClusterTimeZone correction -> directory.providerOfCluster(correction.cluster())
                    .ifPresent(owner -> requireProvider(actor, owner));
            case RegisterPool register -> {
                requireProvider(actor, register.providerId());
                directory.pool(register.poolId()).ifPresent(pool -> requireProvider(actor, pool.providerId()));
                // a pool on another centre's cluster would draw that centre's jobs onto this centre's allocations
                directory.providerOfCluster(register.cluster()).ifPresent(owner -> requireProvider(actor, owner));
            }
            case AddNormalisationFactor factor -> requirePool(actor, factor.poolId());
            case AddPrice price -> requirePool(actor, price.poolId());
            case GrantAllocation grant -> requirePool(actor, grant.poolId());
            case SupplementAllocation supplement -> requireAllocation(actor, supplement.allocationId());
            case WarnUnderConsumption warning -> requireAllocation(actor, warning.allocationId());
            case ClawBackAllocation clawback -> requireAllocation(actor, clawback.allocationId());
            case SuspendAllocation suspension -> requireAllocation(actor, suspension.allocationId());
            case ResumeAllocation resumption -> requireAllocation(actor, resumption.allocationId());
            case TransferHours transfer -> {
                requireAllocation(actor, transfer.from());
                requireAllocation(actor, transfer.to());
            }
            case RefundUsageRecord refund -> usage.booked(refund.recordId())
                    .ifPresent(job -> requireAllocation(actor, job.allocationId()));
            case DraftStatement draft -> requireFunder(actor, draft.funder());
            case IssueStatement issue -> directory.funderOfStatement(issue.statementId())
                    .ifPresent(funder -> requireFunder(actor, funder));
            case SealStatement seal -> directory.funderOfStatement(seal.statementId())
                    .ifPresent(funder -> requireFunder(actor, funder));
            case IssueCreditNote creditNote -> directory.funderOfStatement(creditNote.statementId())
                    .ifPresent(funder -> requireFunder(actor, funder));
            // a centre's webhook names its provider; whose an existing one is, its aggregate checks (Webhook)
            case RegisterWebhook register -> {
                if (register.providerId() == null) {
                    throw refused(actor, "a webhook of every provider (no providerId)");
                }
                requireProvider(actor, register.providerId());
            }
            case DisableWebhook ignored -> {
                if (!actor.has(Role.CENTRE_ACCOUNTANT)) {
                    throw refused(actor, "disabling a webhook");
                }
            }
            case RecordUsageBatch ignored -> {
                if (!actor.has(Role.CENTRE_ACCOUNTANT)) {
                    throw refused(actor, "recording usage needs the role " + Role.CENTRE_ACCOUNTANT + " or " + Role.ADMIN);
                }
            }
            default -> throw refused(actor, command.getClass().getSimpleName() + " is for administrators only");
        }
    }

    /** Whether {@code actor} may charge a job run in {@code pool}: a usage line of another provider is refused. */
    public static boolean chargesPool(Actor actor, PoolEntry pool) {
        return actor.managesProvider(pool.providerId());
    }

    private void requirePool(Actor actor, PoolId poolId) {
        directory.pool(poolId).ifPresent(pool -> requireProvider(actor, pool.providerId()));
    }

    /** An unknown allocation passes: its handler answers that it is unknown (404). */
    private void requireAllocation(Actor actor, AllocationId allocationId) {
        directory.ownersOfAllocation(allocationId).ifPresent(owners -> {
            if (!actor.managesProvider(owners.provider())) {
                throw refused(actor, "allocation '" + allocationId + "' draws on a pool of provider '"
                        + owners.provider() + "'");
            }
        });
    }

    /** A statement is drafted, issued and cancelled by its funder (docs/security.md); an unknown one passes (404). */
    private static void requireFunder(Actor actor, FundingSource funder) {
        if (!actor.issuesStatementsOf(funder)) {
            throw new OutOfScope("statements of funder " + funder + " are outside what " + actor.principal()
                    + " may issue (roles " + actor.roles() + ", funding sources " + actor.scope().fundingSources()
                    + ")");
        }
    }

    private static void requireProvider(Actor actor, ProviderId provider) {
        if (!actor.managesProvider(provider)) {
            throw refused(actor, "provider '" + provider + "'");
        }
    }

    static OutOfScope refused(Actor actor, String what) {
        return new OutOfScope(what + " is outside what " + actor.principal() + " may change (roles " + actor.roles()
                + ", providers " + actor.scope().providers() + ")");
    }
}
