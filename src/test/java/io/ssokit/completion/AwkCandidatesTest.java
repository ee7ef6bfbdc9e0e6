package io.ssokit.completion;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ssokit.Env;
import io.ssokit.config.AwsConfig;
import io.ssokit.config.ConfigSyntaxException;
import io.ssokit.testing.RealShell;
import io.ssokit.testing.Tools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The candidate program that every script embeds, run by the system's awk: the profile and
 * sso-session names it reads from a config file are exactly {@link AwsConfig}'s (botocore's), for
 * every readable file of the config corpus and for awkward headers; the index modes filter by
 * account and instance.
 */
class AwkCandidatesTest {
    @TempDir
    Path dir;

    Path program;

    @BeforeEach
    void setUp() throws IOException {
        RealShell.require("awk");
        program = dir.resolve("candidates.awk");
        Files.writeString(program, ScriptTables.awkProgram());
    }

    private List<String> awk(String mode, Map<String, String> filters, String... operands) {
        List<String> cmd = new ArrayList<>(List.of("awk", "-v", "m=" + mode, "-f", program.toString()));
        cmd.addAll(Arrays.asList(operands));
        Map<String, String> env = new java.util.HashMap<>(filters);
        env.put("PATH", System.getenv("PATH"));
        env.put("LC_ALL", "C");
        RealShell.Result r = RealShell.run(cmd, env, dir, new byte[0]);
        assertEquals("", r.errText());
        assertEquals(0, r.exit());
        String out = r.outText();
        return out.isEmpty() ? List.of() : List.of(out.split("\n"));
    }

    private void sameAsAwsConfig(Path config, Path credentials) {
        Env env = new Env(Map.of("HOME", dir.toString(), "AWS_CONFIG_FILE", config.toString(),
                "AWS_SHARED_CREDENTIALS_FILE", credentials.toString()), dir);
        AwsConfig expected;
        try {
            expected = AwsConfig.load(env);
        } catch (ConfigSyntaxException e) {
            return; // botocore refuses the file; completion may offer what it can read
        }
        assertEquals(expected.profileNames().stream().filter(n -> !n.isEmpty()).toList(),
                awk("p", Map.of(), "k=c", config.toString(), "k=k", credentials.toString()), "profiles of " + config);
        assertEquals(expected.ssoSessionNames().stream().filter(n -> !n.isEmpty()).toList(),
                awk("s", Map.of(), "k=c", config.toString()), "sso-sessions of " + config);
    }

    @Test
    void theConfigCorpusReadsAsBotocoreReadsIt() throws IOException {
        Path corpus = Tools.projectDir().resolve("src/test/resources/config/corpus");
        try (Stream<Path> files = Files.list(corpus)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".config")).sorted().toList()) {
                Path creds = Path.of(f.toString().replace(".config", ".credentials"));
                // the scripts hand awk /dev/null for a missing file
                sameAsAwsConfig(f, Files.exists(creds) ? creds : Path.of("/dev/null"));
            }
        }
    }

    @Test
    void awkwardHeaders() throws IOException {
        String config = String.join("\r\n",
                "[profile 'a b']", "[profile \"c\\\"d\"]", "[profile \"e\\\\f\"]", "[profile g\\ h]", "[profile 'i\"j']",
                "[profile  k  ]", "[profile l m n]", "[profile 'o]", "[profile p\\]", "[profile q]r]", "[profile $(touch x)]",
                "[profile `id`]", "[profile -dash]", "[default]", "[profile default]", "[sso-session 's t']",
                "[sso-session u]", "[sso-sessionv w]", "  [profile indented]", "[profile x] trailing", "")
                + "[profile lone-cr]\r[profile after-cr]\n";
        Path c = dir.resolve("config");
        Files.write(c, ("\uFEFF" + config).getBytes(StandardCharsets.UTF_8));
        Path k = dir.resolve("credentials");
        Files.writeString(k, "[DEFAULT]\nx = 1\n[cred only]\n[a b]\n[ spaced ]\n");
        sameAsAwsConfig(c, k);
        assertEquals(List.of("a b", "c\"d", "e\\f", "g h", "i\"j", "k", "q]r", "`id`", "-dash", "default", "indented", "x",
                        "lone-cr", "after-cr", "cred only", " spaced "),
                awk("p", Map.of(), "k=c", c.toString(), "k=k", k.toString()));
        assertEquals(false, Files.exists(dir.resolve("x")), "nothing in a name ever runs");
    }

    @Test
    void prefixFilter() throws IOException {
        Path c = dir.resolve("config");
        Files.writeString(c, "[profile dev]\n[profile dev space]\n[profile 'dev space']\n[profile prod]\n[profile de.v*]\n");
        assertEquals(List.of("dev", "dev space", "de.v*"), awk("p", Map.of("SSOKIT_COMPLETE_PREFIX", "de"), "k=c", c.toString()));
        assertEquals(List.of(), awk("p", Map.of("SSOKIT_COMPLETE_PREFIX", "d.*"), "k=c", c.toString()), "a prefix, not a pattern");
    }

    @Test
    void indexModes() throws IOException {
        Path i = dir.resolve("index");
        Files.writeString(i, String.join("\n",
                "# comment",
                "https://a/start\tus-east-1\t111111111111\tDev\tAdmin\tReadOnly",
                "https://a/start\tus-east-1\t222222222222\tStage \\t x\tReadOnly",
                "https://b/start\teu-west-1\t333333333333\tDev\tOnlyB",
                "too\tfew\tfields",
                "https://b/start\teu-west-1\t444444444444\tNo roles",
                "") + "https://c/start\tus-east-1\t555555555555\tCRLF\tR\r\n");
        assertEquals(List.of("111111111111\tDev", "222222222222\tStage \\t x", "333333333333\tDev", "444444444444\tNo roles",
                "555555555555\tCRLF"), awk("a", Map.of(), "k=i", i.toString()));
        assertEquals(List.of("333333333333\tDev", "444444444444\tNo roles"),
                awk("a", Map.of("SSOKIT_COMPLETE_URL", "https://b/start"), "k=i", i.toString()));
        assertEquals(List.of("Admin", "ReadOnly", "OnlyB", "R"), awk("r", Map.of(), "k=i", i.toString()));
        assertEquals(List.of("Admin", "ReadOnly", "OnlyB"), awk("r", Map.of("SSOKIT_COMPLETE_ACCOUNT", "Dev"), "k=i", i.toString()),
                "an account by name: every account of that name");
        assertEquals(List.of("OnlyB"), awk("r", Map.of("SSOKIT_COMPLETE_ACCOUNT", "Dev", "SSOKIT_COMPLETE_URL", "https://b/start"),
                "k=i", i.toString()));
        assertEquals(List.of("Admin", "ReadOnly", "OnlyB", "R"), awk("r", Map.of("SSOKIT_COMPLETE_URL", "https://nowhere/"),
                "k=i", i.toString()), "an instance the index does not know filters nothing");
        assertEquals(List.of(), awk("r", Map.of("SSOKIT_COMPLETE_ACCOUNT", "999"), "k=i", i.toString()));
        Path c = dir.resolve("config");
        Files.writeString(c, "[profile x]\nsso_start_url = https://a/start  \n[sso-session s]\n  sso_start_url:https://d/start\n");
        assertEquals(List.of("https://a/start", "https://d/start", "https://b/start", "https://c/start"),
                awk("u", Map.of(), "k=c", c.toString(), "k=i", i.toString()));
    }
}
