package io.ssokit.naming;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ssokit.Env;
import io.ssokit.SsokitException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** --profile-name-process against a real script that records the argv it was given. */
@DisabledOnOs(OS.WINDOWS)
class ProfileNameProcessTest {
    private static final String SCRIPT = """
            #!/bin/sh
            # one argument per line, then a separator, for every call
            for a in "$@"; do printf '[%s]\\n' "$a"; done >> "$ARGV_LOG"
            echo --- >> "$ARGV_LOG"
            # $1 $2 are the fixed words of the command; $3..$9 the seven appended arguments
            case "$4" in
              skip*) echo SKIP ;;
              fail*) echo "partial output"; echo "cannot name $2" >&2; exit 3 ;;
              slow*) exec sleep 30 ;;
              env*) echo "$SSOKIT_SSO_REGION-${SSOKIT_SSO_SESSION:-none}" ;;
              note*) echo "a note for the user" >&2; echo "noted" ;;
              *) printf '  %s_%s_%s_%s_%s_%s_%s  \\n' "$3" "$4" "$5" "$6" "$7" "$8" "$9" ;;
            esac
            """;

    @TempDir
    Path dir;
    private Path script;
    private Path argvLog;
    private StringWriter logged;

    @BeforeEach
    void writeScript() throws Exception {
        Path scripts = Files.createDirectories(dir.resolve("name scripts"));
        script = scripts.resolve("namer.sh");
        Files.writeString(script, SCRIPT);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        argvLog = dir.resolve("argv.log");
        logged = new StringWriter();
    }

    private ProfileNamer namer(NamingOptions.Builder options, InstanceInfo instance) {
        Env env = new Env(Map.of("PATH", System.getenv("PATH"), "ARGV_LOG", argvLog.toString()), dir);
        return ProfileNamer.create(options.build(), instance, env, Naming.log(logged, 0));
    }

    private ProfileNamer namer(NamingOptions.Builder options) {
        return namer(options, Naming.INSTANCE);
    }

    /** The command: the script path (it has a space) and a fixed argument with a space. */
    private String command() {
        return "'" + script + "' --prefix 'a b'";
    }

    private List<List<String>> calls() throws Exception {
        return Arrays.stream(Files.readString(argvLog).split("---\n"))
                .map(call -> call.lines().map(l -> l.substring(1, l.length() - 1)).toList())
                .toList();
    }

    @Test
    void runsOnceWithDummyValuesThenPerProfileWithSevenArguments() throws Exception {
        ProfileNamer namer = namer(NamingOptions.builder().process(command()));
        assertEquals(List.of(List.of("--prefix", "a b", "foo", "bar", "baz", "us-east-1", "usea1", "0", "1")), calls());

        NameInput input = new NameInput("123456789012", "  Prod  [Account] ", "Admin Role", "ap-northeast-1", 1, 3);
        // stdout is stripped; the name keeps its inner structure
        assertEquals(Optional.of("Prod-Account_123456789012_Admin Role_ap-northeast-1_apne1_1_3"), namer.name(input));
        assertEquals(List.of("--prefix", "a b", "Prod-Account", "123456789012", "Admin Role", "ap-northeast-1",
                "apne1", "1", "3"), calls().get(1));
        assertTrue(namer.description().startsWith("process '" + script + "' '--prefix' 'a b' <account name>"),
                namer.description());
    }

    @Test
    void rawAccountNamesReachTheProcessUnchangedAndAreNeverRunByAShell() throws Exception {
        ProfileNamer namer = namer(NamingOptions.builder().process(command()).safeAccountNames(false));
        Path pwned = dir.resolve("pwned");
        String hostile = "x; touch '" + pwned + "' $(touch '" + pwned + "')";
        namer.name(new NameInput("123456789012", hostile, "Admin", "us-east-1", 0, 1));
        assertEquals(hostile, calls().get(1).get(2));
        assertFalse(Files.exists(pwned));
    }

    @Test
    void skipDropsTheProfile() {
        ProfileNamer namer = namer(NamingOptions.builder().process(command()));
        assertEquals(Optional.empty(), namer.name(new NameInput("skip-me", "A", "R", "us-east-1", 0, 1)));
        List<NamedProfile> named = namer.nameAll(List.of(
                new NameInput("skip-me", "A", "R", "us-east-1", 0, 1),
                new NameInput("111", "B", "R", "us-east-1", 0, 1)));
        assertEquals(List.of("B_111_R_us-east-1_usea1_0_1"), named.stream().map(NamedProfile::name).toList());
    }

    @Test
    void nonZeroExitAbortsWithStdoutAndStderr() {
        ProfileNamer namer = namer(NamingOptions.builder().process(command()));
        SsokitException e = assertThrows(SsokitException.class,
                () -> namer.nameAll(List.of(new NameInput("fail-1", "Acct", "R", "us-east-1", 0, 1))));
        assertEquals(1, e.exitCode());
        assertTrue(e.getMessage().startsWith("profile name process failed (exit 3) for account fail-1 (Acct), role R"),
                e.getMessage());
        assertTrue(e.getMessage().contains("\nstdout: partial output"), e.getMessage());
        assertTrue(e.getMessage().contains("\nstderr: cannot name a b"), e.getMessage());
    }

    @Test
    void aFailingDummyRunIsTheUsageErrorInvalidProfileNameFormat() throws Exception {
        Path failing = dir.resolve("fail.sh");
        Files.writeString(failing, "#!/bin/sh\necho nope >&2\nexit 4\n");
        Files.setPosixFilePermissions(failing, PosixFilePermissions.fromString("rwx------"));
        SsokitException e = assertThrows(SsokitException.class,
                () -> namer(NamingOptions.builder().process(failing.toString())));
        assertEquals(2, e.exitCode());
        assertTrue(e.getMessage().startsWith("Invalid profile name format: profile name process failed (exit 4)"),
                e.getMessage());
        assertTrue(e.getMessage().contains("stderr: nope"), e.getMessage());

        SsokitException missing = assertThrows(SsokitException.class,
                () -> namer(NamingOptions.builder().process(dir.resolve("no-such-namer").toString())));
        assertEquals(2, missing.exitCode());
        assertTrue(missing.getMessage().contains("cannot run the profile name process"), missing.getMessage());

        SsokitException empty = assertThrows(SsokitException.class, () -> namer(NamingOptions.builder().process("  ")));
        assertEquals(2, empty.exitCode());
    }

    @Test
    void aHangingNamerIsKilled() {
        ProfileNamer namer = namer(NamingOptions.builder().process(command()).processTimeout(Duration.ofMillis(500)));
        long start = System.nanoTime();
        SsokitException e = assertThrows(SsokitException.class,
                () -> namer.name(new NameInput("slow", "A", "R", "us-east-1", 0, 1)));
        assertTrue(e.getMessage().startsWith("profile name process timed out"), e.getMessage());
        assertTrue(System.nanoTime() - start < Duration.ofSeconds(10).toNanos());
    }

    @Test
    void theInstanceIsPassedInTheEnvironment() {
        ProfileNamer namer = namer(NamingOptions.builder().process(command()),
                new InstanceInfo("https://example.awsapps.com/start", "eu-central-1", "corp"));
        assertEquals(Optional.of("eu-central-1-corp"), namer.name(new NameInput("env", "A", "R", "us-east-1", 0, 1)));
        ProfileNamer noSession = namer(NamingOptions.builder().process(command()));
        assertEquals(Optional.of("us-east-2-none"), noSession.name(new NameInput("env", "A", "R", "us-east-1", 0, 1)));
    }

    @Test
    void stderrOfASuccessfulRunIsRelayedAndIgnoredOptionsAreWarnedAbout() {
        ProfileNamer namer = namer(NamingOptions.builder().process(command()).roleNameCase(CaseTransform.LOWER)
                .trimAccountName("x"));
        assertEquals(Optional.of("noted"), namer.name(new NameInput("note", "A", "R", "us-east-1", 0, 1)));
        assertTrue(logged.toString().contains("profile name process: a note for the user"), logged.toString());
        assertTrue(logged.toString().contains("warning: --profile-name-process replaces --components"), logged.toString());
    }
}
