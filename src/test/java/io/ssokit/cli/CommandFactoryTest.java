package io.ssokit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ssokit.Env;
import io.ssokit.ExitCodes;
import io.ssokit.Version;
import io.ssokit.testing.CliRun;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CommandFactoryTest {
    @TempDir
    Path home;

    Env env() {
        return new Env(Map.of("HOME", home.toString()), home);
    }

    @Test
    void versionIsBare() {
        for (String option : new String[] {"--version", "-V"}) {
            CliRun r = CliRun.run(env(), option);
            assertEquals(0, r.code());
            assertEquals(Version.get() + System.lineSeparator(), r.out());
            assertEquals("", r.err());
            // the fast path answers it; picocli's own answer is the same bytes
            java.io.StringWriter out = new java.io.StringWriter();
            java.io.StringWriter err = new java.io.StringWriter();
            assertEquals(0, CommandFactory.execute(new String[] {option}, env(), new java.io.PrintWriter(out),
                    new java.io.PrintWriter(err)));
            assertEquals(r.out(), out.toString(), option);
        }
    }

    @Test
    void helpGoesToStdoutAndListsExitCodes() {
        CliRun r = CliRun.run(env(), "--help");
        assertEquals(0, r.code());
        assertTrue(r.out().contains("Exit codes"), r.out());
        assertEquals("", r.err());
    }

    @Test
    void unknownCommandIsAUsageErrorWithEmptyStdout() {
        CliRun r = CliRun.run(env(), "frobnicate");
        assertEquals(ExitCodes.USAGE, r.code());
        assertEquals("", r.out());
        assertTrue(r.err().startsWith("ssokit: "), r.err());
    }

    @Test
    void everyRegisteredCommandResolvesAndBuilds() {
        for (String name : CommandFactory.COMMANDS) {
            assertNotNull(CommandFactory.newCommand(name), name);
        }
        PrintWriter sink = new PrintWriter(PrintWriter.nullWriter());
        CommandLine all = CommandFactory.buildAll(env(), sink, sink);
        assertEquals(CommandFactory.COMMANDS.size(), all.getSubcommands().size());
    }

    @Test
    void reportMapsExceptionsToOneLine() {
        java.io.StringWriter w = new java.io.StringWriter();
        int code = CommandFactory.report(new PrintWriter(w), new io.ssokit.SsokitException(3, "boom"), false);
        assertEquals(3, code);
        assertEquals("ssokit: boom" + System.lineSeparator(), w.toString());

        w = new java.io.StringWriter();
        code = CommandFactory.report(new PrintWriter(w), new IllegalStateException("bad"), false);
        assertEquals(ExitCodes.INTERNAL, code);
        assertTrue(w.toString().contains("--debug"), w.toString());
        assertEquals(1, w.toString().lines().count());
    }

    @Test
    void firstCommandNameSkipsOptions() {
        assertEquals("login", CommandFactory.firstCommandName(new String[] {"--debug", "login", "x"}));
        assertEquals(null, CommandFactory.firstCommandName(new String[] {"--help"}));
    }
}
