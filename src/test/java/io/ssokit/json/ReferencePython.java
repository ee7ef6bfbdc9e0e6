package io.ssokit.json;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs the reference implementations, Debian's python3-botocore and the AWS CLI v2's bundled
 * botocore, through {@code /usr/bin/python3}. The python3 on PATH may be a pyenv one with another
 * botocore, so the path is fixed.
 *
 * <p>When the reference is missing the test is skipped with the reason, except under CI (env
 * {@code CI} set), where a missing reference is a broken build machine and fails the test.
 */
public final class ReferencePython {
    public static final Path PYTHON = Path.of("/usr/bin/python3");

    /** Prefix for scripts that must run the AWS CLI v2's own botocore (importing awscli aliases it). */
    public static final String CLI_BOTOCORE = "import awscli\nimport botocore\n"
            + "assert '/awscli/botocore/' in botocore.__file__, botocore.__file__\n";

    /** Prefix for scripts that must run Debian's python3-botocore. */
    public static final String DEBIAN_BOTOCORE = "import botocore\n"
            + "assert botocore.__file__.startswith('/usr/lib/python3/dist-packages/botocore/'),"
            + " botocore.__file__\n";

    private static String unavailable;
    private static boolean probed;

    private ReferencePython() {
    }

    /** Skips (or on CI fails) the calling test unless both reference botocores can be imported. */
    public static synchronized void assumeAvailable() {
        if (!probed) {
            probed = true;
            unavailable = probe();
        }
        if (unavailable != null) {
            if (System.getenv("CI") != null) {
                fail("the reference implementation is required on CI: " + unavailable);
            }
            Assumptions.abort("reference implementation missing, test skipped: " + unavailable);
        }
    }

    private static String probe() {
        if (!Files.isExecutable(PYTHON)) {
            return PYTHON + " is not installed (apt-get install python3 python3-botocore awscli)";
        }
        try {
            run(DEBIAN_BOTOCORE + "import dateutil\n", Map.of());
            run(CLI_BOTOCORE + "from botocore.utils import SSOTokenFetcher\n", Map.of());
            return null;
        } catch (AssertionError | RuntimeException e) {
            return "Debian's python3-botocore 1.29 or awscli 2.9 cannot be imported by " + PYTHON
                    + ": " + e.getMessage();
        }
    }

    /**
     * Runs {@code script} with {@code args} as {@code sys.argv[1:]} and returns its stdout. HOME
     * points at an empty temporary directory so nothing touches the real ~/.aws.
     */
    public static String run(String script, Map<String, String> env, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(PYTHON.toString());
        cmd.add("-c");
        cmd.add(script);
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        Map<String, String> e = pb.environment();
        e.remove("PYTHONPATH");
        e.remove("PYTHONHOME");
        e.remove("AWS_PROFILE");
        e.remove("AWS_CONFIG_FILE");
        e.remove("AWS_SHARED_CREDENTIALS_FILE");
        e.put("PYTHONDONTWRITEBYTECODE", "1");
        e.put("PYTHONIOENCODING", "utf-8");
        try {
            Path home = Files.createTempDirectory("ssokit-pyhome");
            e.put("HOME", home.toString());
            e.putAll(env);
            Path out = Files.createTempFile("ssokit-py", ".out");
            Path err = Files.createTempFile("ssokit-py", ".err");
            pb.redirectOutput(out.toFile()).redirectError(err.toFile());
            Process p = pb.start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("python timed out");
            }
            String stdout = Files.readString(out, StandardCharsets.UTF_8);
            String stderr = Files.readString(err, StandardCharsets.UTF_8);
            Files.delete(out);
            Files.delete(err);
            deleteTree(home);
            if (p.exitValue() != 0) {
                throw new AssertionError("python failed (" + p.exitValue() + "): " + stderr);
            }
            return stdout;
        } catch (IOException ex) {
            throw new AssertionError("cannot run " + PYTHON, ex);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", ex);
        }
    }

    /** Deletes a directory tree (test scratch space). */
    public static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var walk = Files.walk(root)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    public static String run(String script, String... args) {
        return run(script, Map.of(), args);
    }
}
