package eu.gpuledger.server.console.admin;

import eu.gpuledger.server.console.SeeOther;
import eu.gpuledger.server.console.ApiProblem;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.util.MultiValueMap;
import org.springframework.web.servlet.ModelAndView;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * How the administration pages turn a form into the API's JSON and an answer into the next page. They translate only:
 * a field left empty is left out (the API says whether it was required), a number is sent as a number when it reads
 * as one and as the text typed otherwise (the API then names the field it refuses), and a bare date is midnight UTC
 * (the console shows every time in UTC).
 */
@Component
public class AdminForms {

    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    private final MessageSource messages;

    public AdminForms(MessageSource messages) {
        this.messages = messages;
    }

    /** A JSON object being built from a form. */
    public static final class Body {

        private final MultiValueMap<String, String> form;
        private final Map<String, Object> json = new LinkedHashMap<>();

        private Body(MultiValueMap<String, String> form) {
            this.form = form;
        }

        /** The field as typed, left out when empty. */
        public Body text(String field) {
            return text(field, field);
        }

        public Body text(String field, String member) {
            String value = first(form, field);
            if (value != null) {
                json.put(member, value);
            }
            return this;
        }

        /** A number: sent as one when it reads as one (a decimal comma too), else as typed for the API to refuse. */
        public Body number(String field) {
            return number(field, field);
        }

        public Body number(String field, String member) {
            String value = first(form, field);
            if (value != null) {
                json.put(member, numberOrText(value));
            }
            return this;
        }

        /** An instant: a bare date is its midnight in UTC; anything else is sent as typed. */
        public Body instant(String field) {
            return instant(field, field);
        }

        public Body instant(String field, String member) {
            String value = first(form, field);
            if (value != null) {
                json.put(member, DATE.matcher(value).matches() ? value + "T00:00:00Z" : value);
            }
            return this;
        }

        /** A checkbox: true when ticked, false otherwise. */
        public Body flag(String field) {
            json.put(field, "true".equals(first(form, field)));
            return this;
        }

        /** Every value of a multi-valued field (checkboxes), as a list; empty when none was chosen. */
        public Body all(String field) {
            List<String> values = form.getOrDefault(field, List.of()).stream()
                    .filter(value -> value != null && !value.isBlank()).map(String::strip).toList();
            json.put(field, values);
            return this;
        }

        /** A list typed as text, its values separated by commas or spaces; left out when empty. */
        public Body list(String field) {
            String value = first(form, field);
            if (value != null) {
                json.put(field, List.of(value.split("[,\\s]+")).stream().filter(part -> !part.isEmpty()).toList());
            }
            return this;
        }

        public Body put(String member, Object value) {
            json.put(member, value);
            return this;
        }

        public Map<String, Object> json() {
            return json;
        }
    }

    public static Body body(MultiValueMap<String, String> form) {
        return new Body(form);
    }

    /** The field's first value, stripped; null when absent or blank. */
    public static String first(MultiValueMap<String, String> form, String field) {
        String value = form.getFirst(field);
        return value == null || value.isBlank() ? null : value.strip();
    }

    static Object numberOrText(String value) {
        String decimal = value.replace(',', '.').replace(" ", "").replace("\u00a0", "").replace("\u202f", "");
        try {
            return new BigDecimal(decimal);
        } catch (NumberFormatException notANumber) {
            return value;
        }
    }

    /** After a success: 303 See Other to the page showing the result, with a message for it. */
    public ModelAndView seeOther(String path, org.springframework.web.servlet.mvc.support.RedirectAttributes flash,
                                 String doneKey, Object... arguments) {
        flash.addFlashAttribute("done", message(doneKey, arguments));
        return SeeOther.to(path);
    }

    /** After a refusal: the same page again, the problem beside the form, the input kept, with the API's status. */
    public static ModelAndView again(String template, String form, MultiValueMap<String, String> input,
                                     ApiProblem problem) {
        ModelAndView page = new ModelAndView(template);
        page.addObject("problem", problem);
        page.addObject("input", new FormInput(form, input));
        page.setStatus(HttpStatus.valueOf(problem.status()));
        return page;
    }

    public String message(String key, Object... arguments) {
        return messages.getMessage(key, arguments, LocaleContextHolder.getLocale());
    }
}
