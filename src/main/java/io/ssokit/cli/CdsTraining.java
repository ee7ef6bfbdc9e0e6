package io.ssokit.cli;

import io.ssokit.Env;
import io.ssokit.Main;
import io.ssokit.credentials.CredentialCache;
import io.ssokit.credentials.Credentials;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
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
                // the hot path: a role-cache hit through FastPath, for both kinds of SSO profile
                new String[] {"credential-process", "--profile", "cds-legacy"},
                new String[] {"credential-process", "--profile=cds-session"},
                // the shell integration: env on the same cache hit, unset, the init script
                new String[] {"env", "--profile", "cds-legacy", "--shell", "bash"},
                new String[] {"env", "--profile=cds-session", "--shell", "fish"},
                // a role profile's cache hit (role_arn + source_profile): the chain planning classes
                new String[] {"credential-process", "--profile", "cds-role"},
                new String[] {"env", "--profile", "cds-role", "--shell", "bash"},
                new String[] {"unset", "--shell", "bash"},
                new String[] {"shell", "init", "bash"});
    }

    /**
     * What the workload needs in the throw-away HOME: a config with one legacy and one sso-session
     * profile, and a fresh role-credential cache entry for each, so that the cache-hit path runs.
     */
    static void prepare(Env env) throws IOException {
        Path config = env.awsConfigFile();
        Files.createDirectories(config.getParent());
        Files.writeString(config, "[profile cds-legacy]\n"
                + "sso_start_url = https://cds.awsapps.com/start\n"
                + "sso_region = us-east-1\n"
                + "sso_account_id = 111111111111\n"
                + "sso_role_name = Developer\n"
                + "\n"
                + "[profile cds-session]\n"
                + "sso_session = cds\n"
                + "sso_account_id = 111111111111\n"
                + "sso_role_name = Developer\n"
                + "\n"
                + "[profile cds-role]\n"
                + "role_arn = arn:aws:iam::222222222222:role/Deployer\n"
                + "source_profile = cds-legacy\n"
                + "\n"
                + "[sso-session cds]\n"
                + "sso_start_url = https://cds.awsapps.com/start\n"
                + "sso_region = us-east-1\n"
                + "sso_registration_scopes = sso:account:access\n");
        // real sizes: a long session token takes jackson-core through buffer-growing code whose
        // classes would otherwise be loaded from the jar (opening the jar costs ~10 ms)
        Credentials creds = new Credentials("ASIACDSTRAININGKEY00", "s".repeat(40), "t".repeat(1200),
                Instant.now().plus(Duration.ofDays(1)), "111111111111");
        CredentialCache cache = CredentialCache.of(env);
        cache.save(CredentialCache.ssoKey("111111111111", "Developer", "https://cds.awsapps.com/start", null),
                creds, "sso");
        cache.save(CredentialCache.ssoKey("111111111111", "Developer", "https://cds.awsapps.com/start", "cds"),
                creds, "sso");
        cache.save(CredentialCache.assumeRoleKey("arn:aws:iam::222222222222:role/Deployer", null, null, null, null),
                creds, null);
    }

    public static void main(String[] args) throws IOException {
        Path home = Files.createTempDirectory("ssokit-cds");
        try {
            // Main copies the real environment; archive the JDK classes that copying loads
            Env.system();
            Env env = new Env(Map.of("HOME", home.toString()), home);
            prepare(env);
            // encode like Main's writers do, so the UTF-8 encoder classes are archived too
            PrintWriter sink = new PrintWriter(new OutputStreamWriter(OutputStream.nullOutputStream(),
                    StandardCharsets.UTF_8));
            for (String[] argv : workload()) {
                Main.run(argv, env, sink, sink);
                sink.flush();
            }
        } finally {
            try (Stream<Path> files = Files.walk(home)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
