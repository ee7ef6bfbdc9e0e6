package io.ssokit.completion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ssokit.shell.Dialects;
import io.ssokit.testing.RealShell;
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
 * The bash script in real bash: COMP_WORDS, COMP_CWORD, COMP_LINE and COMP_POINT set as bash sets
 * them ({@link BashWords}), the completion function called, COMPREPLY read back. All cases run in
 * one bash under {@code set -u -o pipefail}, and nothing may reach stderr.
 */
class BashCompletionTest {
    private static final String SEPARATOR = "<<<case>>>";

    @TempDir
    Path dir;

    CompletionFixture fx;

    @BeforeEach
    void setUp() {
        RealShell.require("bash");
        fx = new CompletionFixture(dir);
    }

    /** Runs the cases in one bash; one list of COMPREPLY entries per case line. */
    private List<List<String>> complete(Map<String, String> env, List<String> lines, boolean emptyAfterBreak) throws IOException {
        StringBuilder sb = new StringBuilder();
        sb.append("set -u -o pipefail\n");
        sb.append("source ").append(Dialects.BASH.quote(fx.script(CompletionScripts.Shell.BASH).toString())).append('\n');
        sb.append("""
                __t() {
                  COMP_LINE=$1 COMP_POINT=${#1} COMP_CWORD=$2
                  shift 2
                  COMP_WORDS=("$@")
                  COMPREPLY=()
                  _ssokit ssokit "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
                  printf '%s\\n' '""" + SEPARATOR + """
                '
                  if ((${#COMPREPLY[@]})); then printf '%s\\n' "${COMPREPLY[@]}"; fi
                }
                """);
        for (String line : lines) {
            BashWords w = BashWords.split(line, emptyAfterBreak);
            sb.append("__t ").append(Dialects.BASH.quote(line)).append(' ').append(w.cword());
            for (String word : w.words()) {
                sb.append(' ').append(Dialects.BASH.quote(word));
            }
            sb.append('\n');
        }
        Path driver = dir.resolve("driver.bash");
        Files.writeString(driver, sb.toString());
        RealShell.Result r = RealShell.run(List.of("bash", "--noprofile", "--norc", driver.toString()), env, dir, new byte[0]);
        assertEquals("", r.errText(), "stderr");
        fx.assertNothingRan(dir);
        assertEquals(0, r.exit(), "exit status");
        List<List<String>> out = new ArrayList<>();
        for (String l : r.outText().split("\n", -1)) {
            if (l.equals(SEPARATOR)) {
                out.add(new ArrayList<>());
            } else if (!l.isEmpty()) {
                out.get(out.size() - 1).add(l);
            }
        }
        assertEquals(lines.size(), out.size(), r.outText());
        return out;
    }

    @Test
    void everyCaseBothWaysBashMaySplitAfterABreak() throws IOException {
        List<CompletionCases.Case> cases = CompletionCases.all();
        List<String> lines = cases.stream().map(CompletionCases.Case::line).toList();
        for (boolean emptyAfterBreak : new boolean[] {false, true}) {
            List<List<String>> got = complete(fx.env(), lines, emptyAfterBreak);
            for (int i = 0; i < cases.size(); i++) {
                CompletionCases.Case c = cases.get(i);
                List<String> replies = got.get(i);
                if (c.exact()) {
                    assertEquals(sorted(c.forBash()), sorted(replies), "bash: " + c.line());
                } else {
                    assertTrue(replies.containsAll(c.forBash()), "bash: " + c.line() + " -> " + replies);
                }
            }
        }
    }

    @Test
    void configAndCredentialsFilesFromTheEnvironment() throws IOException {
        Path alt = dir.resolve("alt dir");
        Files.createDirectories(alt);
        Files.writeString(alt.resolve("config"), "[profile other]\n[default]\n");
        Files.writeString(alt.resolve("creds"), "[creds-only]\n");
        Map<String, String> env = fx.env();
        env.put("AWS_CONFIG_FILE", alt.resolve("config").toString());
        env.put("AWS_SHARED_CREDENTIALS_FILE", alt.resolve("creds").toString());
        assertEquals(List.of(List.of("creds-only", "default", "other")),
                complete(env, List.of("ssokit use "), false).stream().map(BashCompletionTest::sorted).toList());

        // "~/" is the home directory, as the AWS CLI reads it
        Files.writeString(fx.home.resolve("tilde-config"), "[profile from-tilde]\n");
        env = fx.env();
        env.put("AWS_CONFIG_FILE", "~/tilde-config");
        env.put("AWS_SHARED_CREDENTIALS_FILE", "~/none");
        assertEquals(List.of(List.of("from-tilde")), complete(env, List.of("ssokit use "), false));
    }

    @Test
    void noFilesAtAllIsNoCandidatesAndNoError() throws IOException {
        Map<String, String> env = fx.env();
        env.put("HOME", dir.resolve("empty-home").toString());
        assertEquals(List.of(List.of(), List.of(), List.of(), List.of("eu-west-1")),
                complete(env, List.of("ssokit use ", "ssokit roles -a ", "ssokit roles -r ", "ssokit env --region eu-west-1"), false));
    }

    @Test
    void candidateIndexLocationFromTheEnvironment() throws IOException {
        Path index = dir.resolve("index.tsv");
        Files.writeString(index, "https://x/start\tus-east-1\t444444444444\tElsewhere\tOnlyHere\n");
        Map<String, String> env = fx.env();
        env.put(CandidateIndex.LOCATION_VARIABLE, index.toString());
        assertEquals(List.of(List.of("444444444444"), List.of("OnlyHere")),
                complete(env, List.of("ssokit roles -a ", "ssokit roles -r "), false));
    }

    @Test
    void fileAndDirectoryValues() throws IOException {
        Files.createDirectories(dir.resolve("files/sub dir"));
        Files.writeString(dir.resolve("files/org.yaml"), "");
        String base = dir.resolve("files").toString();
        List<List<String>> got = complete(fx.env(), List.of(
                "ssokit env --cache-file " + base + "/o",
                "ssokit sandbox serve --state-dir " + base + "/s"), false);
        assertEquals(List.of(base + "/org.yaml"), got.get(0));
        assertEquals(List.of(base + "/sub dir"), got.get(1));
    }

    private static List<String> sorted(List<String> l) {
        List<String> s = new ArrayList<>(l);
        s.sort(null);
        return s;
    }
}
