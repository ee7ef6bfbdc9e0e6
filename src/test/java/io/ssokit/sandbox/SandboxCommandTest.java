package io.ssokit.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ssokit.Env;
import io.ssokit.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code ssokit sandbox} commands in-process: the paths that end before the server starts. */
class SandboxCommandTest {
    record Run(int exit, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new Env(Map.of(), Path.of("/nonexistent-home")), new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void groupWithoutVerbIsAUsageError() {
        Run r = run("sandbox");
        assertEquals(2, r.exit());
        assertEquals("", r.out());
        assertTrue(r.err().startsWith("ssokit: missing subcommand: try 'ssokit sandbox serve'"), r.err());
    }

    @Test
    void badServeOptionsLeaveStdoutEmpty() {
        for (String[] args : new String[][] {
            {"sandbox", "serve", "--error-rate", "2"},
            {"sandbox", "serve", "--throttle", "-1"},
            {"sandbox", "serve", "--port", "70000"},
            {"sandbox", "serve", "--roles-per-account", "2"},
            {"sandbox", "serve", "--latency", "-5"},
            {"sandbox", "serve", "--poll-interval", "-1"},
        }) {
            Run r = run(args);
            assertEquals(2, r.exit(), String.join(" ", args) + ": " + r.err());
            assertEquals("", r.out(), String.join(" ", args));
            assertEquals(1, r.err().lines().count(), r.err());
            assertTrue(r.err().startsWith("ssokit: --"), r.err());
        }
    }

    @Test
    void helpDocumentsEveryOption() {
        Run r = run("sandbox", "serve", "--help");
        assertEquals(0, r.exit());
        for (String option : new String[] {"--port", "--host", "--org", "--accounts", "--roles-per-account", "--auto-approve",
            "--latency", "--throttle", "--error-rate", "--seed", "--token-ttl", "--credentials-ttl", "--client-ttl",
            "--poll-interval", "--device-code-ttl", "--state-dir", "--verbose"}) {
            assertTrue(r.out().contains(option), option);
        }
    }

    @Test
    void exampleOrgIsAValidOrg() {
        Run r = run("sandbox", "example-org");
        assertEquals(0, r.exit());
        assertEquals("", r.err());
        Org org = OrgLoader.parse(r.out(), true, "example-org");
        assertEquals(3, org.accounts().size());
        assertEquals("alice", org.defaultUser().name());
    }
}
