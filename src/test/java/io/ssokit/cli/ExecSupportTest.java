package io.ssokit.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading "am I in my terminal's foreground?" from a /proc stat line. */
class ExecSupportTest {
    @TempDir
    Path dir;

    private boolean foreground(String stat) throws Exception {
        Path f = dir.resolve("stat");
        Files.writeString(f, stat);
        return ExecSupport.inForegroundOfTerminal(f);
    }

    @Test
    void foregroundWhenTheTerminalsGroupIsOurs() throws Exception {
        assertTrue(foreground("4242 (java) S 4200 4242 4200 34816 4242 4194560 1 2 3"));
        assertFalse(foreground("4242 (java) S 4200 4242 4200 34816 4300 4194560"), "another group owns the terminal");
        assertFalse(foreground("4242 (java) S 4200 4242 4200 0 -1 4194560"), "no terminal at all");
        assertTrue(foreground("4242 (a) b (c)) S 4200 4242 4200 34816 4242 0"), "a command name with ') ' in it");
        assertFalse(foreground("garbage"));
        assertFalse(foreground("4242 (java)"));
        assertFalse(ExecSupport.inForegroundOfTerminal(dir.resolve("missing")));
    }
}
