package eu.gpuledger.server.database;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The PostgreSQL server the ledger uses, and its connection pool ({@code ledger.db.*}); without a URL, the embedded
 * PostgreSQL ({@link DataDirectoryProperties}).
 *
 * @param url             {@code jdbc:postgresql://host:port/database}, created if missing; unset or empty: the
 *                        embedded PostgreSQL
 * @param user            user for {@code url}
 * @param password        password for {@code url}
 * @param poolSize        connections the pool holds at most
 * @param poolMinIdle     idle connections kept open; -1 keeps as many as {@code poolSize} (Hikari's own default)
 * @param allowNonDurable whether to start on a PostgreSQL with {@code fsync}, {@code synchronous_commit} or
 *                        {@code full_page_writes} off, which the ledger otherwise refuses (docs/durability.md)
 */
@ConfigurationProperties("ledger.db")
@Validated
public record DatabaseProperties(String url,
                                 @DefaultValue("postgres") @NotBlank String user,
                                 @DefaultValue("") String password,
                                 @DefaultValue("10") @Min(1) @Max(POOL_SIZE_MAX) int poolSize,
                                 @DefaultValue("-1") @Min(-1) @Max(POOL_SIZE_MAX) int poolMinIdle,
                                 @DefaultValue("false") boolean allowNonDurable) {

    /** Connections a pool may hold at most: PostgreSQL's default {@code max_connections} is 100 for everyone. */
    static final int POOL_SIZE_MAX = 100;

    /** Whether the ledger runs its own embedded PostgreSQL (no server named). */
    public boolean embedded() {
        return url == null || url.isBlank();
    }
}
