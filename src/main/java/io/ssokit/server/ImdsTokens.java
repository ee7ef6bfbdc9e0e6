package io.ssokit.server;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * IMDSv2 session tokens that carry their own expiry: eight bytes of expiry time and a truncated
 * HMAC of them under a key made at start-up. The server keeps no table of tokens, yet a token
 * stops working when its TTL is over (aws-export-credentials hands out one token that never
 * expires) and a forged or altered one never works.
 */
final class ImdsTokens {
    private static final int MAC_BYTES = 24;

    private final SecretKeySpec key;
    private final Clock clock;

    ImdsTokens(Clock clock) {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.key = new SecretKeySpec(secret, "HmacSHA256");
        this.clock = clock;
    }

    /** A token valid for {@code ttlSeconds} from now. */
    String issue(long ttlSeconds) {
        byte[] expiry = ByteBuffer.allocate(8).putLong(clock.instant().getEpochSecond() + ttlSeconds).array();
        byte[] token = ByteBuffer.allocate(8 + MAC_BYTES).put(expiry).put(mac(expiry)).array();
        return encode(token);
    }

    private static String encode(byte[] token) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(token);
    }

    /** True for a token this server issued whose TTL has not run out. */
    boolean valid(String token) {
        if (token == null || token.length() > 64) {
            return false;
        }
        byte[] raw;
        try {
            raw = Base64.getUrlDecoder().decode(token);
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (raw.length != 8 + MAC_BYTES || !encode(raw).equals(token)) {
            // the decoder ignores the unused low bits of the last character, so without the
            // re-encoding check four spellings of one token would all be accepted
            return false;
        }
        byte[] expiry = Arrays.copyOf(raw, 8);
        if (!MessageDigest.isEqual(mac(expiry), Arrays.copyOfRange(raw, 8, raw.length))) {
            return false;
        }
        return Instant.ofEpochSecond(ByteBuffer.wrap(expiry).getLong()).isAfter(clock.instant());
    }

    private byte[] mac(byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return Arrays.copyOf(mac.doFinal(data), MAC_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
