package io.ssokit.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ssokit.Env;
import io.ssokit.config.AwsConfig;
import io.ssokit.completion.CompletionScripts;
import io.ssokit.shellenv.Golden;
import io.ssokit.testing.RealShell;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The integration scripts in real shells, without Java: they source cleanly under strict flags and
 * fast; {@code ssokit use PROFILE} finds profiles with its own scan and never starts the program
 * for a profile that is plainly there (a fake {@code ssokit} on PATH records every call); the scan
 * never claims a profile botocore would not see; the prompt's minute arithmetic agrees with Java.
 */
class ShellInitRealShellTest {
    private static final List<String> SHELLS = List.of("bash", "zsh", "fish");

    @TempDir
    Path dir;

    /** What {@code shell init SHELL [--cmd awsp]} prints: the golden with the completion script in place of its marker. */
    private Path script(String shell, boolean cmd) throws IOException {
        String golden = Files.readString(Golden.DIR.resolve("init/" + shell + (cmd ? "-cmd" : "") + "." + Golden.extension(shell)));
        String marker = "# <completions/" + shell + ">\n";
        assertTrue(golden.endsWith(marker), "the golden ends with the completion marker");
        Path file = dir.resolve("init-" + shell + (cmd ? "-cmd" : ""));
        Files.writeString(file, golden.substring(0, golden.length() - marker.length())
                + CompletionScripts.packaged(CompletionScripts.Shell.byId(shell).orElseThrow()));
        return file;
    }

    private Map<String, String> env(Map<String, String> extra) {
        Map<String, String> env = new TreeMap<>();
        env.put("PATH", dir.resolve("bin") + ":" + System.getenv("PATH"));
        env.put("HOME", dir.resolve("home").toString());
        env.put("LANG", "C.UTF-8");
        env.put("XDG_CONFIG_HOME", dir.resolve("xdg").toString());
        env.put("XDG_DATA_HOME", dir.resolve("xdg").toString());
        env.putAll(extra);
        return env;
    }

    /** Runs {@code body} after loading the init script the way users do, under strict flags where the shell has them. */
    private RealShell.Result run(String shell, boolean cmd, String body, Map<String, String> extra) throws IOException {
        Files.createDirectories(dir.resolve("work"));
        Map<String, String> env = env(extra);
        env.put("INIT", script(shell, cmd).toString());
        List<String> argv = switch (shell) {
            case "bash" -> List.of("bash", "--noprofile", "--norc", "-e", "-u", "-o", "pipefail", "-c", ". \"$INIT\"\n" + body);
            case "zsh" -> List.of("zsh", "--no-rcs", "-e", "-u", "-c", ". \"$INIT\"\n" + body);
            case "fish" -> List.of("fish", "--no-config", "-c", "source $INIT\n" + body);
            default -> throw new IllegalArgumentException(shell);
        };
        return RealShell.run(argv, env, dir.resolve("work"), new byte[0]);
    }

    /** A fake ssokit that logs its argv (one NUL-terminated field each) and answers __check-profile from a list. */
    private Path fakeSsokit() throws IOException {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path log = dir.resolve("calls.log");
        Path fake = bin.resolve("ssokit");
        Files.writeString(fake, "#!/bin/sh\nprintf '%s\\0' \"$@\" >>'" + log + "'\nprintf '\\n' >>'" + log + "'\n"
                + "[ \"$1\" = __check-profile ] && [ \"$3\" = hidden ] && exit 0\n"
                + "echo 'ssokit: fake says no' >&2\nexit 1\n");
        fake.toFile().setExecutable(true);
        return log;
    }

    private static List<String> calls(Path log) throws IOException {
        if (!Files.exists(log)) {
            return List.of();
        }
        List<String> calls = new ArrayList<>();
        for (String line : Files.readString(log, StandardCharsets.UTF_8).split("\n")) {
            if (!line.isEmpty()) {
                calls.add(line.replace('\0', ' ').strip());
            }
        }
        return calls;
    }

    @Test
    void sourcesCleanlyUnderStrictFlags() throws IOException {
        for (String shell : SHELLS) {
            RealShell.require(shell);
            for (boolean cmd : new boolean[] {false, true}) {
                RealShell.Result r = run(shell, cmd, "", Map.of());
                assertEquals("", r.outText() + r.errText(), shell + " printed something while loading");
                assertEquals(0, r.exit(), shell);
            }
        }
    }

    @Test
    void useChecksProfilesWithoutStartingTheProgram() throws IOException {
        Path log = fakeSsokit();
        Path aws = Files.createDirectories(dir.resolve("home/.aws"));
        Files.writeString(aws.resolve("config"), "[default]\nregion = eu-west-1\n[profile dev]\nregion = us-east-1\n"
                + "[profile \"dev space\"]\n[profile \"a'b\"]\n[profile \"$(touch pwned)\"]\n[profile 'quoted \"x\"']\n"
                + "[profile x y]\n  [profile hidden]\n");
        Files.writeString(aws.resolve("credentials"), "[credonly]\naws_access_key_id = A\n");
        for (String shell : SHELLS) {
            RealShell.require(shell);
            Files.deleteIfExists(log);
            String q = shell.equals("fish") ? "'\\''" : "'\\''";
            String body = String.join("\n",
                    "ssokit use dev", "ssokit use 'dev space'", "ssokit use 'a" + q + "b'", "ssokit use '$(touch pwned)'",
                    "ssokit use 'quoted \"x\"'", "ssokit use credonly", "ssokit use default", "ssokit use -",
                    "printf '%s\\n' \"$AWS_PROFILE\"");
            RealShell.Result r = run(shell, false, body, Map.of("AWS_ACCESS_KEY_ID", "stale", "AWS_SESSION_TOKEN", "stale"));
            assertEquals("", r.errText(), shell);
            assertEquals(0, r.exit(), shell);
            assertEquals("credonly\n", r.outText(), shell + ": use - goes back to the previous profile");
            assertEquals(List.of(), calls(log), shell + ": profiles in the files need no program start");
            try (Stream<Path> files = Files.list(dir.resolve("work"))) {
                assertEquals(List.of(), files.toList(), shell + ": a hostile profile name must not run anything");
            }

            // beyond the scan: the program decides, with exactly the name as one argument
            Files.deleteIfExists(log);
            r = run(shell, false, "ssokit use hidden\nssokit use 'x y' || printf 'refused %s\\n' \"$AWS_PROFILE\"".replace("||",
                    shell.equals("fish") ? "; or" : "||").replace("\"$AWS_PROFILE\"", "\"$AWS_PROFILE\""), Map.of());
            assertEquals(List.of("__check-profile -- hidden", "__check-profile -- x y"), calls(log), shell);
            assertEquals("refused hidden\n", r.outText(), shell + ": a refused profile changes nothing");
            assertTrue(r.errText().contains("fake says no"), shell);
        }
    }

    @Test
    void theScanNeverSeesAProfileBotocoreDoesNot() throws IOException {
        RealShell.require("awk");
        Path corpus = Path.of(System.getProperty("ssokit.projectDir", "."), "src/test/resources/config/corpus");
        String scan = Files.readString(Path.of(System.getProperty("ssokit.projectDir", "."), "templates/shell/profile-exists.awk"));
        List<Path> configs;
        try (Stream<Path> files = Files.list(corpus)) {
            configs = files.filter(p -> p.toString().endsWith(".config") && !p.getFileName().toString().startsWith("bad-")).sorted().toList();
        }
        Path extra = dir.resolve("extra.config");
        Files.writeString(extra, "[profile a b]\n[profile 'c d' ]\n[profile \"e\\\"f\"]\n[profiles g]\n[profile h]x\n[ profile i]\n"
                + "[default]\n[profile default]\nk = v\n  [profile l]\n[DEFAULT]\nx = 1\n[profile \"m n\"]\n[sso-session o]\n");
        List<Path> all = new ArrayList<>(configs);
        all.add(extra);
        int found = 0;
        for (Path config : all) {
            Env env = new Env(Map.of("AWS_CONFIG_FILE", config.toString(), "AWS_SHARED_CREDENTIALS_FILE", "/nonexistent"), dir);
            List<String> real = AwsConfig.load(env).profileNames();
            List<String> candidates = new ArrayList<>(real);
            candidates.addAll(List.of("a", "b", "a b", "c d", "e\"f", "g", "h", "i", "j", "l", "m n", "o", "DEFAULT", "nope", "default"));
            for (String name : candidates) {
                RealShell.Result r = RealShell.run(List.of("awk", scan, "kind=config", config.toString(), "kind=credentials", "/dev/null"),
                        Map.of("PATH", System.getenv("PATH"), "__SSOKIT_WANT", name, "LC_ALL", "C.UTF-8"), dir, new byte[0]);
                if (r.exit() == 0) {
                    assertTrue(real.contains(name), config.getFileName() + ": the scan claims '" + name + "', botocore does not see it");
                    found++;
                }
            }
        }
        assertTrue(found >= 10, "the scan finds ordinary profiles (" + found + ")");
    }

    @Test
    void promptMinutesAgreeWithJava() throws IOException {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        List<Instant> expirations = List.of(now.plus(Duration.ofMinutes(90)).plusSeconds(30), now.plus(Duration.ofDays(400)),
                now.minus(Duration.ofMinutes(5)), Instant.parse("2024-02-29T12:00:00Z"), Instant.parse("2099-12-31T23:59:59Z"),
                Instant.parse("2100-03-01T00:00:00Z"));
        for (String shell : SHELLS) {
            RealShell.require(shell);
            for (Instant e : expirations) {
                for (String text : List.of(DateTimeFormatter.ISO_INSTANT.format(e), DateTimeFormatter.ISO_INSTANT.format(e).replace("Z", "+00:00"))) {
                    RealShell.Result r = run(shell, false, shell.equals("fish") ? "ssokit_prompt" : "ssokit_prompt",
                            Map.of("AWS_ACCESS_KEY_ID", "A", "SSOKIT_ACCOUNT_ID", "111111111111", "SSOKIT_ROLE_NAME", "Dev",
                                    "AWS_CREDENTIAL_EXPIRATION", text));
                    long minutes = Math.floorDiv(e.getEpochSecond() - Instant.now().getEpochSecond(), 60);
                    String out = r.outText();
                    if (minutes <= 0) {
                        assertEquals("111111111111/Dev (expired)", out, shell + " " + text);
                    } else {
                        assertTrue(out.startsWith("111111111111/Dev (") && out.endsWith("m)"), shell + ": " + out);
                        long shown = Long.parseLong(out.substring(out.indexOf('(') + 1, out.length() - 2));
                        assertTrue(Math.abs(shown - minutes) <= 1, shell + " " + text + ": shell says " + shown + ", Java " + minutes);
                    }
                }
            }
            assertEquals("", run(shell, false, "ssokit_prompt", Map.of()).outText(), shell + ": nothing active");
            assertEquals("dev", run(shell, false, "ssokit_prompt", Map.of("AWS_PROFILE", "dev")).outText(), shell);
            assertEquals("Development/Dev", run(shell, false, "ssokit_prompt", Map.of("AWS_ACCESS_KEY_ID", "A", "SSOKIT_ACCOUNT_ID", "1",
                    "SSOKIT_ACCOUNT_NAME", "Development", "SSOKIT_ROLE_NAME", "Dev", "AWS_CREDENTIAL_EXPIRATION", "garbage")).outText(), shell);
        }
        assertEquals("100%% (p)", run("zsh", false, "ssokit_prompt", Map.of("AWS_PROFILE", "100% (p)")).outText(),
                "zsh doubles % for prompt expansion");
    }
}
