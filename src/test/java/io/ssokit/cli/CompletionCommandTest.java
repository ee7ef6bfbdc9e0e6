package io.ssokit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ssokit.Env;
import io.ssokit.ExitCodes;
import io.ssokit.completion.CompletionScripts;
import io.ssokit.testing.CliRun;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompletionCommandTest {
    @TempDir
    Path home;

    Env env() {
        return new Env(Map.of("HOME", home.toString()), home);
    }

    @Test
    void printsTheScriptOfEachShellGeneratedFromTheWholeTree() {
        PrintWriter sink = new PrintWriter(PrintWriter.nullWriter());
        var model = CompletionModelReader.read(CommandFactory.buildAll(env(), sink, sink));
        for (CompletionScripts.Shell shell : CompletionScripts.Shell.values()) {
            CliRun r = CliRun.run(env(), "completion", shell.id().toUpperCase(java.util.Locale.ROOT));
            assertEquals(0, r.code(), r::toString);
            assertEquals("", r.err());
            assertEquals(CompletionScripts.render(shell, model), r.out(), shell.id());
        }
    }

    @Test
    void anUnknownShellIsAUsageErrorWithEmptyStdout() {
        CliRun r = CliRun.run(env(), "completion", "tcsh");
        assertEquals(ExitCodes.USAGE, r.code());
        assertEquals("", r.out());
        assertEquals("ssokit: no completion for shell 'tcsh': the shells are bash, zsh, fish and powershell\n",
                r.err().replace(System.lineSeparator(), "\n"));
    }

    @Test
    void helpSaysHowToInstall() {
        CliRun r = CliRun.run(env(), "completion", "--help");
        assertEquals(0, r.code());
        assertTrue(r.out().contains("bash, zsh, fish, powershell"), r.out());
        assertTrue(r.out().contains("shell init"), r.out());
    }
}
