package io.ssokit.completion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ssokit.shell.Dialects;
import io.ssokit.testing.RealShell;
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
 * The fish script in real fish: {@code complete -C 'LINE'} lists what TAB offers, with
 * descriptions. fish escapes what it inserts itself, so the candidates are checked unquoted.
 */
class FishCompletionTest {
    private static final String SEPARATOR = "<<<case>>>";

    @TempDir
    Path dir;

    CompletionFixture fx;

    @BeforeEach
    void setUp() {
        RealShell.require("fish");
        fx = new CompletionFixture(dir);
    }

    /** Candidate to description (empty when none), per line, in fish's order. */
    private List<Map<String, String>> complete(Map<String, String> env, List<String> lines) throws IOException {
        StringBuilder sb = new StringBuilder();
        sb.append("source ").append(Dialects.FISH.quote(fx.script(CompletionScripts.Shell.FISH).toString())).append('\n');
        for (String line : lines) {
            sb.append("echo ").append(Dialects.FISH.quote(SEPARATOR)).append("\ncomplete -C ").append(Dialects.FISH.quote(line)).append('\n');
        }
        Path driver = dir.resolve("driver.fish");
        Files.writeString(driver, sb.toString());
        RealShell.Result r = RealShell.run(List.of("fish", "--no-config", driver.toString()), env, dir, new byte[0]);
        assertEquals("", r.errText(), "stderr");
        fx.assertNothingRan(dir);
        assertEquals(0, r.exit(), "exit status");
        List<Map<String, String>> out = new ArrayList<>();
        for (String l : r.outText().split("\n", -1)) {
            if (l.equals(SEPARATOR)) {
                out.add(new LinkedHashMap<>());
            } else if (!l.isEmpty()) {
                int tab = l.indexOf('\t');
                out.get(out.size() - 1).put(tab < 0 ? l : l.substring(0, tab), tab < 0 ? "" : l.substring(tab + 1));
            }
        }
        assertEquals(lines.size(), out.size(), r.outText());
        return out;
    }

    @Test
    void everyCase() throws IOException {
        List<CompletionCases.Case> cases = CompletionCases.all();
        List<Map<String, String>> got = complete(fx.env(), cases.stream().map(CompletionCases.Case::line).toList());
        for (int i = 0; i < cases.size(); i++) {
            CompletionCases.Case c = cases.get(i);
            List<String> candidates = new ArrayList<>(got.get(i).keySet());
            if (c.exact()) {
                List<String> expected = new ArrayList<>(c.forFish());
                expected.sort(null);
                candidates.sort(null);
                assertEquals(expected, candidates, "fish: " + c.line());
            } else {
                assertTrue(candidates.containsAll(c.forFish()), "fish: " + c.line() + " -> " + candidates);
            }
        }
    }

    @Test
    void descriptions() throws IOException {
        List<Map<String, String>> got = complete(fx.env(), List.of("ssokit ", "ssokit roles --so", "ssokit roles -a "));
        assertEquals("Switch this shell to a profile", got.get(0).get("use"), "first sentence of the command description");
        assertEquals("List accounts and roles: [brackets] and a colon", got.get(0).get("roles"));
        assertEquals("Sort keys: id,role, name,role", got.get(1).get("--sort-by"));
        assertEquals("Development", got.get(2).get("111111111111"), "account names describe account ids");
        assertEquals("Staging [EU]", got.get(2).get("222222222222"));
    }

    @Test
    void loadingTwiceReplacesTheCompletions() throws IOException {
        Path driver = dir.resolve("twice.fish");
        String script = Dialects.FISH.quote(fx.script(CompletionScripts.Shell.FISH).toString());
        Files.writeString(driver, "source " + script + "\nsource " + script + "\ncomplete -C 'ssokit sandbox '\n");
        RealShell.Result r = RealShell.run(List.of("fish", "--no-config", driver.toString()), fx.env(), dir, new byte[0]);
        assertEquals("serve\tServe the emulator\n", r.outText());
        assertEquals("", r.errText());
    }
}
