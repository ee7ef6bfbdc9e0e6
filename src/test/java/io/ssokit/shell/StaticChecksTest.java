package io.ssokit.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ssokit.testing.RealShell;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Linters and parsers over emitted scripts: the representative set-and-unset script and one with
 * a variable per hostile fragment.
 */
class StaticChecksTest {
    /**
     * ShellCheck's checks that flag literal text inside single quotes as a probable mistake, which
     * is exactly what quoted data is: SC2016 ("expressions don't expand in single quotes"), SC1003
     * ("want to escape a single quote?" on a literal backslash) and SC1112 (a typographic quote).
     * Everything else, parse errors included, fails the test.
     */
    private static final String LITERAL_DATA_CHECKS = "SC1003,SC1112,SC2016";

    @TempDir
    Path dir;

    private List<Path> scripts(Dialect d) throws IOException {
        Path a = dir.resolve(d.id() + "-representative");
        Path b = dir.resolve(d.id() + "-fragments");
        Files.write(a, d.render(Fixtures.representative(d)).getBytes(StandardCharsets.UTF_8));
        Files.write(b, d.render(Fixtures.everyFragment()).getBytes(StandardCharsets.UTF_8));
        return List.of(a, b);
    }

    private RealShell.Result run(String... command) {
        return RealShell.run(List.of(command), Map.of("PATH", System.getenv("PATH"), "HOME", dir.toString(),
                "LANG", "C.UTF-8", "XDG_CONFIG_HOME", dir.resolve("cfg").toString(), "XDG_DATA_HOME", dir.resolve("data").toString()),
                dir, new byte[0]);
    }

    private static void clean(RealShell.Result r, String what) {
        assertEquals("", r.outText() + r.errText(), what + " printed something");
        assertEquals(0, r.exit(), what + " exit status");
    }

    @Test
    void shellcheckAsBashAndAsPosixSh() throws IOException {
        RealShell.require("shellcheck");
        for (Path p : scripts(Dialects.BASH)) {
            clean(run("shellcheck", "--shell=bash", "--severity=style", "--exclude=" + LITERAL_DATA_CHECKS, p.toString()), "shellcheck -s bash " + p);
            clean(run("shellcheck", "--shell=sh", "--severity=style", "--exclude=" + LITERAL_DATA_CHECKS, p.toString()), "shellcheck -s sh " + p);
        }
    }

    @Test
    void bashAndDashParse() throws IOException {
        RealShell.require("bash");
        RealShell.require("dash");
        for (Path p : scripts(Dialects.BASH)) {
            clean(run("bash", "-n", p.toString()), "bash -n " + p);
            clean(run("dash", "-n", p.toString()), "dash -n " + p);
        }
    }

    @Test
    void zshParses() throws IOException {
        RealShell.require("zsh");
        for (Path p : scripts(Dialects.ZSH)) {
            clean(run("zsh", "--no-rcs", "-n", p.toString()), "zsh -n " + p);
        }
    }

    @Test
    void fishParses() throws IOException {
        RealShell.require("fish");
        for (Path p : scripts(Dialects.FISH)) {
            clean(run("fish", "--no-config", "--no-execute", p.toString()), "fish --no-execute " + p);
        }
    }

    /**
     * fish_indent must leave the layout alone. fish 3.6's fish_indent also drops quotes around a
     * word made only of letters, digits, {@code _ - /}, which is style, not meaning; the quoter
     * always quotes (one rule, no "safe to leave bare" test to get wrong), so that exact
     * difference, and only it, is accepted. Where nothing is unquotable, --check must pass as is.
     *
     * <p>Values with the private-use code points fish keeps for itself (U+F600..U+F6FF,
     * U+FDD0..U+FDEF) are left out here only: fish 3.6 itself reads them back exactly (the real-shell
     * round trip covers them), but fish_indent writes them out as raw bytes, and U+F600 as a NUL
     * that cuts its output short.
     */
    @Test
    void fishIndentKeepsTheLayout() throws IOException {
        RealShell.require("fish_indent");
        Path fragments = dir.resolve("fish-indent-fragments");
        List<EnvOp> ops = new ArrayList<>();
        for (EnvOp op : Fixtures.everyFragment()) {
            if (!(op instanceof EnvOp.Set set) || !fishInternal(set.value())) {
                ops.add(op);
            }
        }
        Files.write(fragments, Dialects.FISH.render(ops).getBytes(StandardCharsets.UTF_8));
        for (Path p : List.of(scripts(Dialects.FISH).get(0), fragments)) {
            String ours = Files.readString(p);
            String indented = run("fish_indent", p.toString()).outText();
            List<String> a = List.of(ours.split("\n", -1));
            List<String> b = List.of(indented.split("\n", -1));
            assertEquals(a.size(), b.size(), "fish_indent changed the number of lines of " + p);
            List<String> unquoted = new ArrayList<>();
            for (int i = 0; i < a.size(); i++) {
                if (!a.get(i).equals(b.get(i))) {
                    String expectBare = a.get(i).replaceFirst(" '([\\p{L}\\p{N}_/-]+)'$", " $1");
                    assertEquals(expectBare, b.get(i), "fish_indent changed more than quotes on line " + (i + 1) + " of " + p);
                    unquoted.add(a.get(i));
                }
            }
            assertTrue(unquoted.size() < a.size() / 2, "most lines are left exactly as emitted");
        }
        Path needsQuotes = dir.resolve("quoted.fish");
        Files.writeString(needsQuotes, Dialects.FISH.render(List.of(new EnvOp.Unset("A"), new EnvOp.Set("A", "a b"),
                new EnvOp.Set("B", "it's"), new EnvOp.Set("C", "x\ny"), new EnvOp.Unset("D"))));
        clean(run("fish_indent", "--check", needsQuotes.toString()), "fish_indent --check");
    }

    private static boolean fishInternal(String v) {
        return v.chars().anyMatch(c -> (c >= 0xf600 && c <= 0xf6ff) || (c >= 0xfdd0 && c <= 0xfdef));
    }
}
