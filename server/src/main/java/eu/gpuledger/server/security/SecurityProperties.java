package eu.gpuledger.server.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param developmentAdminToken whether the development mode's administrator token ({@link DevelopmentAdminToken})
 *                              is made even though {@code ledger.db.url} names a database: with the embedded
 *                              database it always is; with any other, only when asked, and loudly
 */
@ConfigurationProperties("ledger.security")
@Validated
public record SecurityProperties(@DefaultValue("false") boolean developmentAdminToken) {
}
