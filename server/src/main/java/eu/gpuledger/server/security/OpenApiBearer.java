package eu.gpuledger.server.security;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document says how to authenticate: a bearer token on every operation (an API token or a person's JWT,
 * docs/security.md), so that generated clients send it and Swagger UI offers to enter one.
 */
@Configuration(proxyBeanMethods = false)
public class OpenApiBearer {

    static final String SCHEME = "bearer";

    @Bean
    OpenApiCustomizer bearerAuthentication() {
        return openApi -> {
            if (openApi.getComponents() == null) {
                openApi.setComponents(new Components());
            }
            openApi.getComponents().addSecuritySchemes(SCHEME, new SecurityScheme()
                    .type(SecurityScheme.Type.HTTP).scheme("bearer")
                    .description("An API token (gpl_..., from an administrator, or printed at start in development"
                            + " mode) or a JWT from the centre's identity provider (docs/security.md)"));
            openApi.addSecurityItem(new SecurityRequirement().addList(SCHEME));
        };
    }
}
