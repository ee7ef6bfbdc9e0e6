package io.ssokit.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ssokit.Env;
import io.ssokit.SsokitException;
import io.ssokit.config.AwsConfig;
import io.ssokit.config.IniDocument;
import io.ssokit.config.Profile;
import io.ssokit.credentials.CredentialCache;
import io.ssokit.credentials.Credentials;
import io.ssokit.shellenv.FakeHome;
import io.ssokit.testing.CliRun;
import io.ssokit.testing.RealShell;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Arbitrary;

/**
 * {@code ssokit env} end to end in real shells: hostile values placed where users and caches put
 * them (a profile name in a config header, an account name and region in config values, a session
 * token in the credential cache) go through the command, are evaluated by real bash, dash, zsh
 * and fish under strict flags the way users load them, and must read back exactly, in the shell
 * and in a child's environment, with stale variables gone and no file created.
 */
class EnvRealShellTest {
    private static final List<String> STALE = List.of("AWS_SESSION_TOKEN", "stale-token", "AWS_SECURITY_TOKEN", "stale",
            "AWS_PROFILE", "previous", "AWS_DEFAULT_PROFILE", "old", "SSOKIT_SSO_SESSION", "old-session");

    @Provide
    Arbitrary<String> hostile() {
        return Hostile.strings();
    }

    @Property(tries = 60)
    @RealShell.Requires({"bash", "dash", "zsh", "fish"})
    void hostileIdentityRoundTrips(@ForAll("hostile") String name, @ForAll("hostile") String accountName,
            @ForAll("hostile") String region, @ForAll("hostile") String token) throws IOException {
        Path dir = Files.createTempDirectory("ssokit-env-rt");
        try {
            FakeHome h = FakeHome.create(dir.resolve("home"));
            Path config = h.home.resolve(".aws/config");
            IniDocument doc = IniDocument.parse(Files.readString(config), "config");
            String header;
            try {
                header = doc.profileHeader(name);
                doc.appendSection(header, Map.of("sso_session", "corp",
                        "sso_account_id", "444444444444", "sso_role_name", "Hostile"));
                // a config value is one line: line breaks become spaces, the rest stays hostile
                doc.set(header, "sso_account_name", accountName.replace('\n', ' ').replace('\r', ' '));
                doc.set(header, "region", region.replace('\n', ' ').replace('\r', ' '));
            } catch (SsokitException | IllegalStateException e) {
                Assume.that(false);
                return;
            }
            Files.writeString(config, doc.render());
            Env env = h.env(STALE.toArray(String[]::new));
            Profile p = AwsConfig.load(env).profile(name).orElse(null);
            Assume.that(p != null);
            new CredentialCache(h.home.resolve(".aws/cli/cache")).save(
                    CredentialCache.ssoKey("444444444444", "Hostile", FakeHome.START_URL, "corp"),
                    new Credentials("ASIAHOSTILE", "secret", token, FakeHome.EXPIRATION, null), "sso");

            Map<String, String> want = new TreeMap<>();
            want.put("AWS_ACCESS_KEY_ID", "ASIAHOSTILE");
            want.put("AWS_SECRET_ACCESS_KEY", "secret");
            want.put("AWS_SESSION_TOKEN", token);
            want.put("AWS_CREDENTIAL_EXPIRATION", "2099-01-02T03:04:05Z");
            want.put("AWS_PROFILE", name);
            want.put("SSOKIT_PROFILE", name);
            want.put("SSOKIT_ACCOUNT_ID", "444444444444");
            want.put("SSOKIT_ROLE_NAME", "Hostile");
            want.put("SSOKIT_START_URL", FakeHome.START_URL);
            want.put("SSOKIT_SSO_REGION", FakeHome.SSO_REGION);
            want.put("SSOKIT_SSO_SESSION", "corp");
            p.get("sso_account_name").filter(s -> !s.isEmpty()).ifPresent(v -> want.put("SSOKIT_ACCOUNT_NAME", v));
            p.get("region").filter(s -> !s.isEmpty()).ifPresent(v -> {
                want.put("AWS_REGION", v);
                want.put("AWS_DEFAULT_REGION", v);
                want.put("SSOKIT_REGION", v);
            });
            for (String shell : List.of("bash", "dash", "zsh", "fish")) {
                CliRun r = CliRun.run(env, "env", "--profile", name, "--shell", shell.equals("dash") ? "bash" : shell);
                assertEquals(0, r.code(), r.err());
                assertEquals(want, evaluate(shell, r.out(), dir), shell);
            }
        } finally {
            try (Stream<Path> all = Files.walk(dir)) {
                all.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    /**
     * Loads {@code script} the way users do, in a shell whose environment holds stale values of
     * managed variables, and returns the managed variables a child process then sees.
     */
    static Map<String, String> evaluate(String shell, String script, Path dir) throws IOException {
        Path file = dir.resolve("script." + shell);
        Files.write(file, script.getBytes(StandardCharsets.UTF_8));
        Path work = Files.createDirectories(dir.resolve("work-" + shell));
        Map<String, String> env = new TreeMap<>();
        env.put("PATH", System.getenv("PATH"));
        env.put("HOME", dir.toString());
        env.put("LANG", "C.UTF-8");
        env.put("XDG_CONFIG_HOME", dir.resolve("xdg").toString());
        env.put("XDG_DATA_HOME", dir.resolve("xdg").toString());
        env.put("SCRIPT", file.toString());
        for (int i = 0; i < STALE.size(); i += 2) {
            env.put(STALE.get(i), STALE.get(i + 1));
        }
        List<String> cmd = switch (shell) {
            case "bash" -> List.of("bash", "--noprofile", "--norc", "-e", "-u", "-o", "pipefail", "-c", "eval \"$(cat \"$SCRIPT\")\"; env -0");
            case "dash" -> List.of("dash", "-e", "-u", "-c", "eval \"$(cat \"$SCRIPT\")\"; env -0");
            case "zsh" -> List.of("zsh", "--no-rcs", "-e", "-u", "-c", "eval \"$(cat \"$SCRIPT\")\"; env -0");
            case "fish" -> List.of("fish", "--no-config", "-c", "cat $SCRIPT | source; and env -0");
            default -> throw new IllegalArgumentException(shell);
        };
        RealShell.Result r = RealShell.run(cmd, env, work, new byte[0]);
        assertEquals("", r.errText(), shell + " stderr");
        assertEquals(0, r.exit(), shell + " exit");
        try (Stream<Path> created = Files.list(work)) {
            assertEquals(List.of(), created.toList(), shell + ": evaluating the code must not create files");
        }
        Map<String, String> seen = new TreeMap<>();
        byte[] out = r.out();
        int start = 0;
        List<String> fields = new ArrayList<>();
        for (int i = 0; i < out.length; i++) {
            if (out[i] == 0) {
                fields.add(new String(out, start, i - start, StandardCharsets.UTF_8));
                start = i + 1;
            }
        }
        for (String f : fields) {
            int eq = f.indexOf('=');
            assertTrue(eq > 0, "env -0 printed a field without '='");
            String name = f.substring(0, eq);
            if (name.startsWith("AWS_") || name.startsWith("SSOKIT_")) {
                seen.put(name, f.substring(eq + 1));
            }
        }
        return seen;
    }

    /** The golden scripts themselves, evaluated: the fixed hostile profile reads back exactly. */
    @Property(tries = 1)
    @RealShell.Requires({"bash", "zsh", "fish"})
    void goldenHostileScriptsEvaluate() throws IOException {
        Path dir = Files.createTempDirectory("ssokit-env-golden");
        try {
            for (String shell : List.of("bash", "zsh", "fish")) {
                String script = Files.readString(io.ssokit.shellenv.Golden.DIR.resolve("env/hostile." + shell));
                Map<String, String> seen = evaluate(shell, script, dir);
                assertEquals(FakeHome.HOSTILE_PROFILE, seen.get("AWS_PROFILE"), shell);
                assertEquals(FakeHome.HOSTILE_ACCOUNT_NAME, seen.get("SSOKIT_ACCOUNT_NAME"), shell);
                assertEquals(FakeHome.HOSTILE.sessionToken(), seen.get("AWS_SESSION_TOKEN"), shell);
                assertEquals(null, seen.get("AWS_SECURITY_TOKEN"), shell + ": stale values are gone");
                assertEquals(null, seen.get("AWS_DEFAULT_PROFILE"), shell);
            }
        } finally {
            try (Stream<Path> all = Files.walk(dir)) {
                all.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    /**
     * PowerShell and cmd.exe are not installed here: their golden env and unset scripts are run by
     * the decoders written from their quoting grammars (as the dialects' own tests do), starting
     * from an environment with stale values.
     */
    @Property(tries = 1)
    void powershellAndCmdGoldenScriptsMeanWhatTheySay() throws IOException {
        Map<String, String> before = new TreeMap<>(Map.of("AWS_SESSION_TOKEN", "stale", "AWS_SECURITY_TOKEN", "stale",
                "AWS_PROFILE", "previous", "KEEP", "kept"));
        Map<String, String> ps = PowerShellDecoder.run(Files.readString(io.ssokit.shellenv.Golden.DIR.resolve("env/hostile.ps1")), before);
        assertEquals(FakeHome.HOSTILE_PROFILE, ps.get("AWS_PROFILE"));
        assertEquals(FakeHome.HOSTILE_ACCOUNT_NAME, ps.get("SSOKIT_ACCOUNT_NAME"));
        assertEquals(FakeHome.HOSTILE.sessionToken(), ps.get("AWS_SESSION_TOKEN"));
        assertEquals(null, ps.get("AWS_SECURITY_TOKEN"));
        assertEquals("kept", ps.get("KEEP"));
        Map<String, String> cmd = CmdDecoder.run(Files.readString(io.ssokit.shellenv.Golden.DIR.resolve("env/dev.cmd")), before, true);
        assertEquals("dev", cmd.get("AWS_PROFILE"));
        assertEquals(FakeHome.DEV.secretAccessKey(), cmd.get("AWS_SECRET_ACCESS_KEY"));
        assertEquals(null, cmd.get("AWS_SECURITY_TOKEN"));
        Map<String, String> cleared = PowerShellDecoder.run(Files.readString(io.ssokit.shellenv.Golden.DIR.resolve("unset/ours.ps1")), ps);
        assertEquals(Map.of("KEEP", "kept"), cleared, "unset removes everything env set");
    }
}
