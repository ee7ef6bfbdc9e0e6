package io.ssokit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ssokit.Env;
import io.ssokit.completion.CompletionScripts;
import io.ssokit.shellenv.Golden;
import io.ssokit.testing.CliRun;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code shell init}: golden scripts for every shell and option, and the refusals. */
class ShellInitGoldenTest {
    @TempDir
    Path home;

    private Env env() {
        return new Env(Map.of("HOME", home.toString()), home);
    }

    @Test
    void goldenScripts() {
        for (String shell : ShellInitTemplates.SHELLS) {
            for (List<String> options : List.of(List.<String>of(), List.of("--cmd", "awsp"))) {
                String[] args = new String[3 + options.size()];
                args[0] = "shell";
                args[1] = "init";
                args[2] = shell;
                for (int i = 0; i < options.size(); i++) {
                    args[3 + i] = options.get(i);
                }
                CliRun r = CliRun.run(env(), args);
                assertEquals(0, r.code(), r.err());
                assertEquals("", r.err());
                // the completion script is pinned by its own golden (completions/): here it is a marker
                String completion = CompletionScripts.packaged(CompletionScripts.Shell.byId(shell).orElseThrow());
                assertTrue(r.out().endsWith("\n" + completion), shell + ": the completion script comes last, whole");
                String out = r.out().substring(0, r.out().length() - completion.length()) + "# <completions/" + shell + ">\n";
                Golden.check("init/" + shell + (options.isEmpty() ? "" : "-cmd") + "." + Golden.extension(shell), out);

                String[] without = java.util.Arrays.copyOf(args, args.length + 1);
                without[args.length] = "--no-completion";
                CliRun plain = CliRun.run(env(), without);
                assertEquals(0, plain.code(), plain.err());
                String register = Map.of("bash", "complete -F", "zsh", "compdef", "fish", "complete -c",
                        "powershell", "Register-ArgumentCompleter").get(shell);
                assertTrue(r.out().contains(register), shell + ": " + register);
                assertTrue(!plain.out().contains(register), shell + " --no-completion registers no completion");
                // without completion: the same script, less the completion lines (and the option
                // named in the usage comment)
                List<String> full = r.out().lines().toList();
                int at = 0;
                for (String line : plain.out().replace(" --no-completion", "").lines().toList()) {
                    while (at < full.size() && !full.get(at).equals(line)) {
                        at++;
                    }
                    assertTrue(at < full.size(), shell + ": --no-completion added a line: " + line);
                    at++;
                }
            }
        }
        assertEquals(CliRun.run(env(), "shell", "init", "powershell").out(), CliRun.run(env(), "shell", "init", "pwsh").out());
    }

    @Test
    void everyShellGetsTheSameManagedVariables() {
        for (String shell : ShellInitTemplates.SHELLS) {
            String script = CliRun.run(env(), "shell", "init", shell).out();
            for (String v : io.ssokit.shellenv.ManagedVars.ALL) {
                if (!v.equals("AWS_PROFILE")) {
                    assertTrue(script.contains("'" + v + "'"), shell + " handles " + v);
                }
            }
        }
    }

    @Test
    void refusals() {
        for (String[] args : new String[][] {
            {"shell", "init", "cmd"}, {"shell", "init", "tcsh"}, {"shell", "init", "bash", "--cmd", "1x"},
            {"shell", "init", "bash", "--cmd", "a-b"}, {"shell", "init", "bash", "--cmd", "a;b"}, {"shell", "init", "bash", "--cmd", ""},
            {"shell", "init", "bash", "--cmd", "cd"}, {"shell", "init", "fish", "--cmd", "end"}, {"shell", "init", "bash", "--cmd", "ssokit"},
            {"shell", "init", "bash", "--cmd", "__ssokit_use"}, {"shell", "init"}, {"shell"}}) {
            CliRun r = CliRun.run(env(), args);
            assertEquals(2, r.code(), String.join(" ", args) + ": " + r.err());
            assertEquals("", r.out(), "stdout stays empty");
            assertTrue(r.err().startsWith("ssokit: "), r.err());
        }
        assertTrue(CliRun.run(env(), "shell", "init", "cmd").err().contains("ssokit env --shell cmd"));
        assertTrue(CliRun.run(env(), "shell", "init", "tcsh").err().contains("bash, zsh, fish, powershell"));
    }

    @Test
    void useAndClearWithoutTheIntegrationExplainIt() {
        for (String cmd : new String[] {"use", "clear"}) {
            CliRun r = CliRun.run(new Env(Map.of("HOME", home.toString(), "SHELL", "/usr/bin/fish"), home), cmd, "dev");
            assertEquals(2, r.code());
            assertEquals("", r.out());
            assertTrue(r.err().contains("ssokit shell init fish | source"), r.err());
        }
    }
}
