package io.ssokit.completion;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ssokit.Env;
import io.ssokit.shell.Dialects;
import io.ssokit.testing.CliRun;
import io.ssokit.testing.RealShell;
import io.ssokit.testing.Tools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Completion as {@code shell init SHELL --cmd awsp} loads it, in the real shells: {@code ssokit}
 * completes (the packaged script is part of the integration) and so does the short form
 * {@code awsp}, exactly like {@code ssokit use}.
 */
class ShellInitCompletionTest {
    @TempDir
    Path dir;

    CompletionFixture fx;

    @BeforeEach
    void setUp() {
        fx = new CompletionFixture(dir);
    }

    private Path init(String shell) throws IOException {
        CliRun r = CliRun.run(new Env(Map.of("HOME", fx.home.toString()), fx.home), "shell", "init", shell, "--cmd", "awsp");
        assertEquals(0, r.code(), r.err());
        Path script = dir.resolve("init." + shell);
        Files.writeString(script, r.out());
        return script;
    }

    private static final List<String> DE = List.of("default", "dev", "dev space");

    @Test
    void bash() throws IOException {
        RealShell.require("bash");
        Path script = init("bash");
        // COMP_* as bash sets them for the line, then the function 'complete -F' registered
        String driver = "source " + Dialects.BASH.quote(script.toString()) + "\n" + """
                run() {
                  local fn=$1; shift
                  COMP_LINE=$1 COMP_POINT=${#1}; shift
                  COMP_WORDS=("$@") COMP_CWORD=$(($# - 1)) COMPREPLY=()
                  "$fn" "${COMP_WORDS[0]}" "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]-}"
                  printf '%s\\n' "${COMPREPLY[@]}" | LC_ALL=C sort
                  echo '--'
                }
                fn=$(complete -p awsp | sed -n 's/.*-F \\([^ ]*\\) awsp$/\\1/p')
                run "$fn" 'awsp de' awsp de
                run "$fn" '  awsp --env pr' awsp --env pr
                run "$fn" 'awsp --e' awsp --e
                run _ssokit 'ssokit use de' ssokit use de
                """;
        List<List<String>> got = blocks(RealShell.run(List.of("bash", "--norc", "-c", driver), fx.env(), dir, new byte[0]));
        assertEquals(List.of(List.of("default", "dev", "dev\\ space"), List.of("prod"), List.of("--env"),
                List.of("default", "dev", "dev\\ space")), got);
    }

    @Test
    void fish() throws IOException {
        RealShell.require("fish");
        Path script = init("fish");
        String driver = "source " + Dialects.FISH.quote(script.toString()) + "\n"
                + "for line in 'awsp de' 'awsp --env pr' 'awsp --e' 'ssokit use de'\n"
                + "  complete -C $line | string replace -r '\\t.*' '' | sort\n"
                + "  printf '%s\\n' --\n"
                + "end\n";
        List<List<String>> got = blocks(RealShell.run(List.of("fish", "--no-config", "-c", driver), fx.env(), dir, new byte[0]));
        assertEquals(List.of(DE, List.of("prod"), List.of("--env"), DE), got);
    }

    @Test
    void zsh() throws IOException {
        RealShell.require("zsh");
        Path script = init("zsh");
        Path resources = Tools.projectDir().resolve("src/test/resources/completion");
        Path cases = dir.resolve("cases");
        Files.writeString(cases, "awsp de\nawsp --env pr\nssokit use de\n");
        Map<String, String> env = fx.env();
        env.put("__T_OUT", dir.resolve("record").toString());
        env.put("__T_CASES", cases.toString());
        env.put("__T_SCRIPT", script.toString());
        env.put("__T_DUMP", dir.resolve("zcompdump").toString());
        env.put("__T_SETUP", resources.resolve("zsh-setup.zsh").toString());
        RealShell.Result r = RealShell.run(List.of("zsh", "-f", resources.resolve("zsh-drive.zsh").toString()), env, dir, new byte[0]);
        assertEquals(0, r.exit(), r.errText());
        List<List<String>> got = new ArrayList<>();
        List<String> buffers = new ArrayList<>();
        for (String l : r.outText().split("\n")) {
            if (l.startsWith("C:")) {
                got.add(new ArrayList<>());
            } else if (l.startsWith("M:")) {
                got.get(got.size() - 1).add(l.substring(2));
            } else if (l.startsWith("B:")) {
                buffers.add(l.substring(2));
            }
        }
        got.forEach(l -> l.sort(null));
        assertEquals(List.of(DE, List.of("prod"), DE), got, r.outText());
        assertEquals("awsp --env prod ", buffers.get(1), "the one match is inserted");
    }

    private static List<List<String>> blocks(RealShell.Result r) {
        assertEquals("", r.errText(), "stderr");
        assertEquals(0, r.exit());
        List<List<String>> out = new ArrayList<>();
        List<String> cur = new ArrayList<>();
        for (String l : r.outText().split("\n")) {
            if (l.equals("--")) {
                out.add(cur);
                cur = new ArrayList<>();
            } else if (!l.isEmpty()) {
                cur.add(l);
            }
        }
        return out;
    }
}
