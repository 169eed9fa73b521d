package eu.gpuledger.server.web.journal;

import eu.gpuledger.projections.journal.JournalQueries;
import eu.gpuledger.projections.journal.TrialBalance;
import eu.gpuledger.server.web.Inputs;
import eu.gpuledger.server.web.Quantity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.List;

/** The books: the journal's trial balance. */
@RestController
@RequestMapping("/api/v1/journal")
public class JournalController {

    private final JournalQueries journal;

    public JournalController(JournalQueries journal) {
        this.journal = journal;
    }

    public record AccountJson(String account, Quantity debits, Quantity credits, Quantity balance) {
    }

    public record TrialBalanceJson(Instant from, Instant to, List<AccountJson> accounts, Quantity totalDebits,
                                   Quantity totalCredits, boolean balanced) {
    }

    /** Debits and credits per ledger account over [from, to) of effective time (either bound may be left out). */
    @GetMapping("/trial-balance")
    public TrialBalanceJson trialBalance(@RequestParam(required = false) String from,
                                         @RequestParam(required = false) String to) {
        Instant fromInstant = from == null ? null : Inputs.instant(from, "from");
        Instant toInstant = to == null ? null : Inputs.instant(to, "to");
        if (fromInstant != null && toInstant != null && !toInstant.isAfter(fromInstant)) {
            throw new eu.gpuledger.ledger.refusal.InvalidInput("to", "must be after from (periods are half-open [from, to))");
        }
        TrialBalance balance = journal.trialBalance(fromInstant, toInstant);
        return new TrialBalanceJson(fromInstant, toInstant, balance.accounts().stream()
                .map(account -> new AccountJson(account.account(), Quantity.of(account.debits()),
                        Quantity.of(account.credits()), Quantity.of(account.balance())))
                .toList(), Quantity.of(balance.totalDebits()), Quantity.of(balance.totalCredits()),
                balance.isBalanced());
    }
}
