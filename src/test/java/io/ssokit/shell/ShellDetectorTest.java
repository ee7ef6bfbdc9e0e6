package io.ssokit.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ssokit.SsokitException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShellDetectorTest {
    private static Dialect detect(String shellVar, String... ancestors) {
        return ShellDetector.detect(null, Arrays.asList(ancestors), shellVar);
    }

    @Test
    void explicitValueWins() {
        assertSame(Dialects.FISH, ShellDetector.detect("fish", List.of("/usr/bin/zsh"), "/bin/bash"));
        assertSame(Dialects.POWERSHELL, ShellDetector.detect("PWSH", List.of(), null));
        assertSame(Dialects.CMD, ShellDetector.detect("cmd", List.of("/usr/bin/fish"), null));
    }

    @Test
    void unknownExplicitValueListsTheSupportedOnes() {
        SsokitException e = assertThrows(SsokitException.class, () -> ShellDetector.detect("tcsh", List.of("/usr/bin/bash"), null));
        assertEquals(2, e.exitCode());
        assertEquals("unsupported shell \"tcsh\"; --shell must be one of: bash, zsh, fish, powershell, cmd", e.getMessage());
        SsokitException hostile = assertThrows(SsokitException.class, () -> Dialects.parse("x\u001b[2J"));
        assertFalse(hostile.getMessage().contains("\u001b"), "no terminal escapes echoed");
    }

    @Test
    void nearestShellAncestorDecides() {
        assertSame(Dialects.ZSH, detect("/bin/bash", "/usr/bin/zsh", "/usr/bin/fish"));
        assertSame(Dialects.FISH, detect(null, "/usr/bin/fish", "/usr/bin/sshd"));
        assertSame(Dialects.BASH, detect("/usr/bin/fish", "/usr/bin/bash"));
    }

    @Test
    void walksPastEnvJavaTheLauncherAndUnreadableEntries() {
        assertSame(Dialects.FISH, detect("/bin/bash", "/usr/bin/env", "/usr/lib/jvm/java-17/bin/java", "", null, "ssokit", "/usr/bin/fish"));
    }

    @Test
    void walksPastProgramsThatAreNotShells() {
        assertSame(Dialects.ZSH, detect("/bin/bash", "/usr/bin/sudo", "/usr/bin/tmux", "/usr/bin/zsh"));
        assertSame(Dialects.FISH, detect(null, "/usr/bin/python3.11", "/usr/share/code/code", "/usr/bin/fish"));
    }

    @Test
    void posixShMeansTheBashDialectBecauseItReadsOurOutput() {
        // a Makefile recipe or #!/bin/sh script evals our output; the fish user's login shell does not
        assertSame(Dialects.BASH, detect("/usr/bin/fish", "/usr/bin/dash", "/usr/bin/make", "/usr/bin/fish"));
        assertSame(Dialects.BASH, detect("/usr/bin/fish", "/bin/sh", "/usr/bin/fish"));
        assertSame(Dialects.BASH, detect(null, "/bin/busybox"));
        assertSame(Dialects.BASH, detect(null, "/usr/bin/ksh93"));
    }

    @Test
    void namesAreNormalised() {
        assertSame(Dialects.BASH, detect(null, "-bash"));
        assertSame(Dialects.ZSH, detect(null, "-zsh"));
        assertSame(Dialects.ZSH, detect(null, "/bin/zsh-5.9"));
        assertSame(Dialects.ZSH, detect(null, "/usr/local/bin/zsh5"));
        assertSame(Dialects.POWERSHELL, detect(null, "C:\\Program Files\\PowerShell\\7\\pwsh.exe"));
        assertSame(Dialects.POWERSHELL, detect(null, "C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\PowerShell.EXE"));
        assertSame(Dialects.POWERSHELL, detect(null, "/opt/microsoft/powershell/7/pwsh"));
        assertSame(Dialects.CMD, detect(null, "C:\\Windows\\System32\\cmd.exe"));
        assertSame(Dialects.FISH, detect(null, "  /usr/bin/fish  "));
        // only known shells lose a version suffix
        assertSame(Dialects.BASH, detect("/bin/bash", "/usr/bin/fishy2"));
    }

    @Test
    void fallsBackToShellVariableThenBash() {
        assertSame(Dialects.FISH, detect("/usr/local/bin/fish", "/usr/bin/sshd", "/sbin/init"));
        assertSame(Dialects.ZSH, detect("/bin/zsh"));
        assertSame(Dialects.BASH, detect(null));
        assertSame(Dialects.BASH, detect(""));
        assertSame(Dialects.BASH, detect("/usr/bin/sshd"));
        assertSame(Dialects.BASH, detect("/bin/sh", "/usr/sbin/cron"));
    }

    @Test
    void aShellWithoutADialectIsAnErrorNotAGuess() {
        SsokitException e = assertThrows(SsokitException.class, () -> detect("/bin/bash", "/usr/bin/tcsh", "/usr/bin/bash"));
        assertEquals(2, e.exitCode());
        assertTrue(e.getMessage().contains("tcsh") && e.getMessage().contains("--shell"), e.getMessage());
        assertThrows(SsokitException.class, () -> detect("/usr/bin/nu"));
    }

    @Test
    void adapterReadsTheRealProcessTree() {
        List<String> chain = ShellDetector.ancestorCommands(ProcessHandle.current(), ShellDetector.MAX_ANCESTORS);
        assertFalse(chain.isEmpty(), "a test JVM has a parent");
        assertTrue(chain.size() <= ShellDetector.MAX_ANCESTORS);
        assertEquals(ProcessHandle.current().parent().orElseThrow().info().command().orElse(""), chain.get(0));
        assertEquals(1, ShellDetector.ancestorCommands(ProcessHandle.current(), 1).size());
        // whatever the tree, detection over it gives a dialect rather than an error
        Dialect d = ShellDetector.detect(null, "/bin/bash");
        assertTrue(Dialects.all().contains(d));
    }
}
