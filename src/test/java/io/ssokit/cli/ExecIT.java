package io.ssokit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ssokit.shellenv.FakeHome;
import io.ssokit.testing.Proc;
import io.ssokit.testing.Tools;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code exec} and {@code run-as} through the launcher: argv arrives exactly, the environment
 * holds the credentials and no profile, stdin passes through, exit statuses and signals too.
 * Credentials come from the fake HOME's cache (no sign-in needed).
 */
class ExecIT {
    @TempDir
    Path dir;

    FakeHome home;
    Map<String, String> env;

    @BeforeEach
    void setUp() throws Exception {
        home = FakeHome.create(dir.resolve("home"));
        Files.writeString(dir.resolve("argfile"), "INJECTED\n");
        env = new TreeMap<>();
        env.put("PATH", System.getenv("PATH"));
        env.put("HOME", home.home.toString());
        env.put("LANG", "C.UTF-8");
        env.put("AWS_PROFILE", "stale");
        env.put("AWS_DEFAULT_PROFILE", "stale");
        env.put("AWS_SESSION_TOKEN", "stale");
        env.put("KEEP_ME", "kept");
    }

    private List<String> ssokit(String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Tools.launcher());
        cmd.addAll(List.of(args));
        return cmd;
    }

    private Proc.Result run(String stdin, String... args) throws Exception {
        return Proc.run(ssokit(args), env, dir, stdin);
    }

    @Test
    void argumentsArriveExactly() throws Exception {
        String[] hostile = {"a b", "", "it's", "\"q\"", "$HOME", "`id`", "$(touch pwned)", "@argfile", "--", "-x", "--profile", "é 😀", "*", "\\"};
        List<String> args = new ArrayList<>(List.of("exec", "--profile", "dev", "--", "printf", "<%s>\\n"));
        args.addAll(List.of(hostile));
        Proc.Result r = run(null, args.toArray(String[]::new));
        assertEquals(0, r.exit(), r.toString());
        StringBuilder want = new StringBuilder();
        for (String h : hostile) {
            want.append('<').append(h).append(">\n");
        }
        assertEquals(want.toString(), r.stdout());
        assertEquals("", r.stderr());
        assertFalse(Files.exists(dir.resolve("pwned")));

        // without '--': options end at the command
        r = run(null, "exec", "--profile", "dev", "printf", "%s|", "--profile", "-v", "--help");
        assertEquals("--profile|-v|--help|", r.stdout(), r.toString());
        r = run(null, "run-as", "-a", "333333333333", "-r", "Admin", "printf", "%s|", "-a", "", "@argfile");
        assertEquals("-a||@argfile|", r.stdout(), r.toString());
    }

    private static Map<String, String> parseEnv(String nulSeparated) {
        Map<String, String> m = new TreeMap<>();
        for (String f : nulSeparated.split("\0")) {
            int eq = f.indexOf('=');
            if (eq > 0) {
                m.put(f.substring(0, eq), f.substring(eq + 1));
            }
        }
        return m;
    }

    @Test
    void theCommandGetsCredentialsAndNoProfile() throws Exception {
        Proc.Result r = run(null, "exec", "--profile", "dev", "env", "-0");
        assertEquals(0, r.exit(), r.toString());
        Map<String, String> e = parseEnv(r.stdout());
        assertEquals(FakeHome.DEV.accessKeyId(), e.get("AWS_ACCESS_KEY_ID"));
        assertEquals(FakeHome.DEV.sessionToken(), e.get("AWS_SESSION_TOKEN"));
        assertEquals("2099-01-02T03:04:05Z", e.get("AWS_CREDENTIAL_EXPIRATION"));
        assertEquals("eu-central-1", e.get("AWS_REGION"));
        assertEquals("dev", e.get("SSOKIT_PROFILE"));
        assertEquals("kept", e.get("KEEP_ME"));
        assertFalse(e.containsKey("AWS_PROFILE"), "no profile: it could take precedence in some SDKs");
        assertFalse(e.containsKey("AWS_DEFAULT_PROFILE"));

        r = run(null, "run-as", "--account-id", "333333333333", "--role-name", "Admin", "--region", "ap-south-1", "env", "-0");
        assertEquals(0, r.exit(), r.toString());
        e = parseEnv(r.stdout());
        assertEquals(FakeHome.ROLE.accessKeyId(), e.get("AWS_ACCESS_KEY_ID"));
        assertEquals("2099-01-02T03:04:05Z", e.get("AWS_CREDENTIALS_EXPIRATION"), "aws-sso-util's spelling too");
        assertEquals("ap-south-1", e.get("AWS_DEFAULT_REGION"));
        assertEquals("Admin", e.get("SSOKIT_ROLE_NAME"));
        assertFalse(e.containsKey("AWS_PROFILE"));
    }

    @Test
    void exportCredentialsExecRunsTheRestOfTheLine() throws Exception {
        Proc.Result r = run(null, "export-credentials", "--profile", "dev", "--exec", "env", "-0");
        assertEquals(0, r.exit(), r.toString());
        Map<String, String> e = parseEnv(r.stdout());
        assertEquals(FakeHome.DEV.accessKeyId(), e.get("AWS_ACCESS_KEY_ID"));
        assertEquals("off", e.get("AWS_CLI_AUTO_PROMPT"), "aws-export-credentials keeps the CLI from prompting");
        assertEquals("eu-central-1", e.get("AWS_DEFAULT_REGION"), "the profile's region (aws-export-credentials #7)");
        assertFalse(e.containsKey("AWS_PROFILE"));
        // everything after --exec is the command's, options included; its status comes back
        r = run(null, "export-credentials", "--profile", "dev", "--exec", "printf", "%s|", "--profile", "x", "--json", "");
        assertEquals("--profile|x|--json||", r.stdout(), r.toString());
        assertEquals(9, run(null, "export-credentials", "--profile", "dev", "--exec", "sh", "-c", "exit 9").exit());
    }

    @Test
    void stdinPassesThrough() throws Exception {
        Proc.Result r = run("line one\nline two\n", "exec", "--profile", "dev", "--", "cat");
        assertEquals("line one\nline two\n", r.stdout());
    }

    @Test
    void exitStatuses() throws Exception {
        assertEquals(7, run(null, "exec", "--profile", "dev", "--", "sh", "-c", "exit 7").exit());
        assertEquals(0, run(null, "run-as", "-a", "333333333333", "-r", "Admin", "true").exit());
        assertEquals(1, run(null, "run-as", "-a", "333333333333", "-r", "Admin", "false").exit());

        Proc.Result r = run(null, "exec", "--profile", "dev", "--", "no-such-command-xyz");
        assertEquals(127, r.exit());
        assertTrue(r.stderr().contains("no-such-command-xyz: command not found"), r.stderr());
        Path notExecutable = Files.writeString(dir.resolve("plain.txt"), "x");
        r = run(null, "exec", "--profile", "dev", "--", notExecutable.toString());
        assertEquals(126, r.exit(), r.toString());

        // the command never runs when there are no credentials or bad usage
        r = run(null, "exec", "--profile", "nope", "--", "touch", dir.resolve("ran").toString());
        assertEquals(2, r.exit());
        assertFalse(Files.exists(dir.resolve("ran")));
        r = run(null, "run-as", "-a", "333333333333", "touch", dir.resolve("ran").toString());
        assertEquals(2, r.exit(), "--role-name is required");
        assertFalse(Files.exists(dir.resolve("ran")));
        r = run(null, "exec", "--profile", "fresh", "--non-interactive", "--", "touch", dir.resolve("ran").toString());
        assertEquals(1, r.exit(), "login required");
        assertFalse(Files.exists(dir.resolve("ran")));
        assertEquals(2, run(null, "exec", "--profile", "dev").exit(), "no command");
    }

    /** A child that reports a signal and exits 40+N; ssokit must pass the signal on and exit with that. */
    @Test
    void signalsArePassedOnAndTheStatusComesBack() throws Exception {
        for (String[] sig : new String[][] {{"TERM", "15"}, {"HUP", "1"}, {"INT", "2"}, {"USR1", "10"}}) {
            String script = "trap 'echo got-" + sig[0] + "; exit " + (40 + Integer.parseInt(sig[1])) + "' " + sig[0]
                    + "; echo ready; while :; do sleep 0.05; done";
            ProcessBuilder pb = new ProcessBuilder(ssokit("exec", "--profile", "dev", "--", "sh", "-c", script));
            pb.environment().clear();
            pb.environment().putAll(env);
            pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            Process p = pb.start();
            CompletableFuture<String> err = Proc.drain(p.getErrorStream());
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            assertEquals("ready", out.readLine(), "the child started");
            // the launcher exec's the JVM, so this is ssokit's own pid (no terminal here: INT is passed on too)
            new ProcessBuilder("kill", "-s", sig[0], Long.toString(p.pid())).inheritIO().start().waitFor();
            assertEquals("got-" + sig[0], out.readLine(), sig[0]);
            assertTrue(p.waitFor(20, TimeUnit.SECONDS));
            assertEquals(40 + Integer.parseInt(sig[1]), p.exitValue(), sig[0] + ": " + err.get());
        }
        // a child killed by a signal: 128 + N, as a shell reports it
        Proc.Result r = run(null, "exec", "--profile", "dev", "--", "sh", "-c", "kill -TERM $$");
        assertEquals(143, r.exit(), r.toString());
    }
}
