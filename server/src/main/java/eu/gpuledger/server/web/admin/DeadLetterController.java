package eu.gpuledger.server.web.admin;

import eu.gpuledger.ledger.refusal.UnknownReference;
import eu.gpuledger.server.deadletter.DeadLetters;
import eu.gpuledger.server.deadletter.DeadLetters.Letter;
import eu.gpuledger.server.deadletter.DeadLetters.Page;
import eu.gpuledger.server.deadletter.DeadLetters.Retry;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The events a read model could not process, and their retry after a fix (docs/dead-letters.md). */
@RestController
@RequestMapping("/api/v1/admin/dead-letters")
public class DeadLetterController {

    private static final int PAGE_LIMIT_DEFAULT = 50;

    private final DeadLetters deadLetters;

    public DeadLetterController(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    /** The letters in the queue's order (processing group, aggregate, place in its sequence), a page at a time. */
    @GetMapping
    public Page list(@RequestParam(defaultValue = "" + PAGE_LIMIT_DEFAULT) int limit,
                     @RequestParam(required = false) String after) {
        return deadLetters.page(limit, after);
    }

    @GetMapping("/{id}")
    public Letter letter(@PathVariable String id) {
        return deadLetters.find(id).orElseThrow(() -> new UnknownReference("dead letter", id));
    }

    /** Retries the letter's sequence: PROCESSED, or STILL_FAILING with the cause it fails with now. */
    @PostMapping("/{id}/retry")
    public Retry retry(@PathVariable String id) {
        return deadLetters.retry(id);
    }
}
