package io.ssokit.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ssokit.SsokitException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

    @Test
    void parentPidIsCountedFromTheLastParenthesis(@TempDir Path dir) throws IOException {
        Path stat = dir.resolve("stat");
        Files.writeString(stat, "4242 (my ) (odd) name) S 1234 4242 4242 0 -1 4194560 100 0 0 0\n");
        assertEquals(1234, ShellDetector.parentPid(stat));
        Files.writeString(stat, "1 (systemd) S 0 1 1 0 -1\n");
        assertEquals(0, ShellDetector.parentPid(stat));
        assertEquals(0, ShellDetector.parentPid(dir.resolve("missing")));
    }

    @Test
    void procAdapterWalksAFakeProcessTree(@TempDir Path proc) throws IOException {
        stat(proc, "self", 300);
        stat(proc, "300", 200);
        Files.createSymbolicLink(proc.resolve("300/exe"), Path.of("/usr/bin/env"));
        stat(proc, "200", 100);
        Files.createSymbolicLink(proc.resolve("200/exe"), Path.of("/usr/bin/fish"));
        stat(proc, "100", 1);
        stat(proc, "1", 0);
        Files.createSymbolicLink(proc.resolve("1/exe"), Path.of("/sbin/init"));
        assertEquals(List.of("/usr/bin/env", "/usr/bin/fish", "", "/sbin/init"), ShellDetector.ancestorCommands(proc, 16));
        assertEquals(List.of("/usr/bin/env", "/usr/bin/fish"), ShellDetector.ancestorCommands(proc, 2));
        assertSame(Dialects.FISH, ShellDetector.detect(null, ShellDetector.ancestorCommands(proc, 16), "/bin/bash"));
    }

    private static void stat(Path proc, String pid, long ppid) throws IOException {
        Files.createDirectories(proc.resolve(pid));
        Files.writeString(proc.resolve(pid).resolve("stat"), pid + " (x) S " + ppid + " 0 0 0\n");
    }

    @Test
    void procAdapterAgreesWithProcessHandle() {
        Path proc = Path.of("/proc");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isReadable(proc.resolve("self/stat")), "no /proc here");
        List<String> viaProc = ShellDetector.ancestorCommands(proc, ShellDetector.MAX_ANCESTORS);
        List<String> viaHandle = ShellDetector.ancestorCommands(ProcessHandle.current(), ShellDetector.MAX_ANCESTORS);
        assertEquals(viaHandle.size(), viaProc.size(), viaProc + " vs " + viaHandle);
        for (int i = 0; i < viaProc.size(); i++) {
            if (!viaProc.get(i).isEmpty() && !viaHandle.get(i).isEmpty()) {
                assertEquals(viaHandle.get(i), viaProc.get(i));
            }
        }
    }
}
