package io.ssokit.shellenv;

import io.ssokit.Env;
import io.ssokit.aws.AwsClients;
import io.ssokit.sandbox.Sandbox;
import io.ssokit.sandbox.SandboxOptions;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.services.ssooidc.SsoOidcClient;
import software.amazon.awssdk.services.ssooidc.model.CreateTokenResponse;
import software.amazon.awssdk.services.ssooidc.model.RegisterClientResponse;
import software.amazon.awssdk.services.ssooidc.model.StartDeviceAuthorizationResponse;

/**
 * An in-process sandbox and a device-code sign-in against it, whose token goes into a fake HOME's
 * cache: what {@code ssokit login} leaves behind, without depending on the login command.
 */
public final class SandboxLogin {
    private SandboxLogin() {
    }

    public static Sandbox start() {
        return Sandbox.start(SandboxOptions.builder().port(0).autoApprove(true).build());
    }

    /** Signs in and stores the token for the fake HOME's legacy instance and its sso-session. */
    public static void login(Sandbox sb, FakeHome home) {
        Env env = new Env(Map.of("AWS_ENDPOINT_URL", sb.endpoint().toString()), Path.of("/nonexistent-home"));
        try (AwsClients clients = new AwsClients(env); SsoOidcClient oidc = clients.oidc(FakeHome.SSO_REGION)) {
            RegisterClientResponse reg = oidc.registerClient(r -> r.clientName("ssokit-test").clientType("public"));
            StartDeviceAuthorizationResponse dev = oidc.startDeviceAuthorization(r -> r.clientId(reg.clientId())
                    .clientSecret(reg.clientSecret()).startUrl(FakeHome.START_URL));
            CreateTokenResponse t = oidc.createToken(r -> r.clientId(reg.clientId()).clientSecret(reg.clientSecret())
                    .grantType("urn:ietf:params:oauth:grant-type:device_code").deviceCode(dev.deviceCode()));
            home.token(t.accessToken(), Instant.now().plusSeconds(t.expiresIn()));
        }
    }
}
