package io.ssokit.json;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Sha1Test {

    @Test
    void fipsVectors() {
        assertEquals("da39a3ee5e6b4b0d3255bfef95601890afd80709", Sha1.hex(""));
        assertEquals("a9993e364706816aba3e25717850c26c9cd0d89d", Sha1.hex("abc"));
        assertEquals("84983e441c3bd26ebaae4aa1f95129e5e54670f1",
                Sha1.hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"));
        assertEquals("34aa973cd4c4daa4f61eeb2bdbad27316534016f", Sha1.hex("a".repeat(1_000_000)));
    }

    @Test
    void theAwsCliTokenCacheVector() {
        // aws-sso-util reference, section 5.1
        assertEquals("e8be5486177c5b5392bd9aa76563515b29358e6e",
                Sha1.hex("https://example.awsapps.com/start"));
    }

    @Test
    void agreesWithMessageDigestAroundEveryPaddingBoundary() throws Exception {
        Random random = new Random(42);
        MessageDigest md = MessageDigest.getInstance("SHA-1");
        for (int len = 0; len < 300; len++) {
            byte[] data = new byte[len];
            random.nextBytes(data);
            assertEquals(HexFormat.of().formatHex(md.digest(data)), Sha1.hex(data), "length " + len);
        }
    }

    @Test
    void hashesUtf8() throws Exception {
        String s = "sessi\u00f3n-\uD83D\uDE00";
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(utf8)),
                Sha1.hex(s));
    }
}
