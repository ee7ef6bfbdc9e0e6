package io.ssokit.credentials;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ssokit.Env;
import io.ssokit.json.CacheFileException;
import io.ssokit.json.CacheFileException.Problem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialCacheTest {
    static final String START_URL = "https://example.awsapps.com/start";
    static final Instant NOW = Instant.parse("2024-06-02T18:10:44Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final Credentials CREDS = new Credentials("ASIAEXAMPLEKEY12", "SECRETkey/+=",
            "SECRETsession//token==", Instant.parse("2024-06-02T19:10:44Z"), "123456789012");

    @TempDir
    Path home;
    CredentialCache cache;

    @BeforeEach
    void setUp() {
        cache = CredentialCache.of(new Env(Map.of(), home));
    }

    @Test
    void ssoKeyMatchesTheReferenceVector() {
        assertEquals("bf0133546a54b4c408c46d58bd4d8c6ac367c853",
                CredentialCache.ssoKey("123456789012", "Developer", START_URL, null));
        assertEquals("bf0133546a54b4c408c46d58bd4d8c6ac367c853",
                CredentialCache.ssoKey("123456789012", "Developer", START_URL, ""),
                "botocore tests the session name for truthiness");
        assertEquals(home.resolve(".aws/cli/cache/bf0133546a54b4c408c46d58bd4d8c6ac367c853.json"),
                cache.file(CredentialCache.ssoKey("123456789012", "Developer", START_URL, null)));
        assertEquals(io.ssokit.json.Sha1.hex(
                "{\"accountId\":\"123456789012\",\"roleName\":\"Developer\",\"sessionName\":\"dev\"}"),
                CredentialCache.ssoKey("123456789012", "Developer", START_URL, "dev"));
    }

    @Test
    void assumeRoleKeyLeavesOutUnsetSettings() {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("RoleArn", "arn:aws:iam::123456789012:role/Admin");
        assertEquals(CredentialCache.assumeRoleKey(args), CredentialCache.assumeRoleKey(
                "arn:aws:iam::123456789012:role/Admin", null, null, null, null));
        assertEquals(io.ssokit.json.Sha1.hex("{\"RoleArn\": \"arn:aws:iam::123456789012:role/Admin\"}"),
                CredentialCache.assumeRoleKey(args));
        args.put("DurationSeconds", 3600);
        assertEquals(io.ssokit.json.Sha1.hex("{\"DurationSeconds\": 3600, "
                + "\"RoleArn\": \"arn:aws:iam::123456789012:role/Admin\"}"),
                CredentialCache.assumeRoleKey(args));
        assertThrows(IllegalArgumentException.class,
                () -> CredentialCache.assumeRoleKey(Map.of("RoleArn", "r", "Policy", "{not json")));
    }

    @Test
    void writesTheCliFormatAndRoundTrips() throws IOException {
        String key = CredentialCache.ssoKey("123456789012", "Developer", START_URL, null);
        cache.save(key, CREDS, "sso");
        assertEquals("{\"ProviderType\":\"sso\",\"Credentials\":{\"AccessKeyId\":\"ASIAEXAMPLEKEY12\","
                + "\"SecretAccessKey\":\"SECRETkey/+=\",\"SessionToken\":\"SECRETsession//token==\","
                + "\"Expiration\":\"2024-06-02T19:10:44Z\",\"AccountId\":\"123456789012\"}}",
                Files.readString(cache.file(key)));
        assertEquals(CREDS, cache.load(key).orElseThrow());
        assertEquals("rw-------", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(cache.file(key))));
        assertEquals("rwx------", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(cache.dir())));

        cache.save("assumed", CREDS, null);
        assertTrue(Files.readString(cache.file("assumed")).startsWith("{\"Credentials\":{"));
    }

    @Test
    void reusedWhileMoreThanTheMarginRemains() {
        Credentials exactly = withExpiration(NOW.plus(Duration.ofMinutes(15)));
        Credentials almost = withExpiration(NOW.plus(Duration.ofMinutes(15)).minusSeconds(1));
        cache.save("exactly", exactly, "sso");
        cache.save("almost", almost, "sso");
        Duration margin = CredentialCache.DEFAULT_REFRESH_MARGIN;
        assertEquals(exactly, cache.loadFresh("exactly", margin, CLOCK).orElseThrow());
        assertTrue(cache.loadFresh("almost", margin, CLOCK).isEmpty());
        assertTrue(cache.loadFresh("almost", Duration.ofMinutes(10), CLOCK).isPresent(),
                "the margin is configurable");
        assertTrue(cache.loadFresh("missing", margin, CLOCK).isEmpty());
    }

    private static Credentials withExpiration(Instant expiration) {
        return new Credentials(CREDS.accessKeyId(), CREDS.secretAccessKey(), CREDS.sessionToken(),
                expiration, null);
    }

    @Test
    void toleratesWhatOtherWritersPutThere() throws IOException {
        write("assume", "{\"Credentials\": {\"AccessKeyId\": \"A\", \"SecretAccessKey\": \"S\","
                + " \"SessionToken\": \"T\", \"Expiration\": \"2024-06-02T19:10:44UTC\"},"
                + " \"AssumedRoleUser\": {\"AssumedRoleId\": \"AROA:x\", \"Arn\": \"arn\"},"
                + " \"ResponseMetadata\": {\"RetryAttempts\": 0, \"HTTPHeaders\": {}},"
                + " \"PackedPolicySize\": 6}");
        assertEquals(new Credentials("A", "S", "T", Instant.parse("2024-06-02T19:10:44Z"), null),
                cache.load("assume").orElseThrow());

        write("iso", "{\"ProviderType\": \"sso\", \"Credentials\": {\"AccessKeyId\": \"A\","
                + " \"SecretAccessKey\": \"S\", \"SessionToken\": \"T\","
                + " \"Expiration\": \"2024-06-02T19:10:44.5+00:00\", \"Future\": [1, {}]}}");
        assertEquals(Instant.parse("2024-06-02T19:10:44.5Z"),
                cache.load("iso").orElseThrow().expiration());

        write("noexp", "{\"Credentials\": {\"AccessKeyId\": \"A\", \"SecretAccessKey\": \"S\"}}");
        Credentials noExp = cache.load("noexp").orElseThrow();
        assertNull(noExp.expiration());
        assertNull(noExp.sessionToken());
        assertTrue(cache.loadFresh("noexp", Duration.ZERO, CLOCK).isEmpty(),
                "an entry without expiration is never fresh");
    }

    @Test
    void damagedEntriesAreReportedAndLeftAlone() throws IOException {
        for (String content : List.of("{\"Credentials\": {\"AccessKeyId\": \"A\"}}",
                "{\"ProviderType\": \"sso\"}", "{\"Credentials\": \"SECRET\"}",
                "{\"Credentials\": {\"AccessKeyId\": \"A\", \"SecretAccessKey\": \"SECRET",
                "{\"Credentials\": {\"AccessKeyId\": \"A\", \"SecretAccessKey\": \"S\","
                        + " \"Expiration\": \"later\"}}")) {
            write("bad", content);
            CacheFileException e = assertThrows(CacheFileException.class, () -> cache.load("bad"));
            assertEquals(Problem.CORRUPT, e.problem(), content);
            assertTrue(e.getMessage().contains(cache.file("bad").toString()), e.getMessage());
            assertFalse(e.getMessage().contains("SECRET"), e.getMessage());
            assertEquals(content, Files.readString(cache.file("bad")));
        }
    }

    @Test
    void insecureEntriesAreRefused() throws IOException {
        cache.save("k", CREDS, "sso");
        Files.setPosixFilePermissions(cache.file("k"), PosixFilePermissions.fromString("rw-r-----"));
        CacheFileException e = assertThrows(CacheFileException.class, () -> cache.load("k"));
        assertEquals(Problem.INSECURE_PERMISSIONS, e.problem());
    }

    @Test
    void onlyTemporaryCredentialsAreCached() {
        assertThrows(IllegalArgumentException.class, () -> cache.save("k",
                new Credentials("A", "S", null, NOW, null), "sso"));
        assertThrows(IllegalArgumentException.class, () -> cache.save("k",
                new Credentials("A", "S", "T", null, null), "sso"));
        assertFalse(Files.exists(cache.file("k")));
    }

    @Test
    void toStringRevealsNoSecret() {
        String s = CREDS.toString();
        assertFalse(s.contains("SECRET"), s);
        assertFalse(s.contains("ASIAEXAMPLEKEY12"), s);
        assertTrue(s.contains("...EY12"), s);
        assertTrue(s.contains("2024-06-02T19:10:44Z"), s);
    }

    @Test
    void expiresWithin() {
        assertFalse(new Credentials("A", "S", null, null, null).expiresWithin(Duration.ofDays(999),
                CLOCK), "long-term keys never expire");
        assertTrue(CREDS.expiresWithin(Duration.ofMinutes(61), CLOCK));
        assertFalse(CREDS.expiresWithin(Duration.ofMinutes(60), CLOCK));
    }

    private void write(String key, String content) throws IOException {
        Path file = cache.file(key);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    }
}
