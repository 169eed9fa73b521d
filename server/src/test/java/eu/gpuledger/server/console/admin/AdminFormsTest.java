package eu.gpuledger.server.console.admin;

import eu.gpuledger.server.console.ApiProblem;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.StaticMessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributesModelMap;
import org.springframework.web.servlet.view.RedirectView;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** How a form becomes the API's JSON, and an answer the next page: translation only, every judgement the API's. */
class AdminFormsTest {

    @Test
    void empty_fields_are_left_out_for_the_api_to_say_whether_they_were_required() {
        Map<String, Object> json = AdminForms.body(form(Map.of("name", "  ", "kind", "PUBLIC"))).text("name")
                .text("kind").json();
        assertThat(json).containsExactly(Map.entry("kind", "PUBLIC"));
    }

    @Test
    void a_number_is_sent_as_one_with_either_decimal_mark_and_anything_else_as_typed() {
        Map<String, Object> json = AdminForms.body(form(Map.of("a", "1,5", "b", "2.40", "c", "12 500", "d", "two")))
                .number("a").number("b").number("c").number("d").json();
        assertThat(json).containsEntry("a", new BigDecimal("1.5")).containsEntry("b", new BigDecimal("2.40"))
                .containsEntry("c", new BigDecimal("12500")).containsEntry("d", "two");
    }

    @Test
    void a_bare_date_is_its_midnight_in_utc_and_an_instant_is_sent_as_typed() {
        Map<String, Object> json = AdminForms.body(form(Map.of("from", "2026-01-01", "to", "2026-01-01T06:00:00Z",
                "bad", "next week"))).instant("from").instant("to").instant("bad").json();
        assertThat(json).containsEntry("from", "2026-01-01T00:00:00Z").containsEntry("to", "2026-01-01T06:00:00Z")
                .containsEntry("bad", "next week");
    }

    @Test
    void a_typed_list_is_split_on_commas_and_spaces_and_checkboxes_are_lists_or_flags() {
        MultiValueMap<String, String> form = form(Map.of("scope", "idris, cines  tgcc", "charged", "true"));
        form.put("events", List.of("BLOCKED", "EXPIRING"));
        Map<String, Object> json = AdminForms.body(form).list("scope").all("events").all("none").flag("charged")
                .flag("euroHpcHosted").json();
        assertThat(json).containsEntry("scope", List.of("idris", "cines", "tgcc"))
                .containsEntry("events", List.of("BLOCKED", "EXPIRING")).containsEntry("none", List.of())
                .containsEntry("charged", true).containsEntry("euroHpcHosted", false);
    }

    @Test
    void a_success_is_a_303_to_the_page_of_the_result_with_its_message() {
        StaticMessageSource messages = new StaticMessageSource();
        messages.addMessage("done.key", Locale.getDefault(), "Saved {0}.");
        RedirectAttributesModelMap flash = new RedirectAttributesModelMap();
        ModelAndView next = new AdminForms(messages).seeOther("/console/admin/rates", flash, "done.key", "x");
        assertThat(next.getView()).isInstanceOf(RedirectView.class);
        RedirectView view = (RedirectView) next.getView();
        assertThat(view.getUrl()).isEqualTo("/console/admin/rates");
        assertThat(view.isRedirectView()).isTrue();
        assertThat(org.springframework.test.util.ReflectionTestUtils.getField(view, "statusCode"))
                .isEqualTo(HttpStatus.SEE_OTHER);
        assertThat(flash.getFlashAttributes().get("done")).isEqualTo("Saved x.");
    }

    @Test
    void a_refusal_shows_the_same_page_with_the_apis_status_the_problem_and_the_input() {
        MultiValueMap<String, String> input = form(Map.of("timeZone", "Mars/Olympus"));
        ApiProblem problem = new ApiProblem(400, "Invalid input", "timeZone must be an IANA time zone", Map.of());
        ModelAndView page = AdminForms.again("console/admin/catalogue", "cluster", input, problem);
        assertThat(page.getViewName()).isEqualTo("console/admin/catalogue");
        assertThat(page.getStatus()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(page.getModel()).containsEntry("problem", problem);
        FormInput kept = (FormInput) page.getModel().get("input");
        assertThat(kept.value("cluster", "timeZone")).isEqualTo("Mars/Olympus");
        assertThat(kept.value("provider", "timeZone")).as("the other forms stay empty").isEmpty();
    }

    private static MultiValueMap<String, String> form(Map<String, String> fields) {
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        fields.forEach(form::add);
        return form;
    }
}
