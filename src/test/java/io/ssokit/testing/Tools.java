package io.ssokit.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * External tools the tests drive. A missing tool fails the test when {@code CI} is set and skips
 * it with the reason otherwise.
 */
public final class Tools {
    private static String awsCli;

    private Tools() {
    }

    /** The project directory (set by Maven), for the launcher and the packaged jar. */
    public static Path projectDir() {
        return Path.of(System.getProperty("ssokit.projectDir", ".")).toAbsolutePath();
    }

    /** The real launcher, {@code shell/ssokit}; requires the packaged jar (so: *IT tests). */
    public static String launcher() {
        Path jar = projectDir().resolve("target/ssokit.jar");
        if (!Files.isRegularFile(jar)) {
            fail("no " + jar + ": launcher tests run after 'mvn package' (name them *IT)");
        }
        return projectDir().resolve("shell/ssokit").toString();
    }

    /** Fails under CI, else skips, with the reason. */
    public static void missing(String why) {
        if (System.getenv("CI") != null) {
            fail(why + "; CI is set, so this is a failure");
        }
        Assumptions.abort(why);
    }

    /**
     * The AWS CLI v2 on this machine ({@code aws --version} starts with {@code aws-cli/2}; an
     * {@code aws} on PATH may be a v1).
     */
    public static synchronized String awsCliV2() {
        if (awsCli != null) {
            return awsCli;
        }
        List<String> candidates = new ArrayList<>();
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!dir.isEmpty()) {
                candidates.add(Path.of(dir, "aws").toString());
            }
        }
        candidates.addAll(List.of("/usr/bin/aws", "/usr/local/bin/aws"));
        for (String c : candidates) {
            if (!Files.isExecutable(Path.of(c))) {
                continue;
            }
            try {
                Proc.Result r = Proc.run(List.of(c, "--version"), null);
                if (r.exit() == 0 && (r.stdout() + r.stderr()).trim().startsWith("aws-cli/2")) {
                    awsCli = c;
                    return c;
                }
            } catch (Exception | AssertionError e) {
                // a broken shim or a v1 is not what we need; keep looking
            }
        }
        missing("no AWS CLI v2 found (an 'aws' whose --version starts with aws-cli/2, on PATH or in /usr/bin,"
                + " /usr/local/bin); Debian: apt-get install awscli");
        return null;
    }

    /** A program on PATH (bats, zsh, fish, shellcheck, tmux, ...). */
    public static String require(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path p = Path.of(dir, program);
            if (!dir.isEmpty() && Files.isExecutable(p)) {
                return p.toString();
            }
        }
        missing(program + " is not installed");
        return null;
    }
}
