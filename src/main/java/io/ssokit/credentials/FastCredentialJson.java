package io.ssokit.credentials;

import io.ssokit.json.Timestamps;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * The two JSON texts of a credential-process cache hit, without jackson: reading a role-cache
 * entry and writing the credential_process line. Initialising jackson-core's factory, parser and
 * generator measured ~8 ms of a ~20 ms cache hit, which is most of the distance between a JVM
 * hello world and this command.
 *
 * <p>Safe by construction rather than by completeness: the reader accepts a strict subset of JSON
 * (RFC 8259 syntax, well-formed UTF-8, at most 64 KiB and 32 levels deep) and gives up with null on
 * anything else, including any shape {@link CredentialCache} would reject; the caller then runs
 * the full command, which reads the file with jackson and reports problems. Whatever it accepts,
 * it reads exactly as {@link CredentialCache#load} does (the tests compare the two on generated
 * documents). The writer handles plain printable-ASCII values and hands anything else to
 * {@link CredentialProcessOutput#json}.
 */
final class FastCredentialJson {
    private static final int MAX_BYTES = 64 * 1024;
    private static final int MAX_DEPTH = 32;

    private final byte[] b;
    private int i;

    private FastCredentialJson(byte[] bytes) {
        this.b = bytes;
    }

    /**
     * The credentials of a cache entry, as {@link CredentialCache#load} would return them, or null
     * when this reader does not handle the document (which includes every document that is not a
     * valid entry).
     */
    static Credentials parseCacheEntry(byte[] bytes) {
        if (bytes.length > MAX_BYTES) {
            return null;
        }
        return new FastCredentialJson(bytes).entry();
    }

    /** {@link CredentialProcessOutput#json}, byte for byte. */
    static String processOutput(Credentials c) {
        if (!plain(c.accessKeyId()) || !plain(c.secretAccessKey())
                || (c.sessionToken() != null && !plain(c.sessionToken()))) {
            return CredentialProcessOutput.json(c);
        }
        StringBuilder s = new StringBuilder(96 + c.accessKeyId().length() + c.secretAccessKey().length()
                + (c.sessionToken() == null ? 0 : c.sessionToken().length()));
        s.append("{\"Version\":1,\"AccessKeyId\":\"").append(c.accessKeyId())
                .append("\",\"SecretAccessKey\":\"").append(c.secretAccessKey()).append('"');
        if (c.sessionToken() != null) {
            s.append(",\"SessionToken\":\"").append(c.sessionToken()).append('"');
        }
        if (c.expiration() != null) {
            s.append(",\"Expiration\":\"").append(Timestamps.format(c.expiration())).append('"');
        }
        return s.append('}').toString();
    }

    /** Printable ASCII that JSON writes as it is: no quote, no backslash, no control character. */
    private static boolean plain(String v) {
        for (int k = 0; k < v.length(); k++) {
            char ch = v.charAt(k);
            if (ch < 0x20 || ch > 0x7e || ch == '"' || ch == '\\') {
                return false;
            }
        }
        return true;
    }

    /** Thrown inside the reader for "not handled here"; never escapes this class. */
    private static final class Decline extends Exception {
        private static final long serialVersionUID = 1L;

        Decline() {
            super(null, null, false, false);
        }
    }

    private static final Decline DECLINE = new Decline();

    private Credentials entry() {
        try {
            ws();
            expect('{');
            Credentials creds = null;
            ws();
            if (peek() == '}') {
                i++;
            } else {
                while (true) {
                    String name = string();
                    ws();
                    expect(':');
                    ws();
                    if (name.equals("Credentials")) {
                        creds = credentials();
                    } else {
                        skipValue(1);
                    }
                    ws();
                    if (next() == '}') {
                        break;
                    }
                    back(',');
                    ws();
                }
            }
            ws();
            if (i != b.length || creds == null) {
                return null;
            }
            return creds;
        } catch (Decline | RuntimeException e) {
            return null;
        }
    }

    /** The "Credentials" object, as CredentialCache.parseCredentials reads it (last value wins). */
    private Credentials credentials() throws Decline {
        expect('{');
        String accessKeyId = null;
        String secretAccessKey = null;
        String sessionToken = null;
        Instant expiration = null;
        String accountId = null;
        ws();
        if (peek() == '}') {
            i++;
        } else {
            while (true) {
                String name = string();
                ws();
                expect(':');
                ws();
                switch (name) {
                    case "AccessKeyId":
                        accessKeyId = stringOrNull();
                        break;
                    case "SecretAccessKey":
                        secretAccessKey = stringOrNull();
                        break;
                    case "SessionToken":
                        sessionToken = stringOrNull();
                        break;
                    case "Expiration":
                        String text = stringOrNull();
                        // a bad timestamp makes the entry corrupt for CredentialCache
                        expiration = text == null ? null : Timestamps.parse(text);
                        break;
                    case "AccountId":
                        accountId = stringOrNull();
                        break;
                    default:
                        skipValue(2);
                }
                ws();
                if (next() == '}') {
                    break;
                }
                back(',');
                ws();
            }
        }
        if (accessKeyId == null || secretAccessKey == null) {
            throw DECLINE;
        }
        return new Credentials(accessKeyId, secretAccessKey, sessionToken, expiration, accountId);
    }

    /** A string or {@code null}; any other value is a shape CredentialCache rejects. */
    private String stringOrNull() throws Decline {
        if (peek() == 'n') {
            literal("null");
            return null;
        }
        return string();
    }

    private void skipValue(int depth) throws Decline {
        if (depth > MAX_DEPTH) {
            throw DECLINE;
        }
        int c = peek();
        if (c == '"') {
            string();
        } else if (c == '{') {
            i++;
            ws();
            if (peek() == '}') {
                i++;
                return;
            }
            while (true) {
                string();
                ws();
                expect(':');
                ws();
                skipValue(depth + 1);
                ws();
                if (next() == '}') {
                    return;
                }
                back(',');
                ws();
            }
        } else if (c == '[') {
            i++;
            ws();
            if (peek() == ']') {
                i++;
                return;
            }
            while (true) {
                skipValue(depth + 1);
                ws();
                if (next() == ']') {
                    return;
                }
                back(',');
                ws();
            }
        } else if (c == 't') {
            literal("true");
        } else if (c == 'f') {
            literal("false");
        } else if (c == 'n') {
            literal("null");
        } else {
            number();
        }
    }

    /** {@code -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?}, short. */
    private void number() throws Decline {
        int start = i;
        if (peek() == '-') {
            i++;
        }
        if (peek() == '0') {
            i++;
        } else {
            digits();
        }
        if (peek() == '.') {
            i++;
            digits();
        }
        if (peek() == 'e' || peek() == 'E') {
            i++;
            if (peek() == '+' || peek() == '-') {
                i++;
            }
            digits();
        }
        if (i - start > 100) {
            throw DECLINE;
        }
    }

    private void digits() throws Decline {
        int start = i;
        while (peek() >= '0' && peek() <= '9') {
            i++;
        }
        if (i == start) {
            throw DECLINE;
        }
    }

    private void literal(String word) throws Decline {
        for (int k = 0; k < word.length(); k++) {
            if (next() != word.charAt(k)) {
                throw DECLINE;
            }
        }
    }

    private String string() throws Decline {
        expect('"');
        StringBuilder s = null;
        int start = i;
        while (true) {
            int c = next();
            if (c == '"') {
                return s == null ? new String(b, start, i - 1 - start, StandardCharsets.ISO_8859_1) : s.toString();
            }
            if (c < 0x20) {
                throw DECLINE;
            }
            if (c != '\\' && c < 0x80) {
                if (s != null) {
                    s.append((char) c);
                }
                continue;
            }
            if (s == null) {
                s = new StringBuilder(i - start + 16);
                for (int k = start; k < i - 1; k++) {
                    s.append((char) b[k]);
                }
            }
            if (c >= 0x80) {
                utf8(c, s);
                continue;
            }
            int e = next();
            switch (e) {
                case '"':
                case '\\':
                case '/':
                    s.append((char) e);
                    break;
                case 'b':
                    s.append('\b');
                    break;
                case 'f':
                    s.append('\f');
                    break;
                case 'n':
                    s.append('\n');
                    break;
                case 'r':
                    s.append('\r');
                    break;
                case 't':
                    s.append('\t');
                    break;
                case 'u':
                    int v = 0;
                    for (int k = 0; k < 4; k++) {
                        v = (v << 4) | hex(next());
                    }
                    s.append((char) v);
                    break;
                default:
                    throw DECLINE;
            }
        }
    }

    /** One well-formed UTF-8 sequence (RFC 3629: no overlong forms, no surrogates) after its lead byte. */
    private void utf8(int lead, StringBuilder s) throws Decline {
        int cp;
        if (lead >= 0xc2 && lead <= 0xdf) {
            cp = ((lead & 0x1f) << 6) | continuation(0x80, 0xbf);
        } else if (lead >= 0xe0 && lead <= 0xef) {
            int lo = lead == 0xe0 ? 0xa0 : 0x80;
            int hi = lead == 0xed ? 0x9f : 0xbf;
            cp = ((lead & 0x0f) << 12) | (continuation(lo, hi) << 6) | continuation(0x80, 0xbf);
        } else if (lead >= 0xf0 && lead <= 0xf4) {
            int lo = lead == 0xf0 ? 0x90 : 0x80;
            int hi = lead == 0xf4 ? 0x8f : 0xbf;
            cp = ((lead & 0x07) << 18) | (continuation(lo, hi) << 12) | (continuation(0x80, 0xbf) << 6)
                    | continuation(0x80, 0xbf);
        } else {
            throw DECLINE;
        }
        s.appendCodePoint(cp);
    }

    private int continuation(int lo, int hi) throws Decline {
        int c = next();
        if (c < lo || c > hi) {
            throw DECLINE;
        }
        return c & 0x3f;
    }

    private static int hex(int c) throws Decline {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        throw DECLINE;
    }

    private void ws() {
        while (i < b.length && (b[i] == ' ' || b[i] == '\n' || b[i] == '\r' || b[i] == '\t')) {
            i++;
        }
    }

    private int peek() {
        return i < b.length ? b[i] & 0xff : -1;
    }

    private int next() throws Decline {
        if (i >= b.length) {
            throw DECLINE;
        }
        return b[i++] & 0xff;
    }

    private void expect(char c) throws Decline {
        if (next() != c) {
            throw DECLINE;
        }
    }

    /** The separator just read must be {@code c}. */
    private void back(char c) throws Decline {
        if (b[i - 1] != c) {
            throw DECLINE;
        }
    }
}
