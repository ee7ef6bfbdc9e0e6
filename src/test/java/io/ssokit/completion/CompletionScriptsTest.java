package io.ssokit.completion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ssokit.Env;
import io.ssokit.cli.CommandFactory;
import io.ssokit.cli.CompletionModelReader;
import io.ssokit.testing.Tools;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The committed scripts under {@code completions/} are exactly what the command model generates
 * now. Regenerate them (and review the diff) with
 * {@code mvn -B -q test -DskipShellTests -Dtest=CompletionScriptsTest -Dssokit.updateCompletions=true}.
 */
class CompletionScriptsTest {
    static final String REGENERATE = "mvn -B -q test -DskipShellTests -Dtest=CompletionScriptsTest -Dssokit.updateCompletions=true";

    @TempDir
    Path home;

    /** The model of the real command tree, every command that is registered today. */
    static CommandModel realModel(Path home) {
        PrintWriter sink = new PrintWriter(PrintWriter.nullWriter());
        return CompletionModelReader.read(CommandFactory.buildAll(new Env(Map.of("HOME", home.toString()), home), sink, sink));
    }

    @Test
    void committedScriptsMatchTheCommandModel() throws IOException {
        Path dir = Tools.projectDir().resolve("completions");
        boolean update = Boolean.getBoolean("ssokit.updateCompletions");
        CommandModel model = realModel(home);
        for (CompletionScripts.Shell shell : CompletionScripts.Shell.values()) {
            Path file = dir.resolve(shell.fileName());
            String generated = CompletionScripts.render(shell, model);
            if (update) {
                Files.createDirectories(dir);
                Files.writeString(file, generated, StandardCharsets.UTF_8);
            }
            assertTrue(Files.exists(file), file + " is missing; generate it with: " + REGENERATE);
            assertEquals(generated, Files.readString(file, StandardCharsets.UTF_8),
                    "completions/" + shell.fileName() + " has drifted from the commands; regenerate with: " + REGENERATE
                            + " (then review the diff)");
        }
    }

    @Test
    void generatingTwiceGivesTheSameBytes() {
        CommandModel model = realModel(home);
        for (CompletionScripts.Shell shell : CompletionScripts.Shell.values()) {
            assertEquals(CompletionScripts.render(shell, model), CompletionScripts.render(shell, realModel(home)), shell.id());
        }
    }

    /** What shell init includes: the committed files as Maven copied them into the classpath. */
    @Test
    void packagedScriptsAreTheCommittedOnes() throws IOException {
        Path dir = Tools.projectDir().resolve("completions");
        for (CompletionScripts.Shell shell : CompletionScripts.Shell.values()) {
            assertEquals(Files.readString(dir.resolve(shell.fileName()), StandardCharsets.UTF_8), CompletionScripts.packaged(shell),
                    shell.fileName() + " in the classpath");
        }
    }

    @Test
    void everyRegisteredCommandIsInTheScripts() throws IOException {
        CommandModel model = realModel(home);
        String bash = CompletionScripts.render(CompletionScripts.Shell.BASH, model);
        String fish = CompletionScripts.render(CompletionScripts.Shell.FISH, model);
        for (CommandModel.Node n : model.walk()) {
            String id = ScriptTables.id(n);
            if (n.path().size() > 1) {
                assertTrue(bash.contains("REPLY='" + id + "'"), "bash knows " + id);
                assertTrue(fish.contains("set -g __ssokit_r " + FishScript.word(id) + "\n"), "fish knows " + id);
            }
        }
    }
}
