package eu.gpuledger.server.web.allocation;

import eu.gpuledger.ledger.refusal.UnknownReference;
import eu.gpuledger.server.web.Inputs;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.util.List;

/**
 * A history as the API answers it: the array of entries it always was, a page of it when {@code limit} or
 * {@code after} is given, with the next page's address in a {@code Link: <...>; rel="next"} header (RFC 8288),
 * absent on the last page. The body keeps its shape, so clients written against the whole array read a page
 * unchanged; the cursor is the sequence of the page's last entry.
 */
public final class HistoryPages {

    public static final int LIMIT_DEFAULT = 100;

    private HistoryPages() {
    }

    /** Where a page starts: after the sequence {@code after} (-1 from the first), at most {@code limit} entries. */
    public record Request(long after, int limit) {
    }

    /** Null when neither was given: the whole history, as before pages. */
    public static Request request(Long after, Long limit) {
        if (after == null && limit == null) {
            return null;
        }
        return new Request(after == null ? -1 : Inputs.wholeNumber(after, "after", 0, Long.MAX_VALUE - 1),
                (int) Inputs.wholeNumber(limit == null ? LIMIT_DEFAULT : limit, "limit", 1,
                        AllocationHistory.LIMIT_MAX));
    }

    /** The page's answer; an empty first page is a record the ledger does not know (404). */
    public static ResponseEntity<List<AllocationHistory.Entry>> answer(AllocationHistory.Page page, Request request,
                                                                       String idField, String id) {
        if (page.entries().isEmpty() && request.after() < 0) {
            throw new UnknownReference(idField, id);
        }
        ResponseEntity.BodyBuilder answer = ResponseEntity.ok();
        if (page.next() != null) {
            String next = ServletUriComponentsBuilder.fromCurrentRequest()
                    .replaceQueryParam("after", page.next())
                    .replaceQueryParam("limit", request.limit())
                    .build().toUriString();
            answer.header(HttpHeaders.LINK, "<" + next + ">; rel=\"next\"");
        }
        return answer.body(page.entries());
    }
}
