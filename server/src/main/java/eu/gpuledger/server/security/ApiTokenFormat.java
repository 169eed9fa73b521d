package eu.gpuledger.server.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.zip.CRC32;

/**
 * The text of an API token: {@code gpl_} + 32 random base62 characters + 6 base62 characters of the CRC32 of the
 * random part, as GitHub's tokens are made. The prefix lets a secret scanner recognise a ledger token in a leaked
 * file, the checksum lets it (and the ledger, before any database lookup) tell a real token from a look-alike or a
 * mistyped one. The random part carries 32 × log2(62) ≈ 190 bits, which is why a plain SHA-256 is enough to store
 * it (docs/security.md).
 */
public final class ApiTokenFormat {

    public static final String PREFIX = "gpl_";
    static final int RANDOM_CHARS = 32;
    static final int CHECKSUM_CHARS = 6;
    public static final int TOKEN_CHARS = PREFIX.length() + RANDOM_CHARS + CHECKSUM_CHARS;
    /** The public id of a token (metadata {@code token:<id>}, lists, revocation): random too, never the secret. */
    static final int ID_CHARS = 12;

    private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiTokenFormat() {
    }

    /** A new token's text. */
    public static String newToken() {
        String random = randomBase62(RANDOM_CHARS);
        return PREFIX + random + checksum(random);
    }

    /** A new token id. */
    static String newId() {
        return randomBase62(ID_CHARS);
    }

    /** Whether {@code text} looks like an API token at all (its prefix): else it may be a person's JWT. */
    public static boolean hasPrefix(String text) {
        return text.startsWith(PREFIX);
    }

    /** Whether {@code text} is a well-formed token whose checksum matches its random part. */
    public static boolean wellFormed(String text) {
        if (text.length() != TOKEN_CHARS || !hasPrefix(text)) {
            return false;
        }
        for (int i = PREFIX.length(); i < TOKEN_CHARS; i++) {
            if (BASE62.indexOf(text.charAt(i)) < 0) {
                return false;
            }
        }
        String random = text.substring(PREFIX.length(), PREFIX.length() + RANDOM_CHARS);
        return MessageDigest.isEqual(checksum(random).getBytes(StandardCharsets.US_ASCII),
                text.substring(PREFIX.length() + RANDOM_CHARS).getBytes(StandardCharsets.US_ASCII));
    }

    /** What is stored of a token: the SHA-256 of its whole text, in hexadecimal. */
    public static String sha256(String token) {
        try {
            return java.util.HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException missing) {
            throw new IllegalStateException("every Java platform has SHA-256", missing);
        }
    }

    static String checksum(String random) {
        CRC32 crc = new CRC32();
        crc.update(random.getBytes(StandardCharsets.US_ASCII));
        return base62(crc.getValue(), CHECKSUM_CHARS);
    }

    /** {@code value} in base62, left-padded with zeros to {@code width} (62^6 > 2^32, so a CRC32 always fits in 6). */
    private static String base62(long value, int width) {
        char[] digits = new char[width];
        long rest = value;
        for (int i = width - 1; i >= 0; i--) {
            digits[i] = BASE62.charAt((int) (rest % 62));
            rest /= 62;
        }
        return new String(digits);
    }

    private static String randomBase62(int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(BASE62.charAt(RANDOM.nextInt(62)));
        }
        return text.toString();
    }
}
