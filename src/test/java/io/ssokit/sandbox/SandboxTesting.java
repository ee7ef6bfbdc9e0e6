package io.ssokit.sandbox;

import io.ssokit.Env;
import io.ssokit.aws.AwsClients;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.sso.SsoClient;
import software.amazon.awssdk.services.sso.model.RoleCredentials;
import software.amazon.awssdk.services.ssooidc.SsoOidcClient;
import software.amazon.awssdk.services.ssooidc.model.CreateTokenResponse;
import software.amazon.awssdk.services.ssooidc.model.RegisterClientResponse;
import software.amazon.awssdk.services.ssooidc.model.StartDeviceAuthorizationResponse;
import software.amazon.awssdk.services.sts.StsClient;

/** Shared pieces of the sandbox tests: a movable clock and SDK clients pointed at a sandbox. */
final class SandboxTesting {
    static final String REGION = "us-east-1";

    private SandboxTesting() {
    }


    /** The SDK clients of ssokit's own factory, with AWS_ENDPOINT_URL at the sandbox. */
    static AwsClients clients(Sandbox sb) {
        return new AwsClients(new Env(Map.of("AWS_ENDPOINT_URL", sb.endpoint().toString()), Path.of("/nonexistent-home")));
    }

    static StsClient sts(AwsClients clients, String accessKeyId, String secret, String token) {
        return clients.sts(REGION, StaticCredentialsProvider.create(AwsSessionCredentials.create(accessKeyId, secret, token)));
    }

    static StsClient sts(AwsClients clients, RoleCredentials c) {
        return sts(clients, c.accessKeyId(), c.secretAccessKey(), c.sessionToken());
    }

    /** A device-code sign-in against an auto-approving sandbox; returns the token response. */
    static CreateTokenResponse login(Sandbox sb, SsoOidcClient oidc) {
        RegisterClientResponse reg = oidc.registerClient(r -> r.clientName("test").clientType("public").scopes("sso:account:access"));
        StartDeviceAuthorizationResponse dev = oidc.startDeviceAuthorization(r -> r.clientId(reg.clientId())
                .clientSecret(reg.clientSecret()).startUrl(sb.org().instances().get(0).startUrl()));
        return oidc.createToken(r -> r.clientId(reg.clientId()).clientSecret(reg.clientSecret())
                .grantType(OidcService.GRANT_DEVICE_CODE).deviceCode(dev.deviceCode()));
    }

    static RoleCredentials roleCredentials(SsoClient sso, String token, String account, String role) {
        return sso.getRoleCredentials(r -> r.accessToken(token).accountId(account).roleName(role)).roleCredentials();
    }

    static HttpResponse<String> get(URI uri, Map<String, String> headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10));
        headers.forEach(b::header);
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> post(URI uri, String contentType, String body) throws Exception {
        HttpRequest req = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return HttpClient.newHttpClient().send(req, HttpResponse.BodyHandlers.ofString());
    }

    static Org orgFromResource(String name) throws Exception {
        try (var in = SandboxTesting.class.getResourceAsStream("/sandbox/" + name)) {
            return OrgLoader.parse(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8), true, name);
        }
    }

    /**
     * The AWS CLI v2 at the sandbox as an independent client, with a fake HOME under {@code dir}
     * (no profile of the user's can interfere) and the given keys in its environment.
     *
     * @param keys access key id, secret key and optionally the session token; none: unsigned
     */
    static io.ssokit.testing.Proc.Result awsCli(Path dir, Sandbox sb, String region, List<String> keys, String... args)
            throws Exception {
        Path home = java.nio.file.Files.createDirectories(dir.resolve("home"));
        Map<String, String> env = new java.util.HashMap<>();
        env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        env.put("HOME", home.toString());
        env.put("AWS_CONFIG_FILE", home.resolve("config").toString());
        env.put("AWS_SHARED_CREDENTIALS_FILE", home.resolve("credentials").toString());
        String[] names = {"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"};
        for (int i = 0; i < keys.size(); i++) {
            env.put(names[i], keys.get(i));
        }
        List<String> cmd = new java.util.ArrayList<>(List.of(io.ssokit.testing.Tools.awsCliV2()));
        cmd.addAll(List.of(args));
        cmd.addAll(List.of("--endpoint-url", sb.endpoint().toString(), "--region", region, "--output", "json"));
        return io.ssokit.testing.Proc.run(cmd, env);
    }
}
