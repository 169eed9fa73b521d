package eu.gpuledger.server.web;

import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.Map;

/**
 * Endpoints that exist only in the edge's tests: one whose handler fails as a bug would, one whose request fails in
 * a servlet filter (before Spring MVC sees it), one a filter refuses with a bare status, and one with a typed query
 * parameter.
 */
@TestConfiguration
class FailingOnPurpose {

    static final String SECRET_IN_THE_FAILURE = "password=hunter2 at /var/lib/ledger";

    @RestController
    @TestComponent // not scanned: registered as a member of this configuration, so only where it is imported
    static class FailingController {

        @GetMapping("/api/v1/test-only/failure")
        Map<String, Object> fail() {
            throw new IllegalStateException("a bug: " + SECRET_IN_THE_FAILURE);
        }

        @GetMapping("/api/v1/test-only/pages")
        Map<String, Object> pages(@RequestParam int limit) {
            return Map.of("limit", limit);
        }
    }

    @Bean
    FilterRegistrationBean<Filter> failingFilter() {
        Filter failing = (request, response, chain) -> {
            throw new IllegalStateException("a bug in a filter: " + SECRET_IN_THE_FAILURE);
        };
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(failing);
        registration.addUrlPatterns("/api/v1/test-only/failure-in-a-filter");
        return registration;
    }

    /** A filter that refuses as Spring Security's do: a status and no body, for the container to render. */
    @Bean
    FilterRegistrationBean<Filter> refusingFilter() {
        Filter refusing = (request, response, chain) -> ((HttpServletResponse) response).sendError(403);
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(refusing);
        registration.addUrlPatterns("/api/v1/test-only/refused-in-a-filter");
        return registration;
    }
}
