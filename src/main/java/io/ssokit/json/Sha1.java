package io.ssokit.json;

import java.nio.charset.StandardCharsets;

/**
 * SHA-1 (FIPS 180-4) as lowercase hex, the hash that names the AWS CLI's cache files.
 *
 * <p>Hand-written on purpose: {@code MessageDigest.getInstance("SHA-1")} initialises the JCA
 * provider framework, which measured ~35 ms of class loading on JDK 17, and the cache lookup is
 * on the credential-process hot path. The hash only derives file names shared with the AWS CLI;
 * it protects nothing, so a tiny local implementation carries no security risk. The tests check
 * it against {@code MessageDigest} and against the CLI's own vectors.
 */
public final class Sha1 {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Sha1() {
    }

    /** The hex SHA-1 of the UTF-8 bytes of {@code text}, as Python's {@code sha1(s.encode('utf-8'))}. */
    public static String hex(String text) {
        return hex(text.getBytes(StandardCharsets.UTF_8));
    }

    public static String hex(byte[] data) {
        byte[] digest = digest(data);
        char[] out = new char[40];
        for (int i = 0; i < 20; i++) {
            out[2 * i] = HEX[(digest[i] >> 4) & 0xf];
            out[2 * i + 1] = HEX[digest[i] & 0xf];
        }
        return new String(out);
    }

    public static byte[] digest(byte[] data) {
        int h0 = 0x67452301;
        int h1 = 0xEFCDAB89;
        int h2 = 0x98BADCFE;
        int h3 = 0x10325476;
        int h4 = 0xC3D2E1F0;

        // message + 0x80 + zero padding + 64-bit big-endian bit length, to a multiple of 64 bytes
        long bitLength = (long) data.length * 8;
        int padded = ((data.length + 8) / 64 + 1) * 64;
        byte[] msg = new byte[padded];
        System.arraycopy(data, 0, msg, 0, data.length);
        msg[data.length] = (byte) 0x80;
        for (int i = 0; i < 8; i++) {
            msg[padded - 1 - i] = (byte) (bitLength >>> (8 * i));
        }

        int[] w = new int[80];
        for (int block = 0; block < padded; block += 64) {
            for (int t = 0; t < 16; t++) {
                int o = block + 4 * t;
                w[t] = (msg[o] & 0xff) << 24 | (msg[o + 1] & 0xff) << 16
                        | (msg[o + 2] & 0xff) << 8 | (msg[o + 3] & 0xff);
            }
            for (int t = 16; t < 80; t++) {
                w[t] = Integer.rotateLeft(w[t - 3] ^ w[t - 8] ^ w[t - 14] ^ w[t - 16], 1);
            }
            int a = h0;
            int b = h1;
            int c = h2;
            int d = h3;
            int e = h4;
            for (int t = 0; t < 80; t++) {
                int f;
                int k;
                if (t < 20) {
                    f = (b & c) | (~b & d);
                    k = 0x5A827999;
                } else if (t < 40) {
                    f = b ^ c ^ d;
                    k = 0x6ED9EBA1;
                } else if (t < 60) {
                    f = (b & c) | (b & d) | (c & d);
                    k = 0x8F1BBCDC;
                } else {
                    f = b ^ c ^ d;
                    k = 0xCA62C1D6;
                }
                int temp = Integer.rotateLeft(a, 5) + f + e + k + w[t];
                e = d;
                d = c;
                c = Integer.rotateLeft(b, 30);
                b = a;
                a = temp;
            }
            h0 += a;
            h1 += b;
            h2 += c;
            h3 += d;
            h4 += e;
        }

        byte[] out = new byte[20];
        int[] h = {h0, h1, h2, h3, h4};
        for (int i = 0; i < 5; i++) {
            out[4 * i] = (byte) (h[i] >>> 24);
            out[4 * i + 1] = (byte) (h[i] >>> 16);
            out[4 * i + 2] = (byte) (h[i] >>> 8);
            out[4 * i + 3] = (byte) h[i];
        }
        return out;
    }
}
