package eu.gpuledger.ledger.metadata;

import org.axonframework.messaging.MetaData;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The metadata every command carries and every event inherits (through a correlation data provider): who asked,
 * from where, why, and when it takes effect. Axon adds the recorded time (the event's timestamp) and the
 * correlation and trace ids.
 */
public final class LedgerMetadata {

    public static final String PRINCIPAL = "principal";
    public static final String SOURCE = "source";
    public static final String SOURCE_DETAIL = "sourceDetail";
    public static final String REASON = "reason";
    public static final String EFFECTIVE_TIME = "effectiveTime";

    /** Keys copied from a command to the events it causes. */
    public static final String[] PROPAGATED_KEYS = {PRINCIPAL, SOURCE, SOURCE_DETAIL, REASON, EFFECTIVE_TIME};

    private LedgerMetadata() {
    }

    /** Where a write came from. */
    public enum Source {
        HTTP,
        IMPORT,
        SCHEDULER,
        CLI,
        SYSTEM
    }

    public static Builder by(String principal, Source source) {
        return new Builder(principal, source);
    }

    public static final class Builder {
        private final Map<String, Object> values = new HashMap<>();

        private Builder(String principal, Source source) {
            values.put(PRINCIPAL, principal);
            values.put(SOURCE, source.name());
        }

        public Builder detail(String sourceDetail) {
            if (sourceDetail != null) {
                values.put(SOURCE_DETAIL, sourceDetail);
            }
            return this;
        }

        public Builder reason(String reason) {
            if (reason != null) {
                values.put(REASON, reason);
            }
            return this;
        }

        public Builder effectiveAt(Instant effectiveTime) {
            if (effectiveTime != null) {
                values.put(EFFECTIVE_TIME, effectiveTime.toString());
            }
            return this;
        }

        public MetaData build() {
            return MetaData.from(values);
        }
    }
}
