package io.ssokit.sandbox;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * RFC 6238 time-based one-time passwords as virtual MFA devices make them: HMAC-SHA1, 30-second
 * steps, six digits, base-32 secrets (RFC 4648). One step either side is accepted, as IAM does,
 * to forgive clock drift between the device and the server.
 */
public final class Totp {
    public static final int STEP_SECONDS = 30;

    private Totp() {
    }

    /** The six-digit code for the secret at the given instant. */
    public static String code(String base32Secret, Instant at) {
        return code(base32Decode(base32Secret), Math.floorDiv(at.getEpochSecond(), STEP_SECONDS), 6);
    }

    /** True when {@code code} is the code of the current step or of one step either side. */
    public static boolean verify(String base32Secret, String code, Instant now) {
        if (code == null || !code.matches("\\d{6}")) {
            return false;
        }
        byte[] key = base32Decode(base32Secret);
        long step = Math.floorDiv(now.getEpochSecond(), STEP_SECONDS);
        boolean ok = false;
        for (long s = step - 1; s <= step + 1; s++) {
            // no early exit: the time taken does not tell which step matched
            ok |= java.security.MessageDigest.isEqual(code(key, s, 6).getBytes(), code.getBytes());
        }
        return ok;
    }

    static String code(byte[] key, long step, int digits) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(key, "HmacSHA1"));
            byte[] h = mac.doFinal(ByteBuffer.allocate(8).putLong(step).array());
            int offset = h[h.length - 1] & 0x0f;
            int binary = ((h[offset] & 0x7f) << 24) | ((h[offset + 1] & 0xff) << 16)
                    | ((h[offset + 2] & 0xff) << 8) | (h[offset + 3] & 0xff);
            int mod = (int) Math.pow(10, digits);
            return String.format(Locale.ROOT, "%0" + digits + "d", binary % mod);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is missing from this JVM", e);
        }
    }

    /** Decodes RFC 4648 base 32, ignoring case, spaces and padding; rejects other characters. */
    public static byte[] base32Decode(String s) {
        String clean = s.replace(" ", "").replace("=", "").toUpperCase(Locale.ROOT);
        if (clean.isEmpty()) {
            throw new IllegalArgumentException("empty base32 secret");
        }
        ByteBuffer out = ByteBuffer.allocate(clean.length() * 5 / 8);
        int buffer = 0;
        int bits = 0;
        for (char c : clean.toCharArray()) {
            int v;
            if (c >= 'A' && c <= 'Z') {
                v = c - 'A';
            } else if (c >= '2' && c <= '7') {
                v = c - '2' + 26;
            } else {
                throw new IllegalArgumentException("not a base32 character: '" + c + "'");
            }
            buffer = (buffer << 5) | v;
            bits += 5;
            if (bits >= 8) {
                out.put((byte) (buffer >> (bits - 8)));
                bits -= 8;
            }
        }
        byte[] b = new byte[out.position()];
        out.flip();
        out.get(b);
        return b;
    }
}
