package eu.gpuledger.server.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import java.util.Set;

/**
 * How large a whole request body may be, by kind of endpoint: a JSON write is a few hundred bytes, so its limit is
 * small; an import streams a month of a cluster's accounting, so its limit is large. {@link RequestBodyLimitFilter}
 * enforces both; docs/errors-and-limits.md says why these values.
 */
@ConfigurationProperties("ledger.limits")
public record RequestBodyLimits(@DefaultValue("64KB") DataSize jsonBodyBytes,
                                @DefaultValue("512MB") DataSize importBodyBytes) {

    /** The endpoints that stream their body into the usage store, line by line or record by record. */
    static final Set<String> IMPORT_PATHS = Set.of("/api/v1/usage/sacct", "/api/v1/usage/records",
            "/api/v1/usage/billed");

    public RequestBodyLimits {
        if (jsonBodyBytes.toBytes() <= 0 || importBodyBytes.toBytes() <= 0) {
            throw new IllegalArgumentException("ledger.limits.json-body-bytes and ledger.limits.import-body-bytes"
                    + " must be positive, got " + jsonBodyBytes + " and " + importBodyBytes);
        }
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
