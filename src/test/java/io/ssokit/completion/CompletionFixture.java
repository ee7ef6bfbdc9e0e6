package io.ssokit.completion;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A fake HOME for the real-shell tests: an AWS config with awkward profile names, a credentials
 * file, a candidate index with two instances, and the scripts generated from {@link
 * FixtureCommands}.
 */
final class CompletionFixture {
    static final String URL_A = "https://a.awsapps.com/start";
    static final String URL_B = "https://b.awsapps.com/start";

    static final String CONFIG = """
            [default]
            region = us-east-1

            [profile dev]
            sso_start_url = https://a.awsapps.com/start
            sso_region = us-east-1

            [profile 'dev space']
            region = eu-west-1

            [profile "it's"]
            region = eu-west-1

            [profile prod]
            # a comment: [profile commented]
            region = us-west-2

            [profile two words here]
            region = us-west-2

            [profile "q$(touch pwned)`touch pwned2`"]
            region = us-west-2

            [sso-session corp]
            sso_start_url = https://b.awsapps.com/start
            sso_region = eu-west-1
            """;

    final Path home;
    final Path scripts;

    CompletionFixture(Path dir) {
        this.home = dir.resolve("home");
        this.scripts = dir.resolve("scripts");
        try {
            Files.createDirectories(home.resolve(".aws/sso"));
            Files.createDirectories(scripts);
            Files.writeString(home.resolve(".aws/config"), CONFIG);
            Files.writeString(home.resolve(".aws/credentials"), "[static]\naws_access_key_id = x\n\n[dev]\naws_access_key_id = y\n");
            Files.writeString(home.resolve(".aws/sso/ssokit-candidates.tsv"), String.join("\n",
                    "# ssokit completion candidates v1",
                    URL_A + "\tus-east-1\t111111111111\tDevelopment\tAdministratorAccess\tDeveloper\tReadOnly",
                    URL_A + "\tus-east-1\t222222222222\tStaging [EU]\tDeveloper\tReadOnly",
                    URL_B + "\teu-west-1\t333333333333\tOther org\tBOnly",
                    ""));
            CommandModel model = FixtureCommands.model();
            for (CompletionScripts.Shell s : CompletionScripts.Shell.values()) {
                Files.writeString(script(s), CompletionScripts.render(s, model), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** No candidate was ever run as code: the hostile profile name would have created these files. */
    void assertNothingRan(Path dir) {
        for (String f : List.of("pwned", "pwned2")) {
            org.junit.jupiter.api.Assertions.assertFalse(Files.exists(dir.resolve(f)) || Files.exists(home.resolve(f)),
                    "a profile name was run as code: " + f + " exists");
        }
    }

    Path script(CompletionScripts.Shell shell) {
        return scripts.resolve(shell.fileName());
    }

    /** A clean environment for a real shell: HOME, PATH, a UTF-8 locale, no AWS variables. */
    Map<String, String> env() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("HOME", home.toString());
        env.put("PATH", System.getenv("PATH"));
        env.put("LANG", "C.UTF-8");
        env.put("TERM", "dumb");
        env.put("XDG_CONFIG_HOME", home.resolve(".config").toString());
        env.put("XDG_DATA_HOME", home.resolve(".local/share").toString());
        env.put("XDG_CACHE_HOME", home.resolve(".cache").toString());
        return env;
    }

    /** The candidates expected after {@code use de}, and friends, in one place. */
    static final String HOSTILE = "q$(touch pwned)`touch pwned2`";
    static final List<String> ALL_PROFILES = List.of("default", "dev", "dev space", "it's", "prod", HOSTILE, "static");
}
