package eu.gpuledger.server.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.PropertyBindingException;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

import static eu.gpuledger.server.web.ProblemHandling.INVALID_INPUT;
import static eu.gpuledger.server.web.ProblemHandling.MALFORMED_BODY;
import static eu.gpuledger.server.web.ProblemHandling.UNKNOWN_FIELD;
import static eu.gpuledger.server.web.ProblemHandling.WRONG_TYPE;
import static eu.gpuledger.server.web.ProblemHandling.problem;

/**
 * A JSON body that Jackson refused ({@link StrictJson}), told as the client wrote it: the field's path in the body
 * ({@code gpuSeconds}, {@code pools[2].gpusPerNode}), what it should hold and what it held, or the line and column
 * where the text stops being JSON. Jackson's own message is not passed on: it names Java classes and features.
 */
final class JsonProblems {

    private static final int SHOWN_VALUE_CHARACTERS_MAX = 40;

    private JsonProblems() {
    }

    static ProblemDetail of(HttpMessageNotReadableException unreadable) {
        Throwable cause = unreadable.getCause();
        if (cause == null) {
            return problem(HttpStatus.BAD_REQUEST, MALFORMED_BODY, "a JSON request body is required");
        }
        Throwable root = unreadable.getMostSpecificCause();
        if (root instanceof IllegalArgumentException invalid) {
            return problem(HttpStatus.BAD_REQUEST, INVALID_INPUT, invalid.getMessage());
        }
        return switch (cause) {
            case PropertyBindingException unknown -> problem(HttpStatus.BAD_REQUEST, UNKNOWN_FIELD,
                    pathOf(unknown) + " is not a field of this request; its fields are "
                            + known(unknown.getKnownPropertyIds()));
            case InputCoercionException outOfRange -> problem(HttpStatus.BAD_REQUEST, WRONG_TYPE,
                    pathOf(outOfRange) + ": expected " + expected(outOfRange.getTargetType()) + ", got a number out"
                            + " of its range");
            case MismatchedInputException mismatch when isTrailingToken(mismatch) -> problem(HttpStatus.BAD_REQUEST,
                    MALFORMED_BODY, "there is more text after the end of the JSON body, " + at(mismatch.getLocation()));
            case MismatchedInputException mismatch -> problem(HttpStatus.BAD_REQUEST, WRONG_TYPE,
                    pathOf(mismatch) + ": expected " + expected(mismatch.getTargetType()) + ", got " + got(mismatch));
            case StreamReadException malformed -> problem(HttpStatus.BAD_REQUEST, MALFORMED_BODY,
                    "the body is not valid JSON " + at(malformed.getLocation()) + ": " + firstLine(malformed));
            case JacksonException other -> problem(HttpStatus.BAD_REQUEST, MALFORMED_BODY,
                    "the body cannot be read " + at(other.getLocation()) + ": " + firstLine(other));
            default -> problem(HttpStatus.BAD_REQUEST, MALFORMED_BODY, "the body cannot be read as JSON");
        };
    }

    /** What a value of {@code type} is, in the client's words. */
    static String expected(Class<?> type) {
        if (type == null) {
            return "another value";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class
                || type == Short.class || type == short.class || type == BigInteger.class) {
            return "a whole number";
        }
        if (type == BigDecimal.class || type == Double.class || type == double.class || Number.class.isAssignableFrom(type)) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class || CharSequence.class.isAssignableFrom(type)) {
            return "text";
        }
        if (type.isEnum()) {
            return "one of " + java.util.Arrays.toString(type.getEnumConstants());
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "a list";
        }
        if (type.isRecord() || Map.class.isAssignableFrom(type)) {
            return "an object";
        }
        return "a value of another kind";
    }

    /** {@code gpuSeconds}, {@code items[2].gpus}, or "the body" for the whole of it. */
    private static String pathOf(JacksonException refusal) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : refusal.getPath()) {
            if (reference.getPropertyName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "the body" : path.toString();
    }

    private static String got(MismatchedInputException mismatch) {
        if (mismatch instanceof InvalidFormatException invalid && invalid.getValue() != null) {
            return invalid.getValue() instanceof String text ? "the text \"" + shown(text) + "\"" : shown(invalid.getValue());
        }
        JsonToken token = mismatch.getCurrentToken();
        if (token == null) {
            return "something else";
        }
        return switch (token) {
            case START_OBJECT, END_OBJECT, PROPERTY_NAME -> "an object";
            case START_ARRAY, END_ARRAY -> "a list";
            case VALUE_STRING -> "text";
            case VALUE_NUMBER_INT -> "a whole number";
            case VALUE_NUMBER_FLOAT -> "a number with a fraction";
            case VALUE_TRUE -> "true";
            case VALUE_FALSE -> "false";
            case VALUE_NULL -> "null";
            default -> "something else";
        };
    }

    private static boolean isTrailingToken(MismatchedInputException mismatch) {
        return Objects.requireNonNullElse(mismatch.getOriginalMessage(), "").startsWith("Trailing token");
    }

    private static String at(TokenStreamLocation location) {
        if (location == null || location.getLineNr() < 0) {
            return "at an unknown place";
        }
        return "at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    /** Jackson's account of where the text broke, without the excerpt of the source it appends. */
    private static String firstLine(JacksonException refusal) {
        String message = Objects.requireNonNullElse(refusal.getOriginalMessage(), "unreadable");
        int end = message.indexOf('\n');
        String line = end < 0 ? message : message.substring(0, end);
        int source = line.indexOf(" (start marker");
        return source < 0 ? line : line.substring(0, source);
    }

    private static String known(Collection<Object> fields) {
        if (fields == null || fields.isEmpty()) {
            return "none";
        }
        return fields.stream().map(String::valueOf).sorted().collect(Collectors.joining(", "));
    }

    private static String shown(Object value) {
        String text = String.valueOf(value);
        return text.length() <= SHOWN_VALUE_CHARACTERS_MAX ? text : text.substring(0, SHOWN_VALUE_CHARACTERS_MAX) + "…";
    }
}
