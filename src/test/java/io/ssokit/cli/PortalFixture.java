package io.ssokit.cli;

import io.ssokit.Env;
import io.ssokit.aws.AwsClients;
import io.ssokit.sandbox.Org;
import io.ssokit.sandbox.Sandbox;
import io.ssokit.sandbox.SandboxOptions;
import io.ssokit.sso.Instance;
import io.ssokit.sso.SsoToken;
import io.ssokit.sso.TokenCache;
import io.ssokit.testing.CliRun;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import software.amazon.awssdk.services.ssooidc.SsoOidcClient;
import software.amazon.awssdk.services.ssooidc.model.CreateTokenResponse;
import software.amazon.awssdk.services.ssooidc.model.RegisterClientResponse;
import software.amazon.awssdk.services.ssooidc.model.StartDeviceAuthorizationResponse;

/**
 * An auto-approving in-process sandbox and a fake HOME whose environment points every client at
 * it. {@link #login} signs in through the AWS SDK (the device flow, approved at once) and saves
 * the token where ssokit looks for it, until {@code ssokit login} exists to do that.
 */
public final class PortalFixture implements AutoCloseable {
    static final String START_URL = Org.DEFAULT_START_URL;
    static final String REGION = Org.DEFAULT_REGION;
    static final Instance LEGACY = Instance.legacy(START_URL, REGION);

    final Sandbox sandbox;
    final Path home;
    final Map<String, String> vars = new HashMap<>();

    PortalFixture(Path home) {
        this(home, b -> { });
    }

    PortalFixture(Path home, Consumer<SandboxOptions.Builder> options) {
        SandboxOptions.Builder b = SandboxOptions.builder().autoApprove(true);
        options.accept(b);
        this.sandbox = Sandbox.start(b.build());
        this.home = home;
        vars.put("HOME", home.toString());
        vars.put("AWS_ENDPOINT_URL", sandbox.endpoint().toString());
    }

    Env env() {
        return new Env(vars, home);
    }

    /** The instance from the generic variables, as aws-sso-util users set it. */
    PortalFixture defaultInstance() {
        vars.put("AWS_DEFAULT_SSO_START_URL", START_URL);
        vars.put("AWS_DEFAULT_SSO_REGION", REGION);
        return this;
    }

    CliRun run(String... args) {
        return CliRun.run(env(), args);
    }

    /** Signs in at the sandbox and caches the token for {@code instance}; returns it. */
    SsoToken login(Instance instance) {
        SsoToken token = login(sandbox.endpoint(), instance);
        save(instance, token);
        return token;
    }

    void save(Instance instance, SsoToken token) {
        TokenCache.of(env()).save(TokenCache.cacheKey(instance.tokenKey()), token);
    }

    Path tokenFile(Instance instance) {
        return TokenCache.of(env()).file(TokenCache.cacheKey(instance.tokenKey()));
    }

    /** A cached token the portal has never seen, valid for hours by the cache's account. */
    void saveBogusToken(Instance instance) {
        Instant now = Instant.now();
        save(instance, SsoToken.builder().startUrl(instance.startUrl()).region(instance.region())
                .accessToken("not-a-token-the-portal-issued").expiresAt(now.plus(Duration.ofHours(4)))
                .receivedAt(now).build());
    }

    void writeConfig(String text) throws IOException {
        Path config = home.resolve(".aws").resolve("config");
        Files.createDirectories(config.getParent());
        Files.writeString(config, text);
    }

    /** The device flow through the SDK against any sandbox endpoint (in-process or a child). */
    public static SsoToken login(URI endpoint, Instance instance) {
        Env env = new Env(Map.of("AWS_ENDPOINT_URL", endpoint.toString()), Path.of("/nonexistent-home"));
        try (AwsClients clients = new AwsClients(env); SsoOidcClient oidc = clients.oidc(instance.region())) {
            RegisterClientResponse reg = oidc.registerClient(r -> r.clientName("ssokit-test").clientType("public")
                    .scopes("sso:account:access"));
            StartDeviceAuthorizationResponse dev = oidc.startDeviceAuthorization(r -> r.clientId(reg.clientId())
                    .clientSecret(reg.clientSecret()).startUrl(instance.startUrl()));
            Instant now = Instant.now();
            CreateTokenResponse t = oidc.createToken(r -> r.clientId(reg.clientId()).clientSecret(reg.clientSecret())
                    .grantType("urn:ietf:params:oauth:grant-type:device_code").deviceCode(dev.deviceCode()));
            return SsoToken.builder().startUrl(instance.startUrl()).region(instance.region())
                    .accessToken(t.accessToken()).expiresAt(now.plusSeconds(t.expiresIn())).receivedAt(now).build();
        }
    }

    @Override
    public void close() {
        sandbox.close();
    }
}
