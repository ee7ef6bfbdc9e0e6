package io.ssokit.sandbox;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TotpTest {
    /** RFC 6238 appendix B: the SHA-1 seed is the ASCII string "12345678901234567890". */
    static final byte[] RFC_KEY = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);
    static final String RFC_KEY_BASE32 = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

    @Test
    void rfc6238Vectors() {
        assertEquals("94287082", Totp.code(RFC_KEY, 59 / 30, 8));
        assertEquals("07081804", Totp.code(RFC_KEY, 1111111109L / 30, 8));
        assertEquals("14050471", Totp.code(RFC_KEY, 1111111111L / 30, 8));
        assertEquals("89005924", Totp.code(RFC_KEY, 1234567890L / 30, 8));
        assertEquals("69279037", Totp.code(RFC_KEY, 2000000000L / 30, 8));
        assertEquals("287082", Totp.code(RFC_KEY_BASE32, Instant.ofEpochSecond(59)));
    }

    @Test
    void base32() {
        assertArrayEquals(RFC_KEY, Totp.base32Decode(RFC_KEY_BASE32));
        assertArrayEquals(RFC_KEY, Totp.base32Decode("gezd gnbv gy3t qojq gezd gnbv gy3t qojq===="));
        assertArrayEquals("foobar".getBytes(StandardCharsets.US_ASCII), Totp.base32Decode("MZXW6YTBOI======"));
        assertThrows(IllegalArgumentException.class, () -> Totp.base32Decode("ABC1"));
    }

    @Test
    void acceptsOneStepOfDriftOnly() {
        Instant now = Instant.ofEpochSecond(1_700_000_000L);
        String current = Totp.code(RFC_KEY_BASE32, now);
        assertTrue(Totp.verify(RFC_KEY_BASE32, current, now));
        assertTrue(Totp.verify(RFC_KEY_BASE32, Totp.code(RFC_KEY_BASE32, now.minusSeconds(30)), now));
        assertTrue(Totp.verify(RFC_KEY_BASE32, Totp.code(RFC_KEY_BASE32, now.plusSeconds(30)), now));
        assertFalse(Totp.verify(RFC_KEY_BASE32, Totp.code(RFC_KEY_BASE32, now.minusSeconds(90)), now));
        assertFalse(Totp.verify(RFC_KEY_BASE32, "12345", now));
        assertFalse(Totp.verify(RFC_KEY_BASE32, null, now));
    }
}
