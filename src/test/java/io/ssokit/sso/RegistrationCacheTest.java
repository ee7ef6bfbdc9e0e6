package io.ssokit.sso;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ssokit.Env;
import io.ssokit.json.CacheFileException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistrationCacheTest {
    static final Instant NOW = Instant.parse("2024-06-02T18:10:44Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    @TempDir
    Path home;

    @Test
    void legacyKeyIsPerRegionInTheTokenDirectory() {
        RegistrationCache cache = RegistrationCache.of(new Env(Map.of(), home));
        assertEquals("botocore-client-id-us-east-2", RegistrationCache.legacyKey("us-east-2"));
        assertEquals(home.resolve(".aws/sso/cache/botocore-client-id-us-east-2.json"),
                cache.file(RegistrationCache.legacyKey("us-east-2")));
    }

    @Test
    void cliKeyMatchesAHandComputedHash() {
        // sha1 of the exact text Python's json.dumps(sort_keys=True) produces for a legacy login
        String text = "{\"region\": \"us-east-1\", \"scopes\": null, \"session_name\": null,"
                + " \"startUrl\": \"https://example.awsapps.com/start\", \"tool\": \"botocore\"}";
        assertEquals(io.ssokit.json.Sha1.hex(text), RegistrationCache.cliKey(
                "https://example.awsapps.com/start", "us-east-1", null, null));
    }

    @Test
    void parsesScopesLikeTheCli() {
        assertNull(RegistrationCache.parseScopes(null));
        assertEquals(List.of(), RegistrationCache.parseScopes(""));
        assertEquals(List.of(), RegistrationCache.parseScopes(" , ,"));
        assertEquals(List.of("sso:account:access", "x"),
                RegistrationCache.parseScopes(" sso:account:access ,, x "));
    }

    @Test
    void roundTripsAndKeepsUnknownFields() throws IOException {
        RegistrationCache cache = new RegistrationCache(home);
        ClientRegistration r = new ClientRegistration("cid", "SECRET", NOW.plus(Duration.ofDays(90)),
                NOW, List.of("sso:account:access"),
                Map.of("grantTypes", "[\"authorization_code\",\"refresh_token\"]"));
        cache.save("k", r);
        assertEquals("{\"clientId\":\"cid\",\"clientSecret\":\"SECRET\","
                + "\"expiresAt\":\"2024-08-31T18:10:44Z\",\"receivedAt\":\"2024-06-02T18:10:44Z\","
                + "\"scopes\":[\"sso:account:access\"],"
                + "\"grantTypes\":[\"authorization_code\",\"refresh_token\"]}",
                Files.readString(cache.file("k")));
        assertEquals(r, cache.load("k").orElseThrow());
        assertFalse(r.toString().contains("SECRET"), r.toString());
    }

    @Test
    void reusedUntilFifteenMinutesBeforeExpiry() {
        RegistrationCache cache = new RegistrationCache(home);
        cache.save("ok", new ClientRegistration("c", "s", NOW.plus(Duration.ofMinutes(15)), null,
                null));
        cache.save("late", new ClientRegistration("c", "s",
                NOW.plus(Duration.ofMinutes(15)).minusSeconds(1), null, null));
        cache.save("none", new ClientRegistration("c", "s", null, null, null));
        assertTrue(cache.loadReusable("ok", CLOCK).isPresent());
        assertTrue(cache.loadReusable("late", CLOCK).isEmpty());
        assertTrue(cache.loadReusable("none", CLOCK).isEmpty());
        assertTrue(cache.loadReusable("missing", CLOCK).isEmpty());
        assertTrue(cache.load("late").isPresent());
    }

    @Test
    void aRegistrationWithoutSecretIsCorrupt() throws IOException {
        RegistrationCache cache = new RegistrationCache(home);
        TokenCacheTest.write(cache.file("k"), "{\"clientId\": \"c\", \"expiresAt\": \"2024-08-31T18:10:44Z\"}");
        CacheFileException e = assertThrows(CacheFileException.class, () -> cache.load("k"));
        assertEquals(CacheFileException.Problem.CORRUPT, e.problem());
        TokenCacheTest.write(cache.file("k"), "{\"clientId\": \"c\", \"clientSecret\": \"s\", \"scopes\": \"x\"}");
        e = assertThrows(CacheFileException.class, () -> cache.load("k"));
        assertTrue(e.getMessage().contains("\"scopes\" is not a list"), e.getMessage());
    }
}
