package io.ssokit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ssokit.Env;
import io.ssokit.credentials.CredentialCache;
import io.ssokit.shellenv.FakeHome;
import io.ssokit.shellenv.Golden;
import io.ssokit.testing.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code export-credentials}: every output form (golden files), the cache file, the credentials
 * file, mutually exclusive modes, and aws-export-credentials' exit codes.
 */
class ExportCredentialsCommandTest {
    @TempDir
    Path dir;

    private FakeHome home() throws Exception {
        return FakeHome.create(dir.resolve("home"));
    }

    private static String ok(Env env, String... args) {
        CliRun r = CliRun.run(env, args);
        assertEquals(0, r.code(), r.err());
        assertEquals("", r.err());
        return r.out();
    }

    @Test
    void goldenForms() throws Exception {
        Env env = home().env("AWS_PROFILE", "dev");
        Golden.check("export/default.json", ok(env, "export-credentials"));
        Golden.check("export/json.json", ok(env, "export-credentials", "--json"));
        Golden.check("export/pretty.json", ok(env, "export-credentials", "--json", "--pretty"));
        Golden.check("export/env.bash", ok(env, "export-credentials", "--env"));
        Golden.check("export/env-export.bash", ok(env, "export-credentials", "--env-export"));
        for (String f : List.of("process", "env", "env-no-export", "powershell", "windows-cmd", "fish")) {
            String ext = switch (f) {
                case "process" -> "json";
                case "env", "env-no-export" -> "bash";
                case "powershell" -> "ps1";
                case "windows-cmd" -> "cmd";
                default -> "fish";
            };
            Golden.check("export/format-" + f + "." + ext, ok(env, "export-credentials", "--profile", "dev", "--format", f));
        }
        // the same forms as aws-export-credentials and the AWS CLI name them
        assertEquals(ok(env, "export-credentials", "--env-export"), ok(env, "export-credentials", "--format", "env"));
        assertEquals(ok(env, "export-credentials", "--env"), ok(env, "export-credentials", "--format", "env-no-export"));
        assertEquals(ok(env, "export-credentials"), ok(env, "export-credentials", "--format", "process"));
        assertEquals(ok(env, "export-credentials", "--pretty"), ok(env, "export-credentials"));
    }

    @Test
    void exitCodesAreAwsExportCredentials() throws Exception {
        Env env = home().env();
        for (String[] args : new String[][] {
            {"export-credentials", "--profile", "nope"}, {"export-credentials"},
            {"export-credentials", "--json", "--env"}, {"export-credentials", "--format", "yaml"}, {"export-credentials", "stray"},
            {"export-credentials", "--exec"}, {"export-credentials", "--profile", "dev", "-c", "dev"}}) {
            CliRun r = CliRun.run(env, args);
            assertEquals(2, r.code(), String.join(" ", args) + ": " + r.err());
            assertEquals("", r.out());
        }
        new CredentialCache(dir.resolve("home/.aws/cli/cache")).delete(CredentialCache.ssoKey("111111111111", "Developer", FakeHome.START_URL, null));
        CliRun r = CliRun.run(env, "export-credentials", "--profile", "dev");
        assertEquals(3, r.code(), "a login is needed: " + r.err());
        assertEquals("", r.out());
    }

    @Test
    void cacheFile() throws Exception {
        FakeHome h = home();
        Env env = h.env();
        Path cache = dir.resolve("cache/dir/creds.json");
        String first = ok(env, "export-credentials", "--profile", "dev", "--json", "--cache-file", cache.toString());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(cache)));
        String text = Files.readString(cache);
        assertTrue(text.startsWith("{\"ProviderType\":\"aws-export-credentials\",\"Credentials\":{\"AccessKeyId\":\""), text);
        assertFalse(text.contains("AccountId"), "exactly the four fields of aws-export-credentials");
        // a hit needs no profile at all, and no role cache
        Files.delete(h.home.resolve(".aws/config"));
        assertEquals(first, ok(h.env(), "export-credentials", "--json", "--cache-file", cache.toString()));
        // an expiration within the buffer is a miss
        CliRun r = CliRun.run(h.env(), "export-credentials", "--json", "--cache-file", cache.toString(),
                "--cache-expiration-buffer", String.valueOf(200L * 365 * 24 * 60));
        assertEquals(2, r.code(), "a miss resolves the (now missing) profile: " + r.err());
        // --refresh ignores the content; a corrupt file is silently a miss
        r = CliRun.run(h.env(), "export-credentials", "--json", "--cache-file", cache.toString(), "--refresh");
        assertEquals(2, r.code());
        Files.writeString(cache, "{not json");
        r = CliRun.run(h.env(), "export-credentials", "--json", "--cache-file", cache.toString());
        assertEquals(2, r.code());
        assertFalse(r.err().contains("json"), "cache failures are silent: " + r.err());
    }

    @Test
    void credentialsFileProfile() throws Exception {
        FakeHome h = home();
        Path credentials = h.home.resolve(".aws/credentials");
        Files.writeString(credentials, "# my keys\n[other]\naws_access_key_id = KEEP\n\n[dev-static]\nregion = x\naws_session_token = OLD\n");
        Env env = h.env();
        assertEquals("", ok(env, "export-credentials", "--profile", "dev", "-c", "dev-static"));
        String text = Files.readString(credentials);
        assertTrue(text.startsWith("# my keys\n[other]\naws_access_key_id = KEEP\n\n[dev-static]\nregion = x\n"), text);
        assertTrue(text.contains("aws_access_key_id = " + FakeHome.DEV.accessKeyId() + "\n"), text);
        assertTrue(text.contains("aws_session_token = " + FakeHome.DEV.sessionToken() + "\n"), text);
        assertTrue(text.contains("aws_credential_expiration = 2099-01-02T03:04:05Z\n"), "the expiration is in the credentials file: " + text);
        assertFalse(Files.readString(h.home.resolve(".aws/config")).contains("dev-static"), "nothing goes to the config file");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(credentials)));
        // the written profile is usable as static credentials by the config reader
        assertEquals(FakeHome.DEV.accessKeyId(), io.ssokit.config.AwsConfig.load(env).profile("dev-static").orElseThrow()
                .get("aws_access_key_id").orElseThrow());
    }
}
