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
        return "AROA" + stable(BASE32, roleArn, 17);
    }

    /** An IAM user's id ({@code AIDA} + 17 base-32 characters), stable for the user's ARN. */
    static String userId(String userArn) {
        return "AIDA" + stable(BASE32, userArn, 17);
    }

    /** A long-term access key id ({@code AKIA} + 16 base-32 characters), stable for the seed. */
    static String longTermAccessKeyId(String seed) {
        return "AKIA" + stable(BASE32, "access-key-id/" + seed, 16);
    }

    /**
     * A 40-character secret key stable for the seed: an org file's IAM user without a configured
     * secret keeps the same keys across restarts, so profiles written once keep working. Anyone
     * who reads the org file can derive it; the sandbox is a test bed, not a vault.
     */
    static String derivedSecretAccessKey(String seed) {
        return stable(SECRET, "secret-access-key/" + seed, 40);
    }

    private static String stable(char[] alphabet, String seed, int n) {
        byte[] h = sha256(seed);
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            // 32 hash bytes; a 40-character secret reuses them with a different mix
            sb.append(alphabet[((h[i % h.length] & 0xff) + i / h.length * 7) % alphabet.length]);
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
