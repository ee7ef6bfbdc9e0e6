package io.ssokit.completion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ssokit.testing.RealShell;
import io.ssokit.testing.Tools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The zsh script in a real interactive zsh with compinit, driven through a pseudo-terminal
 * (zsh/zpty): each case line is put in the line editor and completed by zle itself; the matches
 * that reach compadd and the line after TAB are recorded. So quoting on insertion is zsh's real
 * behaviour, not a model of it.
 */
class ZshCompletionTest {
    @TempDir
    Path dir;

    CompletionFixture fx;

    @BeforeEach
    void setUp() {
        RealShell.require("zsh");
        fx = new CompletionFixture(dir);
    }

    record Outcome(List<String> matches, String buffer) {
    }

    private Map<String, Outcome> complete(Map<String, String> env, List<String> lines) throws IOException {
        Path resources = Tools.projectDir().resolve("src/test/resources/completion");
        Path cases = dir.resolve("cases");
        Files.writeString(cases, String.join("\n", lines) + "\n");
        env.put("__T_OUT", dir.resolve("record").toString());
        env.put("__T_CASES", cases.toString());
        env.put("__T_SCRIPT", fx.script(CompletionScripts.Shell.ZSH).toString());
        env.put("__T_DUMP", dir.resolve("zcompdump").toString());
        env.put("__T_SETUP", resources.resolve("zsh-setup.zsh").toString());
        RealShell.Result r = RealShell.run(List.of("zsh", "-f", resources.resolve("zsh-drive.zsh").toString()), env, dir, new byte[0]);
        assertEquals(0, r.exit(), r.errText());
        fx.assertNothingRan(dir);
        Map<String, Outcome> out = new LinkedHashMap<>();
        String current = null;
        List<String> matches = new ArrayList<>();
        for (String l : r.outText().split("\n")) {
            if (l.startsWith("C:")) {
                current = l.substring(2);
                matches = new ArrayList<>();
            } else if (l.startsWith("M:")) {
                matches.add(l.substring(2));
            } else if (l.startsWith("B:")) {
                out.put(current, new Outcome(matches, l.substring(2)));
            }
        }
        assertEquals(lines.size(), out.size(), r.outText());
        return out;
    }

    @Test
    void everyCase() throws IOException {
        List<CompletionCases.Case> cases = CompletionCases.all();
        Map<String, Outcome> got = complete(fx.env(), cases.stream().map(CompletionCases.Case::line).toList());
        for (CompletionCases.Case c : cases) {
            List<String> matches = got.get(c.line()).matches();
            if (c.exact()) {
                assertEquals(sorted(c.expected()), sorted(matches), "zsh: " + c.line());
            } else {
                assertTrue(matches.containsAll(c.expected()), "zsh: " + c.line() + " -> " + matches);
            }
        }
    }

    /** What TAB leaves on the line when there is one match: zsh quotes it as the word is quoted. */
    @Test
    void insertionIsQuoted() throws IOException {
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("ssokit use dev\\ s", "ssokit use dev\\ space ");
        expected.put("ssokit use 'dev s", "ssokit use 'dev space' ");
        expected.put("ssokit use it", "ssokit use it\\'s ");
        expected.put("ssokit use \"it", "ssokit use \"it's\" ");
        expected.put("ssokit roles --output=j", "ssokit roles --output=json ");
        expected.put("ssokit roles -u https://b", "ssokit roles -u https://b.awsapps.com/start ");
        expected.put("ssokit roles -a 2", "ssokit roles -a 222222222222 ");
        expected.put("ssokit use q", "ssokit use q\\$\\(touch\\ pwned\\)\\`touch\\ pwned2\\` ");
        expected.put("ssokit use 'q", "ssokit use 'q$(touch pwned)`touch pwned2`' ");
        expected.put("ssokit use zzz", "ssokit use zzz");
        Map<String, Outcome> got = complete(fx.env(), new ArrayList<>(expected.keySet()));
        for (Map.Entry<String, String> e : expected.entrySet()) {
            assertEquals(e.getValue(), got.get(e.getKey()).buffer(), "zsh line after TAB on: " + e.getKey());
        }
    }

    @Test
    void configFileFromTheEnvironment() throws IOException {
        Files.writeString(dir.resolve("alt-config"), "[profile 'other one']\n");
        Map<String, String> env = fx.env();
        env.put("AWS_CONFIG_FILE", dir.resolve("alt-config").toString());
        env.put("AWS_SHARED_CREDENTIALS_FILE", dir.resolve("none").toString());
        Map<String, Outcome> got = complete(env, List.of("ssokit use "));
        assertEquals(List.of("other one"), got.get("ssokit use ").matches());
        assertEquals("ssokit use other\\ one ", got.get("ssokit use ").buffer());
    }

    private static List<String> sorted(List<String> l) {
        List<String> s = new ArrayList<>(l);
        s.sort(null);
        return s;
    }
}
