package eu.gpuledger.server.console;

import org.springframework.web.util.UriComponents;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

import java.nio.charset.StandardCharsets;

/**
 * The address of the page being shown, for links that keep what a person chose: the language switch and the next
 * page of a list keep the filters; only the one parameter changes.
 *
 * @param path  the request's path
 * @param query its query string as sent (encoded), null when none
 */
public record CurrentPage(String path, String query) {

    /** This page with {@code name} set to {@code value} (null: removed), the other parameters kept. */
    public String with(String name, Object value) {
        UriComponents uri = UriComponentsBuilder.fromPath(path).query(query)
                .replaceQueryParam(name, value == null ? new Object[0]
                        : new Object[]{UriUtils.encodeQueryParam(value.toString(), StandardCharsets.UTF_8)})
                .build(true);
        return uri.getPath() + (uri.getQuery() == null || uri.getQuery().isEmpty() ? "" : "?" + uri.getQuery());
    }
}
