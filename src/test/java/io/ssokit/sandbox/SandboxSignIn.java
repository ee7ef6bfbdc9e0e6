package io.ssokit.sandbox;

import io.ssokit.Env;
import io.ssokit.aws.AwsClients;
import io.ssokit.sso.Instance;
import io.ssokit.sso.SsoToken;
import io.ssokit.sso.TokenCache;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import software.amazon.awssdk.services.ssooidc.SsoOidcClient;
import software.amazon.awssdk.services.ssooidc.model.CreateTokenResponse;

/**
 * For tests outside this package that need a signed-in user: a device-code sign-in against an
 * auto-approving sandbox through the SDK ({@link SandboxTesting#login}), saved in the AWS-CLI token
 * cache of a test HOME the way a login would save it. Tests that exercise login itself use the
 * login command instead.
 */
public final class SandboxSignIn {
    private SandboxSignIn() {
    }

    /**
     * Signs in and caches the token for {@code instance}, keyed by its start URL, or by its session
     * name for an sso-session instance (without a refresh token: these tests need none).
     */
    public static SsoToken signIn(Sandbox sandbox, Env home, Instance instance) {
        try (AwsClients clients = SandboxTesting.clients(sandbox);
                SsoOidcClient oidc = clients.oidc(instance.region())) {
            CreateTokenResponse t = SandboxTesting.login(sandbox, oidc);
            Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            SsoToken token = SsoToken.builder()
                    .startUrl(instance.startUrl())
                    .region(instance.region())
                    .accessToken(t.accessToken())
                    .expiresAt(now.plusSeconds(t.expiresIn()))
                    .receivedAt(now)
                    .build();
            TokenCache.of(home).save(TokenCache.cacheKey(instance.tokenKey()), token);
            return token;
        }
    }

    /** Writes a token that the sandbox never issued, with the given expiry, for failure tests. */
    public static void cacheToken(Env home, Instance instance, String accessToken, Instant expiresAt) {
        TokenCache.of(home).save(TokenCache.cacheKey(instance.tokenKey()), SsoToken.builder()
                .startUrl(instance.startUrl()).region(instance.region()).accessToken(accessToken)
                .expiresAt(expiresAt).build());
    }
}
