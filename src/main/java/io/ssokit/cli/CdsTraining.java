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
                new String[] {"no-such-command"},
                new String[] {"env", "--profile", "training", "--shell", "bash"},
                new String[] {"env", "--profile", "training", "--shell", "fish"},
                new String[] {"unset", "--shell", "bash"});
    }

    /**
     * A profile whose role credentials are cached, so that the {@code env} workload takes the
     * cache-hit path users take dozens of times a day.
     */
    static void seed(Path home) throws IOException {
        Path aws = Files.createDirectories(home.resolve(".aws"));
        Files.writeString(aws.resolve("config"), "[profile training]\nsso_start_url = https://training.awsapps.com/start\n"
                + "sso_region = us-east-1\nsso_account_id = 111111111111\nsso_role_name = Training\nregion = us-east-1\n");
        new io.ssokit.credentials.CredentialCache(home.resolve(".aws/cli/cache")).save(
                io.ssokit.credentials.CredentialCache.ssoKey("111111111111", "Training", "https://training.awsapps.com/start", null),
                new io.ssokit.credentials.Credentials("ASIATRAINING", "secret", "token", java.time.Instant.now().plusSeconds(86400), null),
                "sso");
    }

    public static void main(String[] args) throws IOException {
        Path home = Files.createTempDirectory("ssokit-cds");
        try {
            Env env = new Env(Map.of("HOME", home.toString()), home);
            seed(home);
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
