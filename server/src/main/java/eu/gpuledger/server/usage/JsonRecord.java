package eu.gpuledger.server.usage;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import eu.gpuledger.ledger.limits.LedgerLimits;

import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * The fields of one JSON usage record (API.md, Usage), read from the parser token by token: no tree, and nothing
 * kept of a field the record does not have. The first problem found (an unknown field, a field given twice, a value
 * of the wrong type, a fraction) is kept, and the record is then rejected with it; the rest of the element is still
 * read, so that the next element starts where it should.
 */
final class JsonRecord {

    static final int RECORD_ID = 0;
    static final int PROVIDER_ID = 1;
    static final int CLUSTER = 2;
    static final int JOB_ID = 3;
    static final int ACCOUNT = 4;
    static final int PARTITION = 5;
    static final int USER = 6;
    static final int START = 7;
    static final int END = 8;
    static final int GPUS = 9;
    static final int ELAPSED_SECONDS = 10;
    private static final String[] NAMES = {"recordId", "providerId", "cluster", "jobId", "account", "partition",
            "user", "start", "end", "gpus", "elapsedSeconds"};
    private static final int FIRST_NUMBER = GPUS;

    private final String[] texts = new String[FIRST_NUMBER];
    private final long[] numbers = new long[NAMES.length - FIRST_NUMBER];
    private final boolean[] given = new boolean[NAMES.length];
    private String problem;

    private JsonRecord() {
    }

    /** Reads the object the parser stands at the start of, up to and including its end. */
    static JsonRecord read(JsonParser parser) throws IOException {
        JsonRecord record = new JsonRecord();
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_OBJECT; token = parser.nextToken()) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            record.take(name, value, parser);
        }
        return record;
    }

    private void take(String name, JsonToken value, JsonParser parser) throws IOException {
        int field = indexOf(name);
        if (field < 0) {
            problemIs("has an unknown field '" + LedgerLimits.shown(name) + "' (fields: " + String.join(", ", NAMES)
                    + ")");
            parser.skipChildren();
            return;
        }
        if (given[field]) {
            problemIs("gives " + name + " twice");
            parser.skipChildren();
            return;
        }
        given[field] = true;
        if (value == JsonToken.VALUE_NULL) {
            given[field] = false; // null is absent
            return;
        }
        if (field < FIRST_NUMBER) {
            if (value != JsonToken.VALUE_STRING) {
                problemIs(name + " must be a string, got " + kind(value));
                parser.skipChildren();
                return;
            }
            texts[field] = parser.getText();
            return;
        }
        if (value == JsonToken.VALUE_NUMBER_FLOAT) {
            problemIs(name + " must be a whole number, got " + LedgerLimits.shown(parser.getText()));
            return;
        }
        if (value != JsonToken.VALUE_NUMBER_INT) {
            problemIs(name + " must be a whole number, got " + kind(value));
            parser.skipChildren();
            return;
        }
        if (parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
            problemIs(name + " is out of range: " + LedgerLimits.shown(parser.getText()));
            return;
        }
        numbers[field - FIRST_NUMBER] = parser.getLongValue();
    }

    private static int indexOf(String name) {
        return switch (name) {
            case "recordId" -> RECORD_ID;
            case "providerId" -> PROVIDER_ID;
            case "cluster" -> CLUSTER;
            case "jobId" -> JOB_ID;
            case "account" -> ACCOUNT;
            case "partition" -> PARTITION;
            case "user" -> USER;
            case "start" -> START;
            case "end" -> END;
            case "gpus" -> GPUS;
            case "elapsedSeconds" -> ELAPSED_SECONDS;
            default -> -1;
        };
    }

    private static String kind(JsonToken token) {
        return switch (token) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            default -> token.name();
        };
    }

    private void problemIs(String found) {
        if (problem == null) {
            problem = found;
        }
    }

    /** Throws the first problem found while reading, if any. */
    void assertReadable() {
        if (problem != null) {
            throw new IllegalArgumentException("the record " + problem);
        }
    }

    /** A text field, or null when absent. */
    String text(int field) {
        return texts[field];
    }

    String required(int field) {
        String value = texts[field];
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(NAMES[field] + " is required");
        }
        return value;
    }

    /** A short label (partition, job id, user): at most {@link LedgerLimits#LABEL_CHARS_MAX} characters. */
    String label(int field, boolean required) {
        String value = required ? required(field) : texts[field];
        if (value != null && value.length() > LedgerLimits.LABEL_CHARS_MAX) {
            throw new IllegalArgumentException(NAMES[field] + " must be at most " + LedgerLimits.LABEL_CHARS_MAX
                    + " characters, got " + value.length());
        }
        return value;
    }

    /** A required whole number in [0, max]. */
    long wholeNumber(int field, long max) {
        if (!given[field]) {
            throw new IllegalArgumentException(NAMES[field] + " is required");
        }
        long value = numbers[field - FIRST_NUMBER];
        if (value < 0 || value > max) {
            throw new IllegalArgumentException(NAMES[field] + " must be in [0, " + max + "], got " + value);
        }
        return value;
    }

    /** An ISO-8601 instant in the ledger's years, or null when absent and not required. */
    Instant instant(int field, boolean required) {
        String value = required ? required(field) : texts[field];
        if (value == null) {
            return null;
        }
        Instant instant;
        try {
            instant = Instant.parse(value);
        } catch (DateTimeParseException unparseable) {
            throw new IllegalArgumentException(NAMES[field] + " must be an ISO-8601 instant in UTC, got '"
                    + LedgerLimits.shown(value) + "'");
        }
        if (!LedgerLimits.withinTime(instant)) {
            throw new IllegalArgumentException(NAMES[field] + " must be in [" + LedgerLimits.INSTANT_MIN + ", "
                    + LedgerLimits.INSTANT_END + "), got " + instant);
        }
        return instant;
    }
}
