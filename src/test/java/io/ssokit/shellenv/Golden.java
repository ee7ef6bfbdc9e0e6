package io.ssokit.shellenv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden files of the shell commands' output under {@code src/test/resources/shell/golden/}.
 * Regenerate them all with one command, then review the diff:
 * {@code mvn -B test -DskipShellTests -Dtest='*Golden*,RenderTest' -Dssokit.updateGolden=true}.
 */
public final class Golden {
    public static final Path DIR = Path.of(System.getProperty("ssokit.projectDir", "."), "src/test/resources/shell/golden");

    private Golden() {
    }

    /** The file's name for a target: the usual script extension of each shell. */
    public static String extension(String target) {
        return switch (target) {
            case "bash" -> "bash";
            case "zsh" -> "zsh";
            case "fish" -> "fish";
            case "powershell" -> "ps1";
            case "cmd" -> "cmd";
            case "dotenv" -> "env";
            case "json" -> "json";
            default -> throw new IllegalArgumentException(target);
        };
    }

    /** Compares {@code actual} with the golden file (writing it first under the update switch). */
    public static void check(String relative, String actual) {
        Path file = DIR.resolve(relative);
        try {
            if (Boolean.getBoolean("ssokit.updateGolden")) {
                Files.createDirectories(file.getParent());
                Files.write(file, actual.getBytes(StandardCharsets.UTF_8));
            }
            assertTrue(Files.exists(file), file + " is missing: run with -Dssokit.updateGolden=true");
            assertEquals(Files.readString(file, StandardCharsets.UTF_8), actual,
                    relative + " drifted (regenerate with -Dssokit.updateGolden=true and review the diff)");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
