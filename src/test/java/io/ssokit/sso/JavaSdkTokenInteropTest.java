package io.ssokit.sso;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ssokit.Env;
import io.ssokit.json.ChildJvm;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.token.credentials.SdkToken;
import software.amazon.awssdk.services.sso.internal.SsoAccessTokenProvider;
import software.amazon.awssdk.services.ssooidc.internal.OnDiskTokenManager;
import software.amazon.awssdk.services.ssooidc.internal.SsoOidcToken;

/** The token cache against the AWS SDK for Java v2's readers and writer (on the test classpath). */
class JavaSdkTokenInteropTest {
    static final String START_URL = "https://example.awsapps.com/start";

    @TempDir
    Path home;

    private SsoToken sessionToken(Instant expiresAt) {
        return SsoToken.builder().startUrl(START_URL).region("us-east-2").accessToken("access-1")
                .expiresAt(expiresAt).clientId("client-1").clientSecret("secret-1")
                .registrationExpiresAt(Instant.now().plus(Duration.ofDays(90))
                        .truncatedTo(ChronoUnit.SECONDS))
                .refreshToken("refresh-1").build();
    }

    @Test
    void theSdksOnDiskTokenManagerReadsAnSsokitSessionToken() {
        TokenCache cache = TokenCache.of(new Env(Map.of(), home));
        Instant expiresAt = Instant.parse("2030-01-02T03:04:05Z");
        SsoToken mine = sessionToken(expiresAt);
        cache.save(TokenCache.cacheKey("my-session"), mine);

        SsoOidcToken sdk = OnDiskTokenManager.create(cache.dir(), "my-session").loadToken()
                .orElseThrow();
        assertEquals("access-1", sdk.token());
        assertEquals(expiresAt, sdk.expirationTime().orElseThrow());
        assertEquals("refresh-1", sdk.refreshToken());
        assertEquals("client-1", sdk.clientId());
        assertEquals("secret-1", sdk.clientSecret());
        assertEquals(mine.registrationExpiresAt(), sdk.registrationExpiresAt());
        assertEquals("us-east-2", sdk.region());
        assertEquals(START_URL, sdk.startUrl());
    }

    @Test
    void ssokitReadsWhatTheSdkWrites() throws java.io.IOException {
        TokenCache cache = TokenCache.of(new Env(Map.of(), home));
        java.nio.file.Files.createDirectories(cache.dir()); // the SDK's writer does not create it
        Instant expiresAt = Instant.parse("2030-01-02T03:04:05.678Z");
        OnDiskTokenManager.create(cache.dir(), "sdk-session").storeToken(SsoOidcToken.builder()
                .accessToken("sdk-access").expiresAt(expiresAt).refreshToken("sdk-refresh")
                .clientId("c").clientSecret("s").registrationExpiresAt(expiresAt)
                .region("eu-west-1").startUrl(START_URL).build());
        SsoToken t = cache.load(TokenCache.cacheKey("sdk-session")).orElseThrow();
        assertEquals("sdk-access", t.accessToken());
        assertEquals(expiresAt, t.expiresAt(), "ISO_INSTANT with milliseconds");
        assertEquals("sdk-refresh", t.refreshToken());
        assertEquals(expiresAt, t.registrationExpiresAt());
        assertEquals("eu-west-1", t.region());
    }

    @Test
    void theSdksLegacyReaderAcceptsAnSsokitLegacyToken() {
        TokenCache cache = TokenCache.of(new Env(Map.of(), home));
        Instant expiresAt = Instant.now().plus(Duration.ofHours(8)).truncatedTo(ChronoUnit.SECONDS);
        String key = TokenCache.cacheKey(START_URL);
        cache.save(key, SsoToken.builder().startUrl(START_URL).region("us-east-2")
                .accessToken("legacy-access").expiresAt(expiresAt).receivedAt(Instant.now())
                .build());
        SdkToken token = new SsoAccessTokenProvider(cache.file(key)).resolveToken();
        assertEquals("legacy-access", token.token());
        assertEquals(expiresAt, token.expirationTime().orElseThrow());
    }

    /**
     * The SDK's SsoOidcTokenProvider (what its profile credentials provider uses for sso-session
     * profiles) takes an ssokit token inside its 5-minute prefetch window, refreshes it with the
     * registration and refresh token ssokit stored, writes the result, and ssokit reads it back.
     */
    @Test
    void theSdkRefreshesAnSsokitSessionTokenAndSsokitReadsTheResult() {
        TokenCache cache = TokenCache.of(new Env(Map.of(), home));
        String key = TokenCache.cacheKey("my-session");
        cache.save(key, sessionToken(Instant.now().plus(Duration.ofMinutes(3))
                .truncatedTo(ChronoUnit.SECONDS)));

        ChildJvm.Result r = ChildJvm.run(List.of(), SdkTokenRefreshMain.class, List.of("my-session"),
                Map.of("HOME", home.toString())).requireSuccess();
        assertEquals(List.of("sdk-refreshed-access", "refresh_token client-1 secret-1 refresh-1"),
                r.stdout().lines().toList());

        SsoToken refreshed = cache.load(key).orElseThrow();
        assertEquals("sdk-refreshed-access", refreshed.accessToken());
        assertEquals("sdk-refreshed-refresh", refreshed.refreshToken());
        assertEquals(START_URL, refreshed.startUrl());
        assertEquals("client-1", refreshed.clientId());
        assertTrue(refreshed.isUsable(Clock.systemUTC()), refreshed.toString());
    }
}
