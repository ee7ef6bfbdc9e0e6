package io.ssokit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ssokit.Env;
import io.ssokit.credentials.CredentialCache;
import io.ssokit.shellenv.FakeHome;
import io.ssokit.testing.CliRun;
import java.io.PrintWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * {@code export-credentials --container/--imds} up to the point where it would serve: every
 * refusal happens before a port is bound, with aws-export-credentials' exit codes and stdout
 * empty. Serving itself is tested through the launcher (EndpointsIT) and on the server classes.
 */
class ExportCredentialsServeTest {
    @TempDir
    Path dir;

    private CliRun fails(int code, String expected, Env env, String... args) {
        String[] full = new String[args.length + 1];
        full[0] = "export-credentials";
        System.arraycopy(args, 0, full, 1, args.length);
        CliRun r = CliRun.run(env, full);
        assertEquals(code, r.code(), String.join(" ", args) + ": " + r.err());
        assertEquals("", r.out(), "stdout stays empty on an error");
        assertTrue(r.err().contains(expected), String.join(" ", args) + ": " + r.err());
        return r;
    }

    @Test
    void usageErrorsExit2() throws Exception {
        Env env = FakeHome.create(dir.resolve("home")).env("AWS_PROFILE", "dev");
        fails(2, "--container cannot be combined with another mode", env, "--container", "0", "--json");
        fails(2, "--container cannot be combined with another mode", env, "--env", "--container", "0", "tok");
        fails(2, "--container cannot be combined with another mode", env, "--container", "0", "--imds", "0");
        fails(2, "mutually exclusive", env, "--imds", "0", "--format", "env");
        fails(2, "--container: expected [HOST:]PORT with a port number", env, "--container", "http://x");
        fails(2, "--imds: port 70000 is out of range", env, "--imds", "70000");
        fails(2, "--container needs [HOST:]PORT", env, "--container");
        fails(2, "--cache-file and --refresh cannot be combined with --container or --imds", env, "--imds", "0", "--cache-file", "x");
        fails(2, "--cache-file and --refresh cannot be combined with --container or --imds", env, "--container", "0", "--refresh");
        fails(2, "the token must be printable ASCII", env, "--container", "0", " spaced");
        fails(2, "nope", env, "--container", "0", "--profile", "nope");
    }

    /** Static keys are exchanged for session credentials before anything is served: STS must answer. */
    @Test
    void longTermKeysNeedStsBeforeServing() throws Exception {
        Env env = FakeHome.create(dir.resolve("home")).env("AWS_ENDPOINT_URL", "http://127.0.0.1:9");
        fails(3, "cannot reach STS", env, "--imds", "0", "--profile", "static");
        fails(3, "cannot reach STS", env, "--container", "0", "--profile", "static");
    }

    @Test
    void aNeededLoginOrATakenPortExit3BeforeServing() throws Exception {
        // a sign-in would be needed: at a closed port it fails at once, wherever the test runs
        Env env = FakeHome.create(dir.resolve("home")).env("AWS_ENDPOINT_URL", "http://127.0.0.1:9", "AWS_SSO_DISABLE_BROWSER", "1");
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            fails(3, "cannot listen on 127.0.0.1:" + taken.getLocalPort(), env, "--profile", "dev", "--imds", String.valueOf(taken.getLocalPort()));
        }
        new CredentialCache(dir.resolve("home/.aws/cli/cache")).delete(CredentialCache.ssoKey("111111111111", "Developer", FakeHome.START_URL, null));
        fails(3, "cannot", env, "--profile", "dev", "--container", "0");
    }

    /** The optional TOKEN never swallows an option, and the port is taken whatever it looks like. */
    @Test
    void containerArguments() throws Exception {
        Env env = FakeHome.create(dir.resolve("home")).env();
        String[][] cases = {
            {"--container", "0", "-v"}, {"0"}, {"-v"},
            {"--container", "0", "tok", "-v"}, {"0", "tok"}, {"-v"},
            {"--container=0", "tok", "--profile", "dev"}, {"0", "tok"}, {},
            {"--container", "127.0.0.1:0", "--profile", "dev"}, {"127.0.0.1:0"}, {},
            {"--profile", "dev", "--container", "0", "-vv"}, {"0"}, {"-vv"},
        };
        for (int i = 0; i < cases.length; i += 3) {
            List<String> args = new ArrayList<>(List.of("export-credentials"));
            args.addAll(List.of(cases[i]));
            CommandLine root = CommandFactory.buildAll(env, new PrintWriter(Writer.nullWriter()), new PrintWriter(Writer.nullWriter()));
            ParseResult parsed = root.parseArgs(args.toArray(String[]::new)).subcommand();
            ExportCredentialsCommand cmd = (ExportCredentialsCommand) parsed.commandSpec().userObject();
            assertEquals(List.of(cases[i + 1]), cmd.container, String.join(" ", cases[i]));
            assertEquals(cases[i + 2].length == 0 ? 0 : cases[i + 2][0].length() - 1, cmd.verbosity.level(), String.join(" ", cases[i]));
        }
    }

    @Test
    void helpDocumentsTheServers() throws Exception {
        CliRun r = CliRun.run(FakeHome.create(dir.resolve("home")).env(), "export-credentials", "--help");
        assertEquals(0, r.code());
        assertTrue(r.out().contains("--container=[HOST:]PORT [TOKEN]"), r.out());
        assertTrue(r.out().contains("--imds=[HOST:]PORT"), r.out());
    }
}
