package io.ssokit.sso;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ssokit.Env;
import io.ssokit.json.CacheFileException;
import io.ssokit.json.CacheFileException.Problem;
import io.ssokit.json.PythonJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenCacheTest {
    static final String START_URL = "https://example.awsapps.com/start";
    static final Instant NOW = Instant.parse("2024-06-02T18:10:44Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    @TempDir
    Path home;
    TokenCache cache;

    @BeforeEach
    void setUp() {
        cache = TokenCache.of(new Env(Map.of(), home));
    }

    static SsoToken legacyToken() {
        return SsoToken.builder().startUrl(START_URL).region("us-east-2")
                .accessToken("aoaSECRETaccess").expiresAt(NOW.plus(Duration.ofHours(8)))
                .receivedAt(NOW).build();
    }

    static SsoToken sessionToken() {
        return SsoToken.builder().startUrl(START_URL).region("us-east-2")
                .accessToken("aoaSECRETaccess").expiresAt(NOW.plus(Duration.ofHours(1)))
                .clientId("client-id-1").clientSecret("SECRETclient")
                .registrationExpiresAt(NOW.plus(Duration.ofDays(90)))
                .refreshToken("SECRETrefresh").build();
    }

    @Test
    void cacheKeyIsTheSha1OfTheStartUrlOrSessionName() {
        assertEquals("e8be5486177c5b5392bd9aa76563515b29358e6e", TokenCache.cacheKey(START_URL));
        assertEquals(home.resolve(".aws/sso/cache/e8be5486177c5b5392bd9aa76563515b29358e6e.json"),
                cache.file(TokenCache.cacheKey(START_URL)));
    }

    @Test
    void writesTheCliFormatExactly() throws IOException {
        String key = TokenCache.cacheKey(START_URL);
        cache.save(key, legacyToken());
        assertEquals("{\"startUrl\":\"https://example.awsapps.com/start\",\"region\":\"us-east-2\","
                + "\"accessToken\":\"aoaSECRETaccess\",\"expiresAt\":\"2024-06-03T02:10:44Z\","
                + "\"receivedAt\":\"2024-06-02T18:10:44Z\"}", Files.readString(cache.file(key)));
        cache.save(key, sessionToken());
        assertEquals("{\"startUrl\":\"https://example.awsapps.com/start\",\"region\":\"us-east-2\","
                + "\"accessToken\":\"aoaSECRETaccess\",\"expiresAt\":\"2024-06-02T19:10:44Z\","
                + "\"clientId\":\"client-id-1\",\"clientSecret\":\"SECRETclient\","
                + "\"registrationExpiresAt\":\"2024-08-31T18:10:44Z\","
                + "\"refreshToken\":\"SECRETrefresh\"}", Files.readString(cache.file(key)));
    }

    @Test
    void roundTrips() {
        cache.save("k1", legacyToken());
        cache.save("k2", sessionToken());
        assertEquals(legacyToken(), cache.load("k1").orElseThrow());
        assertEquals(sessionToken(), cache.load("k2").orElseThrow());
        assertTrue(cache.load("missing").isEmpty());
    }

    @Test
    void filesAre0600AndNewDirectories0700() throws IOException {
        cache.save("k", legacyToken());
        assertEquals("rw-------", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(cache.file("k"))));
        for (Path dir : List.of(home.resolve(".aws"), home.resolve(".aws/sso"), cache.dir())) {
            assertEquals("rwx------",
                    PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)), dir.toString());
        }
        try (Stream<Path> files = Files.list(cache.dir())) {
            assertEquals(List.of(cache.file("k")), files.toList(), "no temporary files left");
        }
    }

    @Test
    void replacingAFileKeepsItPrivateEvenIfItWasNot() throws IOException {
        Path file = cache.file("k");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "{}");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        cache.save("k", legacyToken());
        assertEquals("rw-------",
                PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }

    @Test
    void unknownFieldsSurviveARewrite() throws IOException {
        Path file = cache.file("k");
        write(file, "{\"startUrl\": \"" + START_URL + "\", \"futureField\": {\"nested\": [1, 2.5,"
                + " \"x\"]}, \"accessToken\": \"old\", \"expiresAt\": \"2024-06-02T18:20:44UTC\","
                + " \"flag\": true, \"nothing\": null, \"region\": \"eu-west-1\"}");
        SsoToken loaded = cache.load("k").orElseThrow();
        assertEquals(Instant.parse("2024-06-02T18:20:44Z"), loaded.expiresAt());
        cache.save("k", loaded.toBuilder().accessToken("new")
                .expiresAt(NOW.plus(Duration.ofHours(1))).build());
        @SuppressWarnings("unchecked")
        Map<String, Object> rewritten = (Map<String, Object>) PythonJson.loads(
                Files.readString(file));
        assertEquals(Map.of("nested", List.of(new java.math.BigInteger("1"), 2.5, "x")),
                rewritten.get("futureField"));
        assertEquals(true, rewritten.get("flag"));
        assertTrue(rewritten.containsKey("nothing"));
        assertNull(rewritten.get("nothing"));
        assertEquals("new", rewritten.get("accessToken"));
        assertEquals("2024-06-02T19:10:44Z", rewritten.get("expiresAt"));
        assertEquals("eu-west-1", rewritten.get("region"));
        assertEquals(List.of("futureField", "flag", "nothing"),
                List.copyOf(cache.load("k").orElseThrow().extraFields().keySet()));
    }

    @Test
    void unknownNumbersAndStringsAreKeptVerbatim() throws IOException {
        write(cache.file("k"), "{\"accessToken\": \"a\", \"n\": [1.50, 1e400, -0, 12345678901234567890],"
                + " \"s\": \"caf\u00e9 \\\"q\\\" \\u0001\"}");
        SsoToken t = cache.load("k").orElseThrow();
        assertEquals("[1.50,1e400,-0,12345678901234567890]", t.extraFields().get("n"));
        cache.save("k", t);
        assertEquals("{\"accessToken\":\"a\",\"n\":[1.50,1e400,-0,12345678901234567890],"
                + "\"s\":\"caf\u00e9 \\\"q\\\" \\u0001\"}", Files.readString(cache.file("k")));
    }

    @Test
    void corruptJsonNamesTheFileHidesTheContentAndLeavesTheFile() throws IOException {
        Path file = cache.file("k");
        String content = "{\"accessToken\": \"aoaSECRET\", \"expiresAt\": \"2024-06";
        write(file, content);
        CacheFileException e = assertThrows(CacheFileException.class, () -> cache.load("k"));
        assertEquals(Problem.CORRUPT, e.problem());
        assertEquals(file, e.file());
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("not valid JSON (line 1, column"), e.getMessage());
        assertFalse(e.getMessage().contains("SECRET"), e.getMessage());
        assertNull(e.getCause(), "the parser's exception quotes the input");
        assertArrayEquals(content.getBytes(StandardCharsets.UTF_8), Files.readAllBytes(file));
    }

    @Test
    void otherDamageIsCorruptToo() throws IOException {
        assertCorrupt("", "the file is empty");
        assertCorrupt("{\"accessToken\": SECRET}", "not valid JSON (line 1, column ");
        assertCorrupt("[]", "not a JSON object");
        assertCorrupt("{\"accessToken\": \"a\", \"expiresAt\": \"2024-06-03T02:10:44Z\"} {}",
                "unexpected content after the JSON object");
        assertCorrupt("{\"accessToken\": \"a\", \"expiresAt\": 1717380644}",
                "\"expiresAt\" is not a string");
        assertCorrupt("{\"accessToken\": \"a\", \"expiresAt\": \"tomorrow\"}",
                "\"expiresAt\" is not an ISO-8601 timestamp");
        assertCorrupt("{\"accessToken\": [\"SECRET\"]}", "\"accessToken\" is not a string");
        assertCorrupt("{\"expiresAt\": \"2024-06-03T02:10:44Z\"}", "has no \"accessToken\"");
    }

    private void assertCorrupt(String content, String expected) throws IOException {
        write(cache.file("bad"), content);
        CacheFileException e = assertThrows(CacheFileException.class, () -> cache.load("bad"));
        assertEquals(Problem.CORRUPT, e.problem(), content);
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertTrue(e.getMessage().contains(cache.file("bad").toString()), e.getMessage());
        assertFalse(e.getMessage().contains("SECRET"), e.getMessage());
        assertEquals(content, Files.readString(cache.file("bad")));
    }

    @Test
    void missingExpiresAtCountsAsExpired() throws IOException {
        write(cache.file("k"), "{\"startUrl\": \"u\", \"region\": \"r\", \"accessToken\": \"a\"}");
        SsoToken t = cache.load("k").orElseThrow();
        assertNull(t.expiresAt());
        assertTrue(t.expiresWithin(Duration.ZERO, CLOCK));
        assertFalse(t.isUsable(CLOCK));
    }

    @Test
    void fifteenMinuteWindowAsInTheCli() {
        SsoToken exactly = legacyToken().toBuilder().expiresAt(NOW.plus(Duration.ofMinutes(15)))
                .build();
        SsoToken almost = legacyToken().toBuilder()
                .expiresAt(NOW.plus(Duration.ofMinutes(15)).minusSeconds(1)).build();
        assertTrue(exactly.isUsable(CLOCK), "botocore: seconds < window is expired; 900 is not");
        assertFalse(almost.isUsable(CLOCK));
        assertTrue(almost.expiresWithin(Duration.ofMinutes(15), CLOCK));
        assertFalse(almost.expiresWithin(Duration.ofMinutes(14), CLOCK));
    }

    @Test
    void canRefreshFollowsBotocoresRule() {
        assertTrue(sessionToken().canRefresh(CLOCK));
        assertFalse(legacyToken().canRefresh(CLOCK));
        assertFalse(sessionToken().toBuilder().registrationExpiresAt(NOW).build().canRefresh(CLOCK));
        assertFalse(sessionToken().toBuilder().clientSecret(null).build().canRefresh(CLOCK));
    }

    @Test
    void groupOrWorldReadableTokenIsAPermissionProblem() throws IOException {
        Path file = cache.file("k");
        cache.save("k", legacyToken());
        for (String mode : List.of("rw-r--r--", "rw----r--", "rw--w----", "rw-rw-rw-")) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
            CacheFileException e = assertThrows(CacheFileException.class, () -> cache.load("k"));
            assertEquals(Problem.INSECURE_PERMISSIONS, e.problem(), mode);
            assertTrue(e.isPermissionProblem());
            assertTrue(e.getMessage().startsWith("file permission problem: " + file), e.getMessage());
            assertTrue(e.getMessage().contains("chmod 600 '" + file + "'"), e.getMessage());
        }
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        CacheFileException e = assertThrows(CacheFileException.class, () -> cache.load("k"));
        assertTrue(e.getMessage().contains("mode 0644"), e.getMessage());
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--------"));
        assertEquals(legacyToken(), cache.load("k").orElseThrow());
    }

    @Test
    void aTokenOwnedBySomeoneElseIsAPermissionProblemWithAnOwnershipHint() {
        cache.save("k", legacyToken());
        String owner = System.getProperty("user.name");
        String realOwner = ownerOf(cache.file("k"));
        System.setProperty("user.name", "ssokit-test-user");
        try {
            CacheFileException e = assertThrows(CacheFileException.class, () -> cache.load("k"));
            assertEquals(Problem.FOREIGN_OWNER, e.problem());
            assertTrue(e.isPermissionProblem());
            assertTrue(e.getMessage().startsWith("file permission problem: "), e.getMessage());
            assertTrue(e.getMessage().contains("is owned by " + realOwner + ", not by ssokit-test-user"),
                    e.getMessage());
            assertTrue(e.getMessage().contains("sudo chown ssokit-test-user '" + cache.file("k")),
                    e.getMessage());
        } finally {
            System.setProperty("user.name", owner);
        }
    }

    private static String ownerOf(Path file) {
        try {
            return Files.getOwner(file).getName();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void deleteAndList() throws IOException {
        String a = TokenCache.cacheKey(START_URL);
        String b = TokenCache.cacheKey("my-session");
        cache.save(a, legacyToken());
        cache.save(b, sessionToken());
        write(cache.dir().resolve("botocore-client-id-us-east-2.json"),
                "{\"clientId\": \"c\", \"clientSecret\": \"s\", \"expiresAt\": \"2024-09-01T00:00:00Z\"}");
        write(cache.dir().resolve("broken.json"), "{");
        write(cache.dir().resolve("notes.txt"), "hello");
        Files.createDirectories(cache.dir().resolve("subdir.json"));
        Map<String, TokenCache.Entry> entries = new java.util.TreeMap<>();
        for (TokenCache.Entry e : cache.list()) {
            entries.put(e.key(), e);
        }
        assertEquals(java.util.Set.of(a, b, "broken"), entries.keySet());
        assertEquals(Problem.CORRUPT, entries.get("broken").problem().problem());
        assertNull(entries.get("broken").token());
        assertEquals(legacyToken(), entries.get(a).token());
        assertEquals(sessionToken(), entries.get(b).token());
        assertNull(entries.get(b).problem());

        assertTrue(cache.delete(a));
        assertFalse(cache.delete(a));
        assertTrue(cache.load(a).isEmpty());
        assertTrue(new TokenCache(home.resolve("nowhere")).list().isEmpty());
    }

    @Test
    void keysCannotEscapeTheDirectory() {
        for (String bad : List.of("", "../x", "a/b", ".hidden", "x y", "k\u00e9")) {
            assertThrows(IllegalArgumentException.class, () -> cache.file(bad), bad);
        }
    }

    @Test
    void aFailedWriteLeavesNoTemporaryFile() throws IOException {
        Path target = cache.file("k");
        Files.createDirectories(target.resolve("occupied"));
        CacheFileException e = assertThrows(CacheFileException.class,
                () -> cache.save("k", legacyToken()));
        assertEquals(Problem.WRITE_FAILED, e.problem());
        assertTrue(e.getMessage().startsWith("cannot write " + target), e.getMessage());
        try (Stream<Path> files = Files.list(cache.dir())) {
            assertEquals(List.of(target), files.toList());
        }
    }

    @Test
    void toStringRevealsNoSecret() {
        String s = sessionToken().toString() + legacyToken();
        assertFalse(s.contains("SECRET"), s);
        assertTrue(s.contains(START_URL), s);
    }

    @Test
    void extraFieldsCannotShadowKnownOnes() {
        assertThrows(IllegalArgumentException.class,
                () -> legacyToken().toBuilder().extraField("accessToken", "\"x\"").build());
    }

    static void write(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    }
}
