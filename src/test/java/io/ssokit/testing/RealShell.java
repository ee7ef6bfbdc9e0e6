package io.ssokit.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.LifecycleContext;
import net.jqwik.api.lifecycle.SkipExecutionHook;
import org.junit.jupiter.api.Assertions;
import org.opentest4j.TestAbortedException;

/**
 * Real external tools for tests (bash, zsh, fish, shellcheck, ...): find them on PATH, and run them
 * with a clean environment, capturing bytes.
 *
 * <p>A missing tool fails the test when {@code CI} is set (CI installs every tool, so a missing one
 * is a broken CI, not a reason to go green) and otherwise skips it with the reason. JUnit tests
 * call {@link #require}; jqwik properties, which count an aborted try as a rejected sample rather
 * than a skip, are annotated {@link Requires} and call {@link #require} inside as well (that is
 * where the CI failure comes from).
 */
public final class RealShell {
    private RealShell() {
    }

    /** For jqwik properties and containers: skip when one of these tools is missing, unless CI is set. */
    @Target({ElementType.METHOD, ElementType.TYPE})
    @Retention(RetentionPolicy.RUNTIME)
    @AddLifecycleHook(SkipWhenMissing.class)
    public @interface Requires {
        String[] value();
    }

    /** The hook behind {@link Requires}. */
    public static final class SkipWhenMissing implements SkipExecutionHook {
        @Override
        public SkipResult shouldBeSkipped(LifecycleContext context) {
            if (isCi()) {
                return SkipResult.doNotSkip();
            }
            for (Requires r : context.findAnnotationsInContainer(Requires.class)) {
                for (String tool : r.value()) {
                    if (!available(tool)) {
                        return SkipResult.skip(tool + " is not installed (not found on PATH)");
                    }
                }
            }
            Optional<Requires> own = context.findAnnotation(Requires.class);
            if (own.isPresent()) {
                for (String tool : own.get().value()) {
                    if (!available(tool)) {
                        return SkipResult.skip(tool + " is not installed (not found on PATH)");
                    }
                }
            }
            return SkipResult.doNotSkip();
        }
    }

    private static boolean isCi() {
        String ci = System.getenv("CI");
        return ci != null && !ci.isEmpty();
    }

    /** The tool's path on PATH; fails under CI, else skips the calling test, when it is missing. */
    public static Path require(String tool) {
        Optional<Path> p = find(tool);
        if (p.isPresent()) {
            return p.get();
        }
        String reason = tool + " is not installed (not found on PATH); the Debian packages are listed in .ci/run";
        if (isCi()) {
            return Assertions.fail("CI is set and " + reason);
        }
        throw new TestAbortedException("SKIPPED: " + reason);
    }

    /** Whether the tool is on PATH, without failing or skipping. */
    public static boolean available(String tool) {
        return find(tool).isPresent();
    }

    public static Optional<Path> find(String tool) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, tool);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** What a process did: exit code and raw stdout and stderr. */
    public record Result(int exit, byte[] out, byte[] err) {
        public String outText() {
            return new String(out, java.nio.charset.StandardCharsets.UTF_8);
        }

        public String errText() {
            return new String(err, java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    /**
     * Runs {@code command} in {@code dir} with exactly {@code env} as its environment (nothing is
     * inherited), feeding {@code stdin} and waiting at most 60 s.
     */
    public static Result run(List<String> command, Map<String, String> env, Path dir, byte[] stdin) {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        pb.environment().clear();
        pb.environment().putAll(env);
        try {
            Process p = pb.start();
            CompletableFuture<byte[]> out = drain(p.getInputStream());
            CompletableFuture<byte[]> err = drain(p.getErrorStream());
            try (OutputStream in = p.getOutputStream()) {
                in.write(stdin);
            } catch (IOException e) {
                // the tool may exit without reading its input; what it printed tells the story
            }
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return Assertions.fail("timed out after 60 s: " + command);
            }
            return new Result(p.exitValue(), out.join(), err.join());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * A thread of its own per stream: the common pool may have a single worker on a small machine,
     * and a process blocked on a full stderr pipe would then never close stdout.
     */
    private static CompletableFuture<byte[]> drain(InputStream in) {
        CompletableFuture<byte[]> result = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try (in) {
                ByteArrayOutputStream buf = new ByteArrayOutputStream();
                in.transferTo(buf);
                result.complete(buf.toByteArray());
            } catch (IOException e) {
                result.completeExceptionally(new UncheckedIOException(e));
            }
        }, "drain");
        t.setDaemon(true);
        t.start();
        return result;
    }
}
