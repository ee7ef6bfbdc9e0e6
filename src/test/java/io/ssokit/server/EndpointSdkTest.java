package io.ssokit.server;

import io.ssokit.Env;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ssokit.Log;
import io.ssokit.config.AwsConfig;
import io.ssokit.credentials.MfaCodes;
import io.ssokit.json.ChildJvm;
import io.ssokit.sandbox.Sandbox;
import io.ssokit.sandbox.SandboxOptions;
import io.ssokit.shellenv.CredentialSource;
import io.ssokit.shellenv.FakeHome;
import io.ssokit.shellenv.Identity;
import io.ssokit.shellenv.ProfileCredentialSource;
import io.ssokit.shellenv.SandboxLogin;
import io.ssokit.shellenv.Selection;
import io.ssokit.sso.SsoTokens;
import io.ssokit.sso.TokenSource;
import io.ssokit.testing.MutableClock;
import io.ssokit.testing.Proc;
import io.ssokit.testing.Tools;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real clients against the servers, with the credentials ssokit resolves from a sandbox sign-in:
 * the AWS SDK for Java v2's container and instance-profile providers (in a child JVM that has only
 * the client's environment variables) and the AWS CLI v2, each making an STS call at the sandbox,
 * which checks their SigV4 signature against the credentials it issued.
 */
class EndpointSdkTest {
    private static final String ROLE_ARN_PREFIX = "arn:aws:sts::222222222222:assumed-role/AWSReservedSSO_Developer_";
    private static final Duration CREDENTIALS_TTL = Duration.ofMinutes(20);
    private static final Duration MARGIN = Duration.ofMinutes(15);

    /** The sandbox's and the resolver's time; moved by less than the sandbox's SigV4 skew (15 min) in all. */
    private static final MutableClock CLOCK = new MutableClock();
    private static Sandbox sandbox;

    @TempDir
    static Path dir;

    private final StringWriter logged = new StringWriter();
    private final Log log = new Log(new PrintWriter(logged), 1);
    private CredentialEndpoint server;

    @BeforeAll
    static void startSandbox() throws Exception {
        sandbox = Sandbox.start(SandboxOptions.builder().port(0).autoApprove(true).credentialsTtl(CREDENTIALS_TTL).clock(CLOCK).build());
        SandboxLogin.login(sandbox, FakeHome.create(dir.resolve("home")));
    }

    @AfterAll
    static void stopSandbox() {
        sandbox.close();
    }

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    /** What ExportCredentialsCommand builds: the shell commands' credential source for profile "fresh" (222222222222/Developer). */
    private RefreshingCredentials credentials() {
        return credentials("fresh");
    }

    private RefreshingCredentials credentials(String profile) {
        Env env = new Env(Map.of("HOME", dir.resolve("home").toString(), "AWS_ENDPOINT_URL", sandbox.endpoint().toString()),
                dir.resolve("home"));
        CredentialSource source = new ProfileCredentialSource(env, SsoTokens.create(env, Log.silent()), Log.silent(), CLOCK, MARGIN,
                MfaCodes.of(null));
        Identity id = new Selection(profile, null, null, null, null, null, null).resolve(env, AwsConfig.load(env), Log.silent());
        CredentialFeed feed = () -> source.credentials(id, TokenSource.Mode.NON_INTERACTIVE, false);
        return new RefreshingCredentials(feed, feed.fetch(), MARGIN, CLOCK, log);
    }

    private ContainerEndpoint container(String token) {
        ContainerEndpoint c = new ContainerEndpoint(BindAddress.parse("0"), token, credentials(),
                new ServedRole("Developer", null, "eu-west-1"), CLOCK, log);
        server = c;
        return c;
    }

    private ImdsEndpoint imds() {
        ImdsEndpoint i = new ImdsEndpoint(BindAddress.parse("0"), credentials(), new ServedRole("Developer", null, "eu-west-1"), CLOCK, log);
        server = i;
        return i;
    }

    /** A clean child environment: an empty HOME, so no profile or config can be the source instead. */
    private static Map<String, String> clientEnv(String... pairs) throws Exception {
        Path empty = Files.createDirectories(dir.resolve("client-home"));
        Map<String, String> env = new HashMap<>();
        env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        env.put("HOME", empty.toString());
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return env;
    }

    private static List<String> javaSdk(String kind, Map<String, String> env) {
        Map<String, String> childEnv = new HashMap<>(env);
        // the child inherits this JVM's environment (ChildJvm adds to it): keep the SDK off the real config files
        childEnv.put("AWS_CONFIG_FILE", dir.resolve("client-home/config").toString());
        childEnv.put("AWS_SHARED_CREDENTIALS_FILE", dir.resolve("client-home/credentials").toString());
        ChildJvm.Result r = ChildJvm.run(List.of(), EndpointClientMain.class, List.of(kind, sandbox.endpoint().toString()), childEnv)
                .requireSuccess();
        return List.of(r.stdout().strip().split("\n"));
    }

    private static Proc.Result awsCli(Map<String, String> env) throws Exception {
        return Proc.run(List.of(Tools.awsCliV2(), "sts", "get-caller-identity", "--endpoint-url", sandbox.endpoint().toString(),
                "--region", "us-east-1", "--output", "text", "--query", "Arn"), env);
    }

    @Test
    void javaSdkContainerProvider() throws Exception {
        String token = "a token of the user's choice";
        ContainerEndpoint c = container(token);
        List<String> out = javaSdk("container", clientEnv("AWS_CONTAINER_CREDENTIALS_FULL_URI", c.url().toString(),
                "AWS_CONTAINER_AUTHORIZATION_TOKEN", token));
        assertTrue(out.get(0).startsWith("ASIA"), out.toString());
        assertTrue(out.get(1).startsWith(ROLE_ARN_PREFIX), out.toString());
        assertTrue(logged.toString().contains("debug: container GET / 200"), logged.toString());
    }

    @Test
    void javaSdkInstanceProfileProvider() throws Exception {
        ImdsEndpoint i = imds();
        List<String> out = javaSdk("imds", clientEnv("AWS_EC2_METADATA_SERVICE_ENDPOINT", i.url().toString()));
        assertTrue(out.get(1).startsWith(ROLE_ARN_PREFIX), out.toString());
        String requests = logged.toString();
        assertTrue(requests.contains("debug: imds PUT /latest/api/token 200"), requests);
        assertTrue(requests.contains("debug: imds GET /latest/meta-data/iam/security-credentials/ 200"), requests);
        assertTrue(requests.contains("debug: imds GET /latest/meta-data/iam/security-credentials/Developer 200"), requests);
    }

    @Test
    void awsCliContainer() throws Exception {
        String token = ContainerEndpoint.newToken();
        ContainerEndpoint c = container(token);
        Proc.Result r = awsCli(clientEnv("AWS_CONTAINER_CREDENTIALS_FULL_URI", c.url().toString(), "AWS_CONTAINER_AUTHORIZATION_TOKEN", token));
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.stdout().startsWith(ROLE_ARN_PREFIX), r.toString());
    }

    /** Any kind of profile is served: here a role assumed from the Identity Center profile, in another account. */
    @Test
    void awsCliContainerServesARoleChain() throws Exception {
        Path config = dir.resolve("home/.aws/config");
        if (!Files.readString(config).contains("[profile deployer]")) {
            Files.writeString(config, "\n[profile deployer]\nrole_arn = arn:aws:iam::333333333333:role/Deployer\n"
                    + "source_profile = fresh\n", java.nio.file.StandardOpenOption.APPEND);
        }
        String token = ContainerEndpoint.newToken();
        ContainerEndpoint c = new ContainerEndpoint(BindAddress.parse("0"), token, credentials("deployer"),
                new ServedRole("Deployer", "arn:aws:iam::333333333333:role/Deployer", null), CLOCK, log);
        server = c;
        Proc.Result r = awsCli(clientEnv("AWS_CONTAINER_CREDENTIALS_FULL_URI", c.url().toString(), "AWS_CONTAINER_AUTHORIZATION_TOKEN", token));
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.stdout().startsWith("arn:aws:sts::333333333333:assumed-role/Deployer/"), r.toString());
    }

    @Test
    void awsCliImds() throws Exception {
        ImdsEndpoint i = imds();
        Proc.Result r = awsCli(clientEnv("AWS_EC2_METADATA_SERVICE_ENDPOINT", i.url().toString()));
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.stdout().startsWith(ROLE_ARN_PREFIX), r.toString());
    }

    @Test
    void refreshedFromTheSandboxBeforeExpiry() throws Exception {
        String token = ContainerEndpoint.newToken();
        ContainerEndpoint c = container(token);
        long before = sandbox.stats().count("sso:GetRoleCredentials");
        HttpResponse<String> first = Http.send("GET", c.url(), "Authorization", token);
        assertEquals(before, sandbox.stats().count("sso:GetRoleCredentials"), "20 minutes left: served as they are");
        CLOCK.advance(Duration.ofMinutes(6));
        HttpResponse<String> second = Http.send("GET", c.url(), "Authorization", token);
        assertEquals(before + 1, sandbox.stats().count("sso:GetRoleCredentials"), "14 minutes left: fetched again");
        assertNotEquals(accessKey(first.body()), accessKey(second.body()));
        // the new keys work (the sandbox's clock is ahead of the signer's by less than SigV4's skew)
        List<String> out = javaSdk("container", clientEnv("AWS_CONTAINER_CREDENTIALS_FULL_URI", c.url().toString(),
                "AWS_CONTAINER_AUTHORIZATION_TOKEN", token));
        assertEquals(accessKey(second.body()), out.get(0));
    }

    private static String accessKey(String body) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"AccessKeyId\":\"([^\"]+)\"").matcher(body);
        assertTrue(m.find(), body);
        return m.group(1);
    }
}
