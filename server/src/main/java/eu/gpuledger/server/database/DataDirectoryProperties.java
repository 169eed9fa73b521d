package eu.gpuledger.server.database;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where the embedded PostgreSQL keeps its data ({@code ledger.data-dir}), when {@code ledger.db.url} names no server.
 *
 * @param dataDir the folder; the database lives in {@code postgres/} below it and survives restarts
 */
@ConfigurationProperties("ledger")
@Validated
public record DataDirectoryProperties(@DefaultValue(".ledger-data") @NotBlank String dataDir) {
}
