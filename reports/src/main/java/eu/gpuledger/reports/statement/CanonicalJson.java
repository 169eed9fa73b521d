package eu.gpuledger.reports.statement;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The canonical form of a statement's content, whose SHA-256 an issued statement carries: JSON with object keys in
 * lexicographic order, no whitespace, UTF-8, and only text, whole numbers, booleans and null as values (money and
 * hours are decimal text, so no floating-point number has to be canonicalised). That is the JSON Canonicalization
 * Scheme (RFC 8785) for such values, so anyone can check a hash with any JCS implementation, and it does not depend
 * on how a JSON library is configured: a hash written today must be the hash computed in ten years.
 */
public final class CanonicalJson {

    /** How deep a document nests at most: a bound on the recursion. */
    private static final int DEPTH_MAX = 16;

    private CanonicalJson() {
    }

    public static byte[] bytes(Object value) {
        StringBuilder json = new StringBuilder();
        write(json, value, 0);
        return json.toString().getBytes(StandardCharsets.UTF_8);
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException missing) {
            throw new IllegalStateException("every Java runtime has SHA-256", missing);
        }
    }

    private static void write(StringBuilder json, Object value, int depth) {
        if (depth > DEPTH_MAX) {
            throw new IllegalArgumentException("a statement nests at most " + DEPTH_MAX + " levels");
        }
        switch (value) {
            case null -> json.append("null");
            case String text -> string(json, text);
            case Long number -> json.append(number.longValue());
            case Integer number -> json.append(number.intValue());
            case Boolean flag -> json.append(flag.booleanValue());
            case Map<?, ?> object -> {
                json.append('{');
                boolean first = true;
                for (Map.Entry<String, Object> field : sorted(object).entrySet()) {
                    if (!first) {
                        json.append(',');
                    }
                    first = false;
                    string(json, field.getKey());
                    json.append(':');
                    write(json, field.getValue(), depth + 1);
                }
                json.append('}');
            }
            case List<?> array -> {
                json.append('[');
                for (int index = 0; index < array.size(); index++) {
                    if (index > 0) {
                        json.append(',');
                    }
                    write(json, array.get(index), depth + 1);
                }
                json.append(']');
            }
            default -> throw new IllegalArgumentException("no canonical form for a " + value.getClass().getName()
                    + ": write decimals as text");
        }
    }

    /** Keys compared as UTF-16 code units, as RFC 8785 says (String.compareTo does exactly that). */
    private static TreeMap<String, Object> sorted(Map<?, ?> object) {
        TreeMap<String, Object> sorted = new TreeMap<>();
        object.forEach((key, value) -> sorted.put((String) key, value));
        return sorted;
    }

    private static void string(StringBuilder json, String text) {
        json.append('"');
        for (int index = 0; index < text.length(); index++) {
            char character = text.charAt(index);
            switch (character) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\b' -> json.append("\\b");
                case '\f' -> json.append("\\f");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    if (character < 0x20) {
                        json.append(String.format("\\u%04x", (int) character));
                    } else {
                        json.append(character);
                    }
                }
            }
        }
        json.append('"');
    }

    /** For tests and documents: the canonical text. */
    public static String text(Object value) {
        return new String(bytes(value), StandardCharsets.UTF_8);
    }

}
