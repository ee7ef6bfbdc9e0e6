package io.ssokit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ssokit.Env;
import io.ssokit.Main;
import io.ssokit.json.ChildJvm;
import io.ssokit.shellenv.FakeHome;
import io.ssokit.testing.CliRun;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code env}'s fast path (credential-process's, extended): it answers exactly what the full
 * command answers, falls through silently for anything else, and loads none of the heavy
 * machinery on a cache hit.
 */
class EnvFastPathTest {
    /** credential-process's list (CredentialProcessClassLoadingTest), plus the full env command's classes. */
    static final List<String> FORBIDDEN = List.of("picocli.", "software.amazon.awssdk.", "com.fasterxml.jackson.", "org.jline.",
            "com.github.mustachejava.", "org.slf4j.", "java.net.http.", "java.net.HttpURLConnection", "sun.net.www.protocol.http.",
            "java.security.MessageDigest", "sun.security.provider.", "java.time.format.DateTimeFormatter", "java.util.Formatter",
            "java.util.regex.", "io.ssokit.cli.CommandFactory", "io.ssokit.credentials.SsoPortalFetch", "io.ssokit.aws.",
            "io.ssokit.lock.", "io.ssokit.cli.EnvCommand", "io.ssokit.shellenv.ProfileCredentialSource",
            "io.ssokit.credentials.ProfileResolver", "io.ssokit.credentials.StsAssumeRole", "io.ssokit.credentials.CredentialProcessRunner");

    @TempDir
    Path dir;

    private static String fast(Env env, String... args) {
        StringWriter out = new StringWriter();
        PrintWriter w = new PrintWriter(out);
        int code = FastPath.run(args, env, w);
        w.flush();
        return code == FastPath.NOT_HANDLED ? null : out.toString();
    }

    @Test
    void answersWhatTheFullCommandAnswers() throws Exception {
        FakeHome h = FakeHome.create(dir.resolve("home"));
        Env env = h.env("AWS_REGION", "us-west-2");
        List<String[]> forms = List.of(
                new String[] {"env", "--profile", "dev", "--shell", "bash"},
                new String[] {"env", "--shell=fish", "--profile=dev"},
                new String[] {"env", "--profile", FakeHome.HOSTILE_PROFILE, "--shell", "zsh"},
                new String[] {"env", "--profile", "dev", "--format", "json"},
                new String[] {"env", "--format=dotenv", "--profile", "dev"},
                new String[] {"env", "--profile", "dev", "--shell", "powershell"},
                new String[] {"env", "--profile", "static", "--shell", "bash"});
        for (String[] args : forms) {
            String viaFastPath = fast(env, args);
            assertTrue(viaFastPath != null, "fast path for " + String.join(" ", args));
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int code = CommandFactory.execute(args, env, new PrintWriter(out), new PrintWriter(err));
            assertEquals(0, code, err.toString());
            assertEquals(out.toString(), viaFastPath, String.join(" ", args));
        }
    }

    @Test
    void fallsThroughForAnythingElse() throws Exception {
        FakeHome h = FakeHome.create(dir.resolve("home"));
        Env env = h.env();
        for (String[] args : new String[][] {
            {"env"}, {"env", "--profile"}, {"env", "--profile", "dev", "--region", "x"}, {"env", "--profile", "dev", "-v"},
            {"env", "--profile", "dev", "--profile", "dev"}, {"env", "--profile", "-x"}, {"env", "--profile", "nope"},
            {"env", "--profile", "default"}, {"env", "--profile", "fresh"}, {"env", "--profile", "dev", "--shell", "tcsh"},
            {"env", "--profile", "dev", "--shell", "bash", "--format", "json"}, {"env", "--profile", FakeHome.HOSTILE_PROFILE, "--shell", "cmd"},
            {"env", "--profile", "dev", "--shell="}, {"env", "-a", "333333333333", "-r", "Admin"}}) {
            assertEquals(null, fast(env, args), String.join(" ", args));
        }
        // and the full command reports what the fast path would not answer
        CliRun r = CliRun.run(env, "env", "--profile", "nope", "--shell", "bash");
        assertEquals(2, r.code());
        assertEquals("", r.out());
    }

    @Test
    void aCacheHitLoadsNoneOfTheHeavyMachinery() throws Exception {
        FakeHome h = FakeHome.create(dir.resolve("home"));
        hitLoadsNoHeavyClasses(h, "dev", FakeHome.DEV.sessionToken());
    }

    /** A role chain (role_arn + source_profile) whose last role is cached: the same fast path, the same classes. */
    @Test
    void aRoleChainCacheHitLoadsNoneOfTheHeavyMachinery() throws Exception {
        FakeHome h = FakeHome.create(dir.resolve("home"));
        Files.writeString(h.home.resolve(".aws/config"), "\n[profile chained]\nrole_arn = arn:aws:iam::333333333333:role/Deployer\n"
                + "source_profile = mid\n[profile mid]\nrole_arn = arn:aws:iam::222222222222:role/Hop\nsource_profile = dev\n",
                java.nio.file.StandardOpenOption.APPEND);
        new io.ssokit.credentials.CredentialCache(h.home.resolve(".aws/cli/cache")).save(io.ssokit.credentials.CredentialCache
                .assumeRoleKey("arn:aws:iam::333333333333:role/Deployer", null, null, null, null), FakeHome.ROLE, null);
        hitLoadsNoHeavyClasses(h, "chained", FakeHome.ROLE.sessionToken());
    }

    private void hitLoadsNoHeavyClasses(FakeHome h, String profile, String expectedToken) throws Exception {
        Path log = dir.resolve("classes.log");
        ChildJvm.Result r = ChildJvm.run(List.of("-Xlog:class+load=info:file=" + log), Main.class,
                List.of("env", "--profile", profile, "--shell", "bash"), Map.of("HOME", h.home.toString())).requireSuccess();
        assertTrue(r.stdout().contains("export AWS_SESSION_TOKEN='" + expectedToken + "'"), r.stdout());
        assertEquals("", r.stderr());
        List<String> loaded = new ArrayList<>();
        List<String> spun = new ArrayList<>();
        for (String line : Files.readAllLines(log)) {
            int at = line.indexOf("[class,load] ");
            if (at >= 0) {
                String rest = line.substring(at + "[class,load] ".length());
                String name = rest.substring(0, rest.indexOf(' '));
                loaded.add(name);
                if (rest.contains("source: __JVM_LookupDefineClass__") || name.contains("$$Lambda")) {
                    spun.add(name);
                }
            }
        }
        assertTrue(loaded.contains("io.ssokit.cli.FastPath"), "answered by the fast path");
        List<String> offenders = new ArrayList<>();
        for (String c : loaded) {
            for (String f : FORBIDDEN) {
                if (c.startsWith(f)) {
                    offenders.add(c);
                }
            }
        }
        assertEquals(List.of(), offenders, "classes loaded on the env hot path");
        assertEquals(List.of(), spun, "invokedynamic bootstraps on the env hot path");
        assertFalse(loaded.size() > 950, "class count: " + loaded.size());
    }
}
