package io.ssokit.credentials;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.core.JsonParser;
import io.ssokit.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import org.junit.jupiter.api.Test;

/**
 * The jackson-free reader and writer of the fast path against the jackson-based ones they stand in
 * for: whatever the fast reader accepts, {@link CredentialCache} reads the same; whatever it
 * writes, {@link CredentialProcessOutput} writes the same. Documents are generated in the shapes
 * the AWS CLI, botocore, the Java SDK and ssokit write, then spaced, escaped, extended, duplicated
 * and damaged at random.
 */
class FastCredentialJsonTest {
    /** Characters that stress JSON strings: quotes, backslashes, controls, non-ASCII, surrogates. */
    private static final String ALPHABET = "AZaz09/+=-_.:\"\\\u0000\u0001\b\t\n\f\r\u001f\u007f\u00e9\u2028\ud83d\ude00\ud800";

    /** What jackson makes of the document, or null where it (or the cache's shape rules) refuses. */
    static Credentials viaJackson(byte[] doc) {
        try (JsonParser p = Json.parser(doc)) {
            return CredentialCache.parse(p);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    @Provide
    Arbitrary<byte[]> documents() {
        return Arbitraries.randomValue(FastCredentialJsonTest::document);
    }

    @Property(tries = 3000)
    void whateverTheFastReaderAcceptsJacksonReadsTheSame(@ForAll("documents") byte[] doc) {
        Credentials fast = FastCredentialJson.parseCacheEntry(doc);
        Credentials slow = viaJackson(doc);
        Statistics.label("outcome").collect(fast != null ? "both read it" : slow != null ? "only jackson reads it"
                : "both refuse it");
        if (fast != null) {
            assertNotNull(slow, () -> "accepted what jackson refuses: " + new String(doc, StandardCharsets.UTF_8));
            assertEquals(slow, fast, () -> new String(doc, StandardCharsets.UTF_8));
        }
        // the comparison is only worth something if both outcomes are common, and the fast path is
        // only worth something if it rarely leaves a valid entry to the slow path
        Statistics.label("outcome").coverage(c -> {
            c.check("both read it").percentage(p -> p > 15);
            c.check("both refuse it").percentage(p -> p > 15);
            c.check("only jackson reads it").percentage(p -> p < 5);
        });
    }

    @Provide
    Arbitrary<Credentials> credentials() {
        return Arbitraries.randomValue(r -> new Credentials(
                r.nextInt(3) == 0 ? text(r) : "ASIA" + r.nextInt(1_000_000),
                r.nextInt(3) == 0 ? text(r) : "secret/+=" + r.nextInt(),
                r.nextInt(5) == 0 ? null : r.nextInt(3) == 0 ? text(r) : "token/" + r.nextLong(),
                r.nextInt(5) == 0 ? null : Instant.ofEpochSecond(r.nextInt(Integer.MAX_VALUE), r.nextInt(1_000_000_000)),
                null));
    }

    @Property(tries = 2000)
    void theFastWriterWritesWhatJacksonWrites(@ForAll("credentials") Credentials c) {
        assertEquals(CredentialProcessOutput.json(c), FastCredentialJson.processOutput(c));
    }

    @Test
    void declinesWhatItDoesNotHandleRatherThanGuess() {
        String good = "{\"Credentials\":{\"AccessKeyId\":\"A\",\"SecretAccessKey\":\"S\",\"SessionToken\":\"T\","
                + "\"Expiration\":\"2030-01-01T00:00:00Z\"}}";
        assertEquals(new Credentials("A", "S", "T", Instant.parse("2030-01-01T00:00:00Z"), null), parse(good));
        assertNull(parse("\ufeff" + good), "BOM");
        assertNull(parse(good + "x"), "trailing content");
        assertNull(parse(good.replace("}}", "}")), "unterminated");
        assertNull(parse(good.replace("\"T\"", "01")), "a number for a string");
        assertNull(parse(good.replace("}}", "},\"x\":01}")), "leading zero");
        assertNull(parse(good.replace("}}", "},\"x\":" + "[".repeat(40) + "]".repeat(40) + "}")), "deep nesting");
        assertEquals("\u00c4\u20ac\ud83d\ude00", parse(good.replace("\"A\"", "\"\u00c4\u20ac\ud83d\ude00\"")).accessKeyId(),
                "raw UTF-8");
        assertNull(FastCredentialJson.parseCacheEntry(bytes(good, "\"A\"", 0x22, 0xc0, 0x80, 0x22)), "overlong");
        assertNull(FastCredentialJson.parseCacheEntry(bytes(good, "\"A\"", 0x22, 0xed, 0xa0, 0x80, 0x22)), "surrogate");
        assertNull(FastCredentialJson.parseCacheEntry(bytes(good, "\"A\"", 0x22, 0xe2, 0x82, 0x22)), "truncated");
        assertNull(FastCredentialJson.parseCacheEntry(bytes(good, "\"A\"", 0x22, 0xf4, 0x90, 0x80, 0x80, 0x22)),
                "beyond U+10FFFF");
        assertNull(parse(good.replace("\"A\"", "\"\\x\"")), "bad escape");
        assertNull(parse(good.replace("2030-01-01T00:00:00Z", "soon")), "bad timestamp");
        assertNull(parse(good.replace("\"AccessKeyId\":\"A\",", "")), "no access key id");
        assertNull(parse("{\"Credentials\":[]}"), "credentials not an object");
        assertNull(parse("{}"), "no credentials");
        assertNull(parse("[]"), "not an object");
        assertNull(parse(""), "empty");
        assertNull(FastCredentialJson.parseCacheEntry(new byte[70_000]), "too large to be an entry");
        assertEquals(new Credentials("A2", "S", null, null, "1"), parse(
                " {\"Credentials\":{\"AccessKeyId\":\"A\",\"AccessKeyId\":\"A2\",\"SecretAccessKey\":\"S\","
                        + "\"SessionToken\":null,\"AccountId\":\"1\"},\"Other\":{\"Credentials\":5}} \r\n"),
                "last value wins, nested names are not fields");
    }

    /** The document with {@code target} replaced by raw bytes. */
    private static byte[] bytes(String doc, String target, int... raw) {
        byte[] head = doc.substring(0, doc.indexOf(target)).getBytes(StandardCharsets.UTF_8);
        byte[] tail = doc.substring(doc.indexOf(target) + target.length()).getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[head.length + raw.length + tail.length];
        System.arraycopy(head, 0, out, 0, head.length);
        for (int k = 0; k < raw.length; k++) {
            out[head.length + k] = (byte) raw[k];
        }
        System.arraycopy(tail, 0, out, head.length + raw.length, tail.length);
        return out;
    }

    private static Credentials parse(String s) {
        return FastCredentialJson.parseCacheEntry(s.getBytes(StandardCharsets.UTF_8));
    }

    // --- the document generator ---------------------------------------------------------------

    static byte[] document(Random r) {
        List<String> top = new ArrayList<>();
        int credentialsCount = r.nextInt(10) == 0 ? 0 : r.nextInt(12) == 0 ? 2 : 1;
        for (int k = 0; k < credentialsCount; k++) {
            top.add(member(r, "Credentials", r.nextInt(15) == 0 ? value(r, 0) : credentialsObject(r)));
        }
        if (r.nextBoolean()) {
            top.add(member(r, "ProviderType", string(r, "sso")));
        }
        for (int k = r.nextInt(3); k > 0; k--) {
            top.add(member(r, r.nextBoolean() ? "AssumedRoleUser" : text(r), value(r, 0)));
        }
        Collections.shuffle(top, r);
        String doc = ws(r) + object(r, top) + ws(r);
        if (r.nextInt(5) == 0) {
            doc = damage(r, doc);
        }
        return doc.getBytes(StandardCharsets.UTF_8);
    }

    private static String credentialsObject(Random r) {
        List<String> fields = new ArrayList<>();
        addField(r, fields, "AccessKeyId", 25, "ASIA" + r.nextInt(100_000));
        addField(r, fields, "SecretAccessKey", 25, "sec/ret+" + r.nextInt(1000) + "=");
        addField(r, fields, "SessionToken", 8, "tok/" + Long.toHexString(r.nextLong()) + "==");
        String expiration = switch (r.nextInt(7)) {
            case 0 -> "2031-02-03T04:05:06UTC";
            case 1 -> "2031-02-03T04:05:06.123456+00:00";
            case 2 -> "2031-02-03 04:05:06";
            case 3 -> "not a date";
            default -> "2031-02-03T04:05:06Z";
        };
        addField(r, fields, "Expiration", 8, expiration);
        addField(r, fields, "AccountId", 3, "123456789012");
        for (int k = r.nextInt(3); k > 0; k--) {
            fields.add(member(r, text(r), value(r, 1)));
        }
        Collections.shuffle(fields, r);
        return object(r, fields);
    }

    /** Usually the plain value; sometimes absent, null, another type, odd text, or twice. */
    private static void addField(Random r, List<String> fields, String name, int plainOdds, String plain) {
        int roll = r.nextInt(plainOdds + 6);
        if (roll == 0) {
            return;
        }
        String v = roll == 1 ? "null" : roll == 2 ? value(r, 2) : roll == 3 ? string(r, text(r)) : string(r, plain);
        fields.add(member(r, name, v));
        if (roll == 4) {
            fields.add(member(r, name, string(r, plain + "-again")));
        }
    }

    private static String value(Random r, int depth) {
        int kind = r.nextInt(depth > 3 ? 6 : 8);
        return switch (kind) {
            case 0 -> string(r, text(r));
            case 1 -> new String[] {"0", "-1", "12", "3.25", "-0.5e10", "1E+2", "6e-3"}[r.nextInt(7)];
            case 2 -> "true";
            case 3 -> "false";
            case 4 -> "null";
            case 5 -> string(r, "plain");
            case 6 -> {
                List<String> items = new ArrayList<>();
                for (int k = r.nextInt(4); k > 0; k--) {
                    items.add(value(r, depth + 1));
                }
                yield "[" + ws(r) + String.join(ws(r) + "," + ws(r), items) + ws(r) + "]";
            }
            default -> {
                List<String> items = new ArrayList<>();
                for (int k = r.nextInt(4); k > 0; k--) {
                    items.add(member(r, text(r), value(r, depth + 1)));
                }
                yield object(r, items);
            }
        };
    }

    private static String object(Random r, List<String> members) {
        return "{" + ws(r) + String.join(ws(r) + "," + ws(r), members) + ws(r) + "}";
    }

    private static String member(Random r, String name, String value) {
        return string(r, name) + ws(r) + ":" + ws(r) + value;
    }

    private static String ws(Random r) {
        String[] choices = {"", "", "", " ", "\n", "\r\n  ", "\t"};
        return choices[r.nextInt(choices.length)];
    }

    private static String text(Random r) {
        StringBuilder s = new StringBuilder();
        for (int k = r.nextInt(8); k > 0; k--) {
            s.append(ALPHABET.charAt(r.nextInt(ALPHABET.length())));
        }
        return s.toString();
    }

    /** A JSON string literal, each character escaped or not as various writers do. */
    private static String string(Random r, String v) {
        StringBuilder s = new StringBuilder("\"");
        for (int k = 0; k < v.length(); k++) {
            char c = v.charAt(k);
            boolean mustEscape = c < 0x20 || c == '"' || c == '\\';
            int style = r.nextInt(10);
            if (!mustEscape && style < 7) {
                s.append(c);
            } else if (style == 7 || c >= 0x80 || c < 0x20 && "\b\f\n\r\t".indexOf(c) < 0) {
                s.append(r.nextBoolean() ? String.format("\\u%04x", (int) c) : String.format("\\u%04X", (int) c));
            } else {
                switch (c) {
                    case '"' -> s.append("\\\"");
                    case '\\' -> s.append("\\\\");
                    case '/' -> s.append("\\/");
                    case '\b' -> s.append("\\b");
                    case '\f' -> s.append("\\f");
                    case '\n' -> s.append("\\n");
                    case '\r' -> s.append("\\r");
                    case '\t' -> s.append("\\t");
                    default -> s.append(c);
                }
            }
        }
        return s.append('"').toString();
    }

    private static final String JUNK = "{}[],:\"\\x0-e \u00e9";

    private static String damage(Random r, String doc) {
        if (doc.isEmpty()) {
            return "{";
        }
        int at = r.nextInt(doc.length());
        return switch (r.nextInt(4)) {
            case 0 -> doc.substring(0, at);
            case 1 -> doc.substring(0, at) + doc.substring(at + 1);
            case 2 -> doc.substring(0, at) + JUNK.charAt(r.nextInt(JUNK.length())) + doc.substring(at);
            default -> doc.substring(0, at) + doc.substring(at).replaceFirst("[0-9a-zA-Z]", "\"");
        };
    }
}
