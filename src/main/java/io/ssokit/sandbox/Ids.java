package io.ssokit.sandbox;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Identifiers and secrets the sandbox hands out, shaped like AWS's so that clients which check
 * formats (an {@code ASIA} prefix, a 40-character secret) accept them. Secrets come from
 * {@link SecureRandom}: the sandbox may run on a shared machine. Identifiers that AWS keeps
 * stable (role ids, the permission-set suffix of SSO role names) are derived from a hash of
 * their owner, so that they stay the same across restarts.
 */
final class Ids {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();
    /** Device user codes avoid vowels (no accidental words) and look-alikes such as 0/O, 1/I. */
    private static final char[] USER_CODE = "BCDFGHJKLMNPQRSTVWXZ".toCharArray();
    private static final char[] SECRET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".toCharArray();

    private Ids() {
    }

    /** A temporary access key id: {@code ASIA} and 16 base-32 characters, as STS issues. */
    static String temporaryAccessKeyId() {
        return "ASIA" + random(BASE32, 16);
    }

    static String secretAccessKey() {
        return random(SECRET, 40);
    }

    static String sessionToken() {
        return opaque("", 192).replace('-', '+').replace('_', '/');
    }

    /** A role id ({@code AROA} + 17 base-32 characters) that is stable for the role's ARN. */
    static String roleId(String roleArn) {
        byte[] h = sha256(roleArn);
        StringBuilder sb = new StringBuilder("AROA");
        for (int i = 0; i < 17; i++) {
            sb.append(BASE32[(h[i] & 0xff) % 32]);
        }
        return sb.toString();
    }

    /** Sixteen lowercase hex digits, stable for the seed (the suffix of AWSReservedSSO_ roles). */
    static String hex16(String seed) {
        return HexFormat.of().formatHex(sha256(seed), 0, 8);
    }

    /** {@code ABCD-EFGH}: eight letters a person can read out and type. */
    static String userCode() {
        return random(USER_CODE, 4) + "-" + random(USER_CODE, 4);
    }

    /** A URL-safe random string of {@code bytes} random bytes after a readable prefix. */
    static String opaque(String prefix, int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    static String requestId() {
        return java.util.UUID.randomUUID().toString();
    }

    private static String random(char[] alphabet, int n) {
        char[] c = new char[n];
        for (int i = 0; i < n; i++) {
            c[i] = alphabet[RANDOM.nextInt(alphabet.length)];
        }
        return new String(c);
    }

    static byte[] sha256(String s) {
        return sha256(s.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] sha256(byte[] b) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(b);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
