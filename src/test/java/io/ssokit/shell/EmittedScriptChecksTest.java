package io.ssokit.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ssokit.shellenv.Golden;
import io.ssokit.testing.RealShell;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Linters and parsers over every golden script of the shell commands ({@code env}, {@code unset},
 * {@code shell init}): shellcheck for bash (and as POSIX sh where the script is meant to be
 * portable), {@code zsh -n}, {@code fish --no-execute} and {@code fish_indent --check}.
 */
class EmittedScriptChecksTest {
    /** Checks that flag literal data in single quotes as a likely mistake; quoted data is exactly that. */
    private static final String LITERAL_DATA_CHECKS = "SC1003,SC1112,SC2016";

    @TempDir
    Path dir;

    static List<Path> golden(String extension) throws IOException {
        try (Stream<Path> files = Files.walk(Golden.DIR)) {
            return files.filter(p -> p.toString().endsWith("." + extension))
                    .filter(p -> !p.getFileName().toString().startsWith("representative."))
                    .sorted().toList();
        }
    }

    private RealShell.Result run(String... command) {
        return RealShell.run(List.of(command), Map.of("PATH", System.getenv("PATH"), "HOME", dir.toString(), "LANG", "C.UTF-8",
                "XDG_CONFIG_HOME", dir.resolve("cfg").toString(), "XDG_DATA_HOME", dir.resolve("data").toString()), dir, new byte[0]);
    }

    private static void clean(RealShell.Result r, String what) {
        assertEquals("", r.outText() + r.errText(), what + " printed something");
        assertEquals(0, r.exit(), what + " exit status");
    }

    @Test
    void shellcheck() throws IOException {
        RealShell.require("shellcheck");
        List<Path> scripts = golden("bash");
        assertEquals(true, scripts.size() >= 5, "golden bash scripts found: " + scripts);
        for (Path p : scripts) {
            // NAME='value' without export (export-credentials --env) is for other scripts to source: unused here
            String exclude = LITERAL_DATA_CHECKS + (p.getParent().getFileName().toString().equals("export") ? ",SC2034" : "");
            clean(run("shellcheck", "--shell=bash", "--severity=style", "--exclude=" + exclude, p.toString()), "shellcheck " + p);
            if (!p.getParent().getFileName().toString().equals("init")) {
                // env and unset code is plain POSIX: sh, dash and ksh users eval it too
                clean(run("shellcheck", "--shell=sh", "--severity=style", "--exclude=" + exclude, p.toString()), "shellcheck -s sh " + p);
            }
        }
    }

    @Test
    void bashParses() throws IOException {
        RealShell.require("bash");
        for (Path p : golden("bash")) {
            clean(run("bash", "-n", p.toString()), "bash -n " + p);
        }
    }

    @Test
    void zshParses() throws IOException {
        RealShell.require("zsh");
        for (Path p : golden("zsh")) {
            clean(run("zsh", "--no-rcs", "-n", p.toString()), "zsh -n " + p);
        }
    }

    @Test
    void fishParsesAndIsIndented() throws IOException {
        RealShell.require("fish");
        RealShell.require("fish_indent");
        for (Path p : golden("fish")) {
            clean(run("fish", "--no-config", "--no-execute", p.toString()), "fish --no-execute " + p);
            String ours = Files.readString(p);
            String indented = run("fish_indent", p.toString()).outText();
            // fish_indent drops quotes around words that need none; the quoter always quotes
            assertEquals(ours.replaceAll(" '([\\p{L}\\p{N}_/-]+)'(?=\\s|$)", " $1"), indented, "fish_indent " + p);
        }
    }
}
