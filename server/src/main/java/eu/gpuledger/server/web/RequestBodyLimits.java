package eu.gpuledger.server.web;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

import java.util.Set;

/**
 * How large a whole request body may be, by kind of endpoint: a JSON write is a few hundred bytes, so its limit is
 * small; an import streams a month of a cluster's accounting, so its limit is large. {@link RequestBodyLimitFilter}
 * enforces both; docs/errors-and-limits.md says why these values.
 */
@ConfigurationProperties("ledger.limits")
@Validated
public record RequestBodyLimits(@DefaultValue("64KB") @NotNull DataSize jsonBodyBytes,
                                @DefaultValue("512MB") @NotNull DataSize importBodyBytes) {

    /** The endpoints that stream their body into the usage store, line by line or record by record. */
    static final Set<String> IMPORT_PATHS = Set.of("/api/v1/usage/sacct", "/api/v1/usage/records",
            "/api/v1/usage/billed",
            // the console's upload forms, which stream the file on to the two above (spring.servlet.multipart's
            // limits are the import's too)
            "/console/imports/sacct", "/console/imports/billed");

    /** Tomcat counts a form's size in an int: a JSON limit above it could not be told to Tomcat. */
    @AssertTrue(message = "ledger.limits.json-body-bytes must be in [1B, 2GB)")
    public boolean isJsonBodyBytesWithinBounds() {
        return jsonBodyBytes == null || jsonBodyBytes.toBytes() > 0 && jsonBodyBytes.toBytes() < Integer.MAX_VALUE;
    }

    @AssertTrue(message = "ledger.limits.import-body-bytes must be positive")
    public boolean isImportBodyBytesPositive() {
        return importBodyBytes == null || importBodyBytes.toBytes() > 0;
    }

    public enum Kind {
        JSON("a JSON body", "ledger.limits.json-body-bytes"),
        IMPORT("an import", "ledger.limits.import-body-bytes");

        private final String description;
        private final String setting;

        Kind(String description, String setting) {
            this.description = description;
            this.setting = setting;
        }

        String description() {
            return description;
        }

        String setting() {
            return setting;
        }
    }

    Kind kindOf(String path) {
        return IMPORT_PATHS.contains(path) ? Kind.IMPORT : Kind.JSON;
    }

    long bytesOf(Kind kind) {
        return switch (kind) {
            case JSON -> jsonBodyBytes.toBytes();
            case IMPORT -> importBodyBytes.toBytes();
        };
    }
}
