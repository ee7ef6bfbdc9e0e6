package io.ssokit.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ssokit.sandbox.Sandbox;
import io.ssokit.shellenv.FakeHome;
import io.ssokit.shellenv.SandboxLogin;
import io.ssokit.testing.Proc;
import io.ssokit.testing.Tools;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code export-credentials --container 0} and {@code --imds 0} through the real launcher, as a
 * user runs them: the export lines on stdout once listening, the AWS CLI v2 fetching from the
 * server with only those variables, one stderr line per request with -v and never the token, and
 * exit 0 on SIGTERM.
 */
class EndpointsIT {
    private static final Pattern EXPORT = Pattern.compile("export ([A-Z0-9_]+)='([^']*)'");

    @TempDir
    Path dir;

    private Sandbox sandbox;
    private Map<String, String> env;

    @BeforeEach
    void setUp() throws Exception {
        sandbox = SandboxLogin.start();
        FakeHome home = FakeHome.create(dir.resolve("home"));
        // only the profile served: the AWS SDK's own config parser (which the SSO client still
        // runs on ~/.aws/config) rejects FakeHome's hostile profile name with its '#'
        Files.writeString(home.home.resolve(".aws/config"), "[profile fresh]\nsso_start_url = " + FakeHome.START_URL
                + "\nsso_region = " + FakeHome.SSO_REGION + "\nsso_account_id = 222222222222\nsso_role_name = Developer\nregion = eu-west-1\n");
        SandboxLogin.login(sandbox, home);
        env = new HashMap<>();
        env.put("PATH", System.getenv("PATH"));
        env.put("HOME", home.home.toString());
        env.put("LANG", "C.UTF-8");
        env.put("AWS_ENDPOINT_URL", sandbox.endpoint().toString());
    }

    /** Servers still running when a test fails are killed, so none outlives the build. */
    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void tearDown() {
        started.forEach(Process::destroyForcibly);
        sandbox.close();
    }

    /**
     * A running server: its process, the variables it printed, and the file its stderr goes to (a
     * pipe would not do: Process.destroy closes the parent's end of it).
     */
    private record Server(Process process, Map<String, String> vars, Path stderr) {
        String err() throws java.io.IOException {
            return Files.readString(stderr);
        }
    }

    private Server start(String... args) throws Exception {
        return serve("fresh", args);
    }

    private Server serve(String profile, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Tools.launcher(), "export-credentials", "--profile", profile, "-v"));
        cmd.addAll(List.of(args));
        Path err = Files.createTempFile(dir, "server", ".err");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(err.toFile());
        pb.environment().clear();
        pb.environment().putAll(env);
        Process p = pb.start();
        started.add(p);
        p.getOutputStream().close();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<Map<String, String>> vars = CompletableFuture.supplyAsync(() -> {
            Map<String, String> v = new HashMap<>();
            try {
                int expected = args[0].equals("--container") ? 2 : 1;
                for (int i = 0; i < expected; i++) {
                    String line = out.readLine();
                    if (line == null) {
                        break;
                    }
                    Matcher m = EXPORT.matcher(line);
                    assertTrue(m.matches(), line);
                    v.put(m.group(1), m.group(2));
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return v;
        });
        Map<String, String> printed;
        try {
            printed = vars.get(60, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            p.destroyForcibly();
            throw new AssertionError("no export lines within 60 s; stderr: " + Files.readString(err));
        }
        assertFalse(printed.isEmpty(), "the server printed nothing: " + (p.waitFor(10, TimeUnit.SECONDS) ? Files.readString(err) : "(running)"));
        return new Server(p, printed, err);
    }

    private Proc.Result awsCli(Map<String, String> vars) throws Exception {
        Path empty = Files.createDirectories(dir.resolve("client-home"));
        Map<String, String> client = new HashMap<>(vars);
        client.put("PATH", System.getenv("PATH"));
        client.put("HOME", empty.toString());
        return Proc.run(List.of(Tools.awsCliV2(), "sts", "get-caller-identity", "--endpoint-url", sandbox.endpoint().toString(),
                "--region", "us-east-1", "--output", "text", "--query", "Arn"), client);
    }

    /** SIGTERM (what Process.destroy sends) stops the server with exit 0. */
    private String stop(Server s) throws Exception {
        s.process().destroy();
        assertTrue(s.process().waitFor(30, TimeUnit.SECONDS), "stopped on SIGTERM");
        assertEquals(0, s.process().exitValue(), s.err());
        return s.err();
    }

    @Test
    void containerThroughTheLauncher() throws Exception {
        Server s = start("--container", "0");
        String uri = s.vars().get("AWS_CONTAINER_CREDENTIALS_FULL_URI");
        String token = s.vars().get("AWS_CONTAINER_AUTHORIZATION_TOKEN");
        assertNotNull(uri);
        assertTrue(uri.matches("http://127\\.0\\.0\\.1:\\d+/"), uri);
        assertTrue(token.length() >= 40, "a generated token");
        Proc.Result r = awsCli(s.vars());
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.stdout().startsWith("arn:aws:sts::222222222222:assumed-role/AWSReservedSSO_Developer_"), r.toString());
        String stderr = stop(s);
        assertTrue(stderr.contains("serving the credentials of profile fresh, role Developer in account 222222222222, at " + uri), stderr);
        assertTrue(stderr.contains("debug: container GET / 200\n"), stderr);
        assertFalse(stderr.contains(token), "the token is never on stderr");
    }

    @Test
    void imdsThroughTheLauncher() throws Exception {
        Server s = start("--imds", "127.0.0.1:0");
        assertEquals(1, s.vars().size(), s.vars().toString());
        Proc.Result r = awsCli(s.vars());
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.stdout().startsWith("arn:aws:sts::222222222222:assumed-role/AWSReservedSSO_Developer_"), r.toString());
        String stderr = stop(s);
        assertTrue(stderr.contains("debug: imds GET /latest/meta-data/iam/security-credentials/Developer 200\n"), stderr);
    }

    /** Static keys (the sandbox's IAM user) are exchanged with sts:GetSessionToken before they are served. */
    @Test
    void imdsServesSessionCredentialsOfStaticKeys() throws Exception {
        io.ssokit.sandbox.Org.IamUser user = sandbox.org().iamUsers().get(0);
        Files.writeString(dir.resolve("home/.aws/credentials"), "[iamuser]\naws_access_key_id = " + user.accessKeyId()
                + "\naws_secret_access_key = " + user.secretAccessKey() + "\n");
        Server s = serve("iamuser", "--imds", "0");
        Proc.Result r = awsCli(s.vars());
        assertEquals(0, r.exit(), r.toString());
        assertEquals("arn:aws:iam::111111111111:user/" + io.ssokit.sandbox.Org.DEFAULT_IAM_USER, r.stdout().strip(), r.toString());
        assertEquals(1, sandbox.stats().count("sts:GetSessionToken"));
        String stderr = stop(s);
        assertTrue(stderr.contains("debug: imds GET /latest/meta-data/iam/security-credentials/iamuser 200\n"), stderr);
        assertFalse(stderr.contains(user.secretAccessKey()), "no secret on stderr");
    }
}
