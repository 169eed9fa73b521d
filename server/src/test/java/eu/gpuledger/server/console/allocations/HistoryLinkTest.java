package eu.gpuledger.server.console.allocations;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The history's next page, read from the API's {@code Link} header (RFC 8288) as HistoryPages writes it. */
class HistoryLinkTest {

    @Test
    void the_next_page_is_the_after_of_the_link_whose_rel_is_next() {
        assertThat(AllocationDetailController.nextAfter(
                "<http://127.0.0.1:8080/api/v1/allocations/a1/history?limit=20&after=19>; rel=\"next\""))
                .isEqualTo("19");
        assertThat(AllocationDetailController.nextAfter(
                "<http://127.0.0.1:8080/api/v1/allocations/a1/history?after=39&limit=20>; rel=next")).isEqualTo("39");
    }

    @Test
    void a_link_to_anything_but_a_next_page_names_none() {
        assertThat(AllocationDetailController.nextAfter("<http://x/history?after=3>; rel=\"prev\"")).isNull();
        assertThat(AllocationDetailController.nextAfter("")).isNull();
    }
}
