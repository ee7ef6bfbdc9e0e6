package io.ssokit.completion;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ssokit.shell.Dialects;
import io.ssokit.testing.RealShell;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each script loads in its real shell silently and registers itself, in every way it is meant to
 * be loaded; and the linters and parsers of each shell accept it. Run on the scripts of the real
 * command tree and of the fixture tree.
 */
class CompletionLoadTest {
    @TempDir
    Path dir;

    CompletionFixture fx;
    Path real;

    @BeforeEach
    void setUp() throws IOException {
        fx = new CompletionFixture(dir);
        real = dir.resolve("real");
        Files.createDirectories(real);
        CommandModel model = CompletionScriptsTest.realModel(dir.resolve("home"));
        for (CompletionScripts.Shell s : CompletionScripts.Shell.values()) {
            Files.writeString(real.resolve(s.fileName()), CompletionScripts.render(s, model), StandardCharsets.UTF_8);
        }
    }

    private List<Path> both(CompletionScripts.Shell shell) {
        return List.of(real.resolve(shell.fileName()), fx.script(shell));
    }

    private RealShell.Result run(Map<String, String> env, String... command) {
        return RealShell.run(List.of(command), env, dir, new byte[0]);
    }

    private static void silent(RealShell.Result r, String what) {
        assertEquals("", r.errText(), what + ": stderr");
        assertEquals("", r.outText(), what + ": stdout");
        assertEquals(0, r.exit(), what + ": exit status");
    }

    @Test
    void bashLoadsSilentlyUnderStrictFlagsAndRegisters() {
        RealShell.require("bash");
        for (Path p : both(CompletionScripts.Shell.BASH)) {
            String q = Dialects.BASH.quote(p.toString());
            silent(run(fx.env(), "bash", "--noprofile", "--norc", "-e", "-u", "-o", "pipefail", "-c", "source " + q), "source " + p);
            // as shell init may load it: inside a function
            silent(run(fx.env(), "bash", "--noprofile", "--norc", "-e", "-u", "-c", "f() { source " + q + "; }; f"), "in a function " + p);
            RealShell.Result r = run(fx.env(), "bash", "--noprofile", "--norc", "-c", "source " + q + "; complete -p ssokit");
            assertEquals("complete -F _ssokit ssokit\n", r.outText(), p.toString());
        }
    }

    @Test
    void zshLoadsSilentlyWithCompinitAndRegisters() {
        RealShell.require("zsh");
        String dump = Dialects.ZSH.quote(dir.resolve("zcompdump").toString());
        for (Path p : both(CompletionScripts.Shell.ZSH)) {
            String q = Dialects.ZSH.quote(p.toString());
            silent(run(fx.env(), "zsh", "-f", "-e", "-u", "-c", "autoload -Uz compinit && compinit -u -d " + dump + " && source " + q),
                    "source after compinit " + p);
            RealShell.Result r = run(fx.env(), "zsh", "-f", "-c",
                    "autoload -Uz compinit && compinit -u -d " + dump + " && source " + q + " && print -r -- $_comps[ssokit]");
            assertEquals("_ssokit\n", r.outText(), p + ": registered with compdef; " + r.errText());
        }
    }

    /** In $fpath, compinit finds it by its #compdef line and loads it on the first TAB. */
    @Test
    void zshFindsItInFpath() throws IOException {
        RealShell.require("zsh");
        Path fpathDir = dir.resolve("site-functions");
        Files.createDirectories(fpathDir);
        Files.copy(real.resolve("_ssokit"), fpathDir.resolve("_ssokit"));
        RealShell.Result r = run(fx.env(), "zsh", "-f", "-c", "fpath=(" + Dialects.ZSH.quote(fpathDir.toString())
                + " $fpath); autoload -Uz compinit && compinit -u -d " + Dialects.ZSH.quote(dir.resolve("d2").toString())
                + " && print -r -- $_comps[ssokit]");
        assertEquals("_ssokit\n", r.outText(), r.errText());
        assertEquals("", r.errText());
    }

    /** Loaded before compinit (shell init early in .zshrc): silent, and registered at the first prompt. */
    @Test
    void zshLoadedBeforeCompinitRegistersAtTheFirstPrompt() {
        RealShell.require("zsh");
        for (Path p : both(CompletionScripts.Shell.ZSH)) {
            String q = Dialects.ZSH.quote(p.toString());
            silent(run(fx.env(), "zsh", "-f", "-e", "-u", "-c", "source " + q), "source without compinit " + p);
            RealShell.Result r = run(fx.env(), "zsh", "-f", "-c", "source " + q
                    + " && autoload -Uz compinit && compinit -u -d " + Dialects.ZSH.quote(dir.resolve("d3").toString())
                    // what the precmd hook does before the first prompt
                    + " && for f in $precmd_functions; do $f; done"
                    + " && print -r -- $_comps[ssokit] ${+functions[__ssokit_compdef]} ${#precmd_functions}");
            assertEquals("_ssokit 0 0\n", r.outText(), p + ": " + r.errText());
        }
    }

    @Test
    void fishLoadsSilently() {
        RealShell.require("fish");
        for (Path p : both(CompletionScripts.Shell.FISH)) {
            silent(run(fx.env(), "fish", "--no-config", "-c", "source " + Dialects.FISH.quote(p.toString())), "source " + p);
        }
    }

    @Test
    void shellcheck() {
        RealShell.require("shellcheck");
        for (Path p : both(CompletionScripts.Shell.BASH)) {
            silent(run(fx.env(), "shellcheck", "--shell=bash", "--severity=style", p.toString()), "shellcheck " + p);
        }
    }

    @Test
    void zshParses() {
        RealShell.require("zsh");
        for (Path p : both(CompletionScripts.Shell.ZSH)) {
            silent(run(fx.env(), "zsh", "-f", "-n", p.toString()), "zsh -n " + p);
        }
    }

    @Test
    void fishParsesAndIsInFishIndentForm() {
        RealShell.require("fish");
        RealShell.require("fish_indent");
        for (Path p : both(CompletionScripts.Shell.FISH)) {
            silent(run(fx.env(), "fish", "--no-config", "--no-execute", p.toString()), "fish --no-execute " + p);
            silent(run(fx.env(), "fish_indent", "--check", p.toString()), "fish_indent --check " + p);
        }
    }
}
