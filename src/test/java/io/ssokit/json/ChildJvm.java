package io.ssokit.json;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Starts a fresh JVM on the test classpath: for cross-process tests and class-loading checks. */
public final class ChildJvm {
    private ChildJvm() {
    }

    /** The result of a finished child. */
    public record Result(int exitCode, String stdout, String stderr) {
        public Result requireSuccess() {
            if (exitCode != 0) {
                throw new AssertionError("child JVM exited " + exitCode + "\nstdout: " + stdout
                        + "\nstderr: " + stderr);
            }
            return this;
        }
    }

    public static ProcessBuilder builder(List<String> jvmOptions, Class<?> main, List<String> args,
            Map<String, String> env) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xshare:auto");
        cmd.addAll(jvmOptions);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(main.getName());
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().remove("JAVA_TOOL_OPTIONS");
        pb.environment().remove("JDK_JAVA_OPTIONS");
        pb.environment().putAll(env);
        return pb;
    }

    public static Result run(List<String> jvmOptions, Class<?> main, List<String> args,
            Map<String, String> env) {
        try {
            Path out = Files.createTempFile("ssokit-child", ".out");
            Path err = Files.createTempFile("ssokit-child", ".err");
            try {
                Process p = builder(jvmOptions, main, args, env)
                        .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
                if (!p.waitFor(120, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new AssertionError("child JVM timed out");
                }
                return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                        Files.readString(err, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new AssertionError("cannot start a child JVM", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
