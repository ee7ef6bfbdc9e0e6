package io.ssokit.credentials;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ssokit.json.ChildJvm;
import io.ssokit.json.Json;
import io.ssokit.sandbox.Sandbox;
import io.ssokit.sandbox.SandboxOptions;
import io.ssokit.testing.Proc;
import io.ssokit.testing.Tools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code credential-process} through the real launcher and the packaged jar, as SDKs run it: the
 * fast and full paths, 50 processes racing on an empty cache, the AWS SDK for Java v2 and the AWS
 * CLI v2 as its callers, and the AWS CLI reading ssokit's role cache.
 */
class CredentialProcessIT {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String GET_ROLE_CREDENTIALS = "sso:GetRoleCredentials";

    static Sandbox sandbox;

    @TempDir
    Path home;

    @BeforeAll
    static void start() throws Exception {
        sandbox = Sandbox.start(SandboxOptions.builder().autoApprove(true).build());
        // the launcher builds its start-up archive on first use and says so on stderr; not here
        Proc.run(List.of(Tools.launcher(), "--version"), baseEnv());
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    static Map<String, String> baseEnv() {
        Map<String, String> env = new HashMap<>();
        env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        if (System.getenv("JAVA_HOME") != null) {
            env.put("JAVA_HOME", System.getenv("JAVA_HOME"));
        }
        return env;
    }

    Map<String, String> env() {
        Map<String, String> env = baseEnv();
        env.put("HOME", home.toString());
        env.put("AWS_ENDPOINT_URL", sandbox.endpoint().toString());
        return env;
    }

    void setUpUser() throws Exception {
        Files.createDirectories(home.resolve(".aws"));
        Files.writeString(home.resolve(".aws/config"), CredentialProcessTest.DEV_PROFILE + "\n"
                + CredentialProcessTest.SESSION_PROFILE
                + "\n[profile via-ssokit]\nregion = us-east-1\ncredential_process = " + Tools.launcher()
                + " credential-process --profile dev\n");
        // as a user would: ssokit login through the launcher (the sandbox approves at once)
        for (List<String> selection : List.of(List.of("--sso-session", "corp"), List.of("--profile", "dev"))) {
            List<String> cmd = new ArrayList<>(List.of(Tools.launcher(), "login", "--headless"));
            cmd.addAll(selection);
            Proc.Result login = Proc.run(cmd, env());
            assertEquals(0, login.exit(), login.toString());
            assertEquals("", login.stdout());
        }
    }

    Proc.Result ssokit(Map<String, String> env, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Tools.launcher(), "credential-process"));
        cmd.addAll(List.of(args));
        return Proc.run(cmd, env);
    }

    static long calls() {
        return sandbox.stats().count(GET_ROLE_CREDENTIALS);
    }

    /** The ARN the sandbox gives the Developer permission set's role in 111111111111 (independently derived). */
    static String expectedArn() throws Exception {
        byte[] sha = MessageDigest.getInstance("SHA-256").digest("111111111111/Developer".getBytes(StandardCharsets.UTF_8));
        return "arn:aws:sts::111111111111:assumed-role/AWSReservedSSO_Developer_"
                + HexFormat.of().formatHex(sha, 0, 8) + "/sandbox-user";
    }

    @Test
    void theLauncherAnswersAndBothPathsPrintTheSameBytes() throws Exception {
        setUpUser();
        long before = calls();
        Proc.Result miss = ssokit(env(), "--profile", "dev");
        assertEquals(0, miss.exit(), miss.toString());
        assertEquals("", miss.stderr());
        JsonNode json = JSON.readTree(miss.stdout());
        assertEquals(1, json.get("Version").intValue());
        assertEquals(1, calls() - before);

        Proc.Result fast = ssokit(env(), "--profile", "dev");
        Proc.Result fastEquals = ssokit(env(), "--profile=dev");
        // an option the fast path does not parse sends the same request through picocli
        Proc.Result full = ssokit(env(), "--profile", "dev", "--refresh-margin", "15m");
        for (Proc.Result r : List.of(fast, fastEquals, full)) {
            assertEquals(0, r.exit(), r.toString());
            assertEquals(miss.stdout(), r.stdout());
            assertEquals("", r.stderr());
        }
        assertEquals(1, calls() - before);

        Proc.Result unknown = ssokit(env(), "--profile", "nope");
        assertEquals(2, unknown.exit());
        assertEquals("", unknown.stdout());
        assertTrue(unknown.stderr().startsWith("ssokit: profile 'nope' does not exist"), unknown.stderr());
        Proc.Result otherAccount = ssokit(env(), "--profile", "dev", "--account-id", "222222222222");
        assertEquals(0, otherAccount.exit(), "a token is cached: " + otherAccount);
        // log out by hand: no token files left (a session token would serve the legacy profile too)
        try (var tokens = Files.newDirectoryStream(home.resolve(".aws/sso/cache"), "*.json")) {
            for (Path t : tokens) {
                Files.delete(t);
            }
        }
        Proc.Result login = ssokit(env(), "--profile", "dev", "--account-id", "333333333333");
        assertEquals(1, login.exit(), login.toString());
        assertEquals("", login.stdout());
        assertTrue(login.stderr().contains("ssokit login --profile dev"), login.stderr());
    }

    /**
     * The AWS SDK inside ssokit never reads the config files itself: its parser refuses a profile
     * named {@code "a#b"}, which the AWS CLI (and ssokit) accept, and would fail the login and the
     * GetRoleCredentials call. (In-process tests cannot see this: the SDK reads the real HOME.)
     */
    @Test
    void aConfigTheSdkWouldRefuseIsNoObstacle() throws Exception {
        setUpUser();
        Files.writeString(home.resolve(".aws/config"), "\n[profile \"a#b\"]\nregion = us-east-1\n",
                java.nio.file.StandardOpenOption.APPEND);
        try (var tokens = Files.newDirectoryStream(home.resolve(".aws/sso/cache"), "*.json")) {
            for (Path t : tokens) {
                Files.delete(t);
            }
        }
        Proc.Result login = Proc.run(List.of(Tools.launcher(), "login", "--headless", "--profile", "dev"), env());
        assertEquals(0, login.exit(), login.toString());
        if (Files.isDirectory(home.resolve(".aws/cli/cache"))) {
            try (var cached = Files.newDirectoryStream(home.resolve(".aws/cli/cache"), "*.json")) {
                for (Path c : cached) {
                    Files.delete(c);
                }
            }
        }
        long before = calls();
        Proc.Result miss = ssokit(env(), "--profile", "dev");
        assertEquals(1, calls() - before, "a cache miss: GetRoleCredentials through the SDK");
        assertEquals(0, miss.exit(), miss.toString());
        assertEquals(1, JSON.readTree(miss.stdout()).get("Version").intValue());
    }

    /**
     * Every ssokit and library class of a cache hit comes from the launcher's start-up archive: one
     * class missing from the training run (CdsTraining) makes the JVM open the 10 MB jar, which
     * costs ~10 ms. (A few JDK classes may come from the runtime image instead: which charset
     * classes the JVM needs depends on the locale of the run, not on ssokit.)
     */
    @Test
    void aCacheHitThroughTheLauncherLoadsNoClassFromTheJar() throws Exception {
        setUpUser();
        assertEquals(0, ssokit(env(), "--profile", "dev").exit());
        Path log = home.resolve("classes.log");
        Map<String, String> env = env();
        env.put("SSOKIT_JAVA_OPTS", "-Xlog:class+load=info:file=" + log);
        Proc.Result hit = ssokit(env, "--profile", "dev");
        assertEquals(0, hit.exit(), hit.toString());
        List<String> fromJar = new ArrayList<>();
        List<String> fromImage = new ArrayList<>();
        int shared = 0;
        for (String line : Files.readAllLines(log)) {
            if (line.contains("source: shared objects file")) {
                shared++;
            } else if (line.contains("source: jrt:/")) {
                fromImage.add(line.substring(line.indexOf("[class,load]")));
            } else if (line.contains("[class,load]")) {
                fromJar.add(line.substring(line.indexOf("[class,load]")));
            }
        }
        assertTrue(shared > 400, "the archive is in use: " + shared + " shared classes");
        assertEquals(List.of(), fromJar, "classes loaded from the jar instead of the archive");
        assertTrue(fromImage.size() <= 10, "JDK classes outside the archive: " + fromImage);
    }

    @Test
    void fiftyProcessesAtOnceMakeOneCallAndNobodySeesAHalfWrittenFile() throws Exception {
        setUpUser();
        Path entry = home.resolve(".aws/cli/cache").resolve(
                CredentialCache.ssoKey("111111111111", "Developer", CredentialProcessTest.START, null) + ".json");
        AtomicBoolean done = new AtomicBoolean();
        AtomicInteger goodReads = new AtomicInteger();
        AtomicReference<String> badRead = new AtomicReference<>();
        Thread reader = new Thread(() -> {
            while (!done.get()) {
                try {
                    byte[] bytes = Files.readAllBytes(entry);
                    try (JsonParser p = Json.parser(bytes)) {
                        CredentialCache.parse(p);
                        goodReads.incrementAndGet();
                    } catch (IOException | RuntimeException e) {
                        badRead.compareAndSet(null, bytes.length + " bytes: " + e);
                    }
                } catch (NoSuchFileException e) {
                    Thread.onSpinWait();
                } catch (IOException e) {
                    badRead.compareAndSet(null, e.toString());
                }
            }
        }, "cache-reader");
        reader.start();

        long before = calls();
        int n = 50;
        List<Process> procs = new ArrayList<>();
        List<Path> outs = new ArrayList<>();
        List<Path> errs = new ArrayList<>();
        try {
            for (int k = 0; k < n; k++) {
                ProcessBuilder pb = new ProcessBuilder(Tools.launcher(), "credential-process", "--profile", "dev");
                pb.environment().clear();
                pb.environment().putAll(env());
                Path out = home.resolve("out." + k);
                Path err = home.resolve("err." + k);
                outs.add(out);
                errs.add(err);
                procs.add(pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start());
            }
            for (Process p : procs) {
                if (!p.waitFor(240, TimeUnit.SECONDS)) {
                    fail("a credential-process did not finish in 240 s");
                }
            }
        } finally {
            for (Process p : procs) {
                p.destroyForcibly();
            }
            done.set(true);
            reader.join();
        }
        Set<String> outputs = new HashSet<>();
        for (int k = 0; k < n; k++) {
            String err = Files.readString(errs.get(k));
            assertEquals(0, procs.get(k).exitValue(), "process " + k + ": " + err);
            assertEquals("", err, "process " + k);
            String out = Files.readString(outs.get(k));
            JsonNode json = JSON.readTree(out);
            assertTrue(json.get("AccessKeyId").asText().startsWith("ASIA"), out);
            outputs.add(out);
        }
        assertEquals(1, calls() - before, "exactly one GetRoleCredentials for 50 processes");
        assertEquals(1, outputs.size(), "all 50 printed the one set of credentials fetched");
        assertEquals(null, badRead.get(), "a reader saw a damaged cache file");
        assertTrue(goodReads.get() > 0, "the reader saw the entry");
    }

    @Test
    void theJavaSdkRunsItAsCredentialProcess() throws Exception {
        setUpUser();
        ChildJvm.Result r = ChildJvm.run(List.of(), SdkCredentialProcessMain.class,
                List.of("via-ssokit", sandbox.endpoint().toString()),
                Map.of("HOME", home.toString(), "AWS_CONFIG_FILE", home.resolve(".aws/config").toString(),
                        "AWS_SHARED_CREDENTIALS_FILE", home.resolve(".aws/credentials").toString(),
                        "AWS_ENDPOINT_URL", sandbox.endpoint().toString(),
                        "AWS_EC2_METADATA_DISABLED", "true")).requireSuccess();
        String[] lines = r.stdout().split("\n");
        assertTrue(lines[0].startsWith("ASIA"), r.stdout());
        assertEquals("session token", lines[1]);
        assertEquals(expectedArn(), lines[2]);
    }

    @Test
    void theAwsCliRunsItAsCredentialProcess() throws Exception {
        String aws = Tools.awsCliV2();
        setUpUser();
        Map<String, String> env = awsEnv();
        Proc.Result r = Proc.run(List.of(aws, "sts", "get-caller-identity", "--profile", "via-ssokit",
                "--endpoint-url", sandbox.endpoint().toString(), "--output", "json"), env);
        assertEquals(0, r.exit(), r.toString());
        assertEquals(expectedArn(), JSON.readTree(r.stdout()).get("Arn").asText());
    }

    @Test
    void theAwsCliReadsTheRoleCacheSsokitWrites() throws Exception {
        String aws = Tools.awsCliV2();
        setUpUser();
        for (String profile : List.of("dev", "corp-dev")) {
            Proc.Result ours = ssokit(env(), "--profile", profile);
            assertEquals(0, ours.exit(), ours.toString());
            long before = calls();
            Proc.Result theirs = Proc.run(List.of(aws, "configure", "export-credentials", "--profile", profile,
                    "--format", "process"), awsEnv());
            assertEquals(0, theirs.exit(), theirs.toString());
            JsonNode a = JSON.readTree(ours.stdout());
            JsonNode b = JSON.readTree(theirs.stdout());
            for (String k : List.of("AccessKeyId", "SecretAccessKey", "SessionToken")) {
                assertEquals(a.get(k), b.get(k), profile + " " + k);
            }
            assertEquals(java.time.Instant.parse(a.get("Expiration").asText()),
                    java.time.OffsetDateTime.parse(b.get("Expiration").asText()).toInstant(), profile);
            assertEquals(0, calls() - before, "the AWS CLI used ssokit's entry for " + profile);
        }
    }

    private Map<String, String> awsEnv() {
        Map<String, String> env = env();
        env.put("AWS_CONFIG_FILE", home.resolve(".aws/config").toString());
        env.put("AWS_SHARED_CREDENTIALS_FILE", home.resolve(".aws/credentials").toString());
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        env.put("AWS_PAGER", "");
        return env;
    }
}
