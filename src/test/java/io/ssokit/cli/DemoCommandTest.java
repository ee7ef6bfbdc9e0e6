package io.ssokit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ssokit.Env;
import io.ssokit.testing.CliRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoCommandTest {

    @Test
    void theTourRunsEveryStepAndLeavesNothingBehind(@TempDir Path home) throws IOException {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        List<Path> before = demoDirs(tmp);
        Env env = new Env(Map.of("HOME", home.toString(), "PATH", System.getenv("PATH")), home);

        CliRun r = CliRun.run(env, "demo");

        assertEquals(0, r.code(), r.err());
        // the product of each step is on stdout: config, roles table, credentials JSON, the caller ARN
        assertTrue(r.out().contains("[sso-session sandbox]"), r.out());
        assertTrue(r.out().contains("Production [EU]"), r.out());
        assertTrue(r.out().contains("\"Version\":1"), r.out());
        assertTrue(r.out().contains("arn:aws:sts::111111111111:assumed-role/AWSReservedSSO_Developer_"), r.out());
        assertTrue(r.out().contains("export AWS_SESSION_TOKEN='"), r.out());
        assertTrue(r.out().matches("(?s).*\nhttp://127\\.0\\.0\\.1:\\d+/federation\\?Action=login&Issuer=[^\n]*&SigninToken=[^\n]+\n.*"),
                "the console sign-in URL: " + r.out());
        assertTrue(r.out().contains("\ninstance_id,principal_type,principal_id"), r.out());
        assertTrue(r.out().contains(",GROUP,") && r.out().contains(",Developers,"), "the admin assignments include a group: " + r.out());
        // narration on stderr, and the second credential-process was a cache hit
        assertTrue(r.err().contains("$ ssokit login --sso-session sandbox"), r.err());
        assertTrue(r.err().contains("GetRoleCredentials calls so far: 1 (the second call was a cache hit)"), r.err());
        // the user's HOME is untouched and the temporary one is gone
        try (Stream<Path> s = Files.list(home)) {
            assertEquals(0, s.count());
        }
        assertEquals(before, demoDirs(tmp));
    }

    private static List<Path> demoDirs(Path tmp) throws IOException {
        try (Stream<Path> s = Files.list(tmp)) {
            return s.filter(p -> p.getFileName().toString().startsWith("ssokit-demo")).sorted().toList();
        }
    }
}
