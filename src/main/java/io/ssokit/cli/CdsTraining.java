package io.ssokit.cli;

import io.ssokit.Env;
import io.ssokit.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The training run for the class-data-sharing archive (see shell/ssokit): runs the hot paths
 * in-process against a throw-away HOME so that the classes they load are archived. Writes
 * nothing outside its temp directory and prints nothing.
 */
public final class CdsTraining {
    private CdsTraining() {
    }

    /** Command lines whose classes are worth archiving: the ones run most often. */
    static List<String[]> workload() {
        return List.of(
                new String[] {"--version"},
                new String[] {"--help"},
                new String[] {"no-such-command"});
    }

    public static void main(String[] args) throws IOException {
        Path home = Files.createTempDirectory("ssokit-cds");
        try {
            Env env = new Env(Map.of("HOME", home.toString()), home);
            PrintWriter sink = new PrintWriter(PrintWriter.nullWriter());
            for (String[] argv : workload()) {
                Main.run(argv, env, sink, sink);
            }
        } finally {
            try (Stream<Path> files = Files.walk(home)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
