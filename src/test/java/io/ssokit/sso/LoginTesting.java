package io.ssokit.sso;

import static org.junit.jupiter.api.Assertions.fail;

import io.ssokit.Env;
import io.ssokit.Log;
import io.ssokit.sandbox.Org;
import io.ssokit.sandbox.Sandbox;
import io.ssokit.sandbox.SandboxOptions;
import io.ssokit.testing.Tools;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Shared pieces of the login tests: a movable clock shared by the sandbox and the token source, a
 * sandbox org, environments pointing at a sandbox, and "browsers" (commands in BROWSER) that record
 * the URL, follow the PKCE redirect with curl, or deny the request.
 */
public final class LoginTesting {
    public static final String START_URL = Org.DEFAULT_START_URL;
    public static final String REGION = Org.DEFAULT_REGION;
    private static final Pattern USER_CODE = Pattern.compile("user_code=([A-Z]{4}-[A-Z]{4})");

    private LoginTesting() {
    }


    /** A log whose text the test can read while the code under test runs. */
    public static final class CapturedLog {
        private final StringWriter text = new StringWriter();
        public final Log log = new Log(new PrintWriter(text, true), 2);

        public String text() {
            synchronized (text) {
                return text.toString();
            }
        }

        /** The device user code printed in a prompt, or null. */
        public String userCode() {
            Matcher m = USER_CODE.matcher(text());
            return m.find() ? m.group(1) : null;
        }
    }

    public static SandboxOptions.Builder sandbox() {
        return SandboxOptions.builder();
    }

    /** An org with two instances in two regions (for --all). */
    public static Org twoInstances() {
        Org d = Org.defaultOrg();
        return new Org(List.of(new Org.Instance("https://alpha.awsapps.com/start", "us-east-1"),
                new Org.Instance("https://beta.awsapps.com/start", "eu-west-1")), d.accounts(), d.users(), List.of());
    }

    /** HOME at {@code home} and every AWS endpoint at the sandbox. */
    public static Map<String, String> vars(Path home, Sandbox sb) {
        Map<String, String> v = new HashMap<>();
        v.put("HOME", home.toString());
        v.put("AWS_ENDPOINT_URL", sb.endpoint().toString());
        v.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        return v;
    }

    public static Env env(Path home, Sandbox sb, String... more) {
        Map<String, String> v = vars(home, sb);
        for (int i = 0; i + 1 < more.length; i += 2) {
            v.put(more[i], more[i + 1]);
        }
        return new Env(v, home);
    }

    public static void writeConfig(Path home, String text) throws IOException {
        Path f = home.resolve(".aws/config");
        Files.createDirectories(f.getParent());
        Files.writeString(f, text, StandardCharsets.UTF_8);
    }

    /** A config with sso-session s1 (scopes as given, or none) and profiles on it and on the legacy keys. */
    public static String sessionConfig(String scopes) {
        return "[sso-session s1]\nsso_start_url = " + START_URL + "\nsso_region = " + REGION + "\n"
                + (scopes == null ? "" : "sso_registration_scopes = " + scopes + "\n")
                + "[profile dev]\nsso_session = s1\nsso_account_id = 111111111111\nsso_role_name = Developer\n"
                + "[profile legacy]\nsso_start_url = " + START_URL + "\nsso_region = " + REGION
                + "\nsso_account_id = 222222222222\nsso_role_name = ReadOnly\n"
                + "[profile plain]\nregion = eu-west-1\n";
    }

    /** A BROWSER command that follows the PKCE redirect back to the loopback listener, as a browser would. */
    public static String curlBrowser() {
        return Tools.require("curl") + " -sS -L -o /dev/null %s";
    }

    /** A BROWSER script that appends each URL to {@code urls.txt} next to it; returns the script. */
    public static Path recordingBrowser(Path dir) throws IOException {
        return script(dir, "record-browser", "#!/bin/sh\nprintf '%s\\n' \"$1\" >> \"$(dirname \"$0\")/urls.txt\"\n");
    }

    /** A BROWSER script that presses Deny on the sandbox's PKCE authorization page. */
    public static Path denyingBrowser(Path dir) throws IOException {
        String curl = Tools.require("curl");
        return script(dir, "deny-browser", "#!/bin/sh\nurl=$1\n"
                + "id=$(" + curl + " -sS \"$url\" | sed -n 's/.*name=\"request_id\" value=\"\\([^\"]*\\)\".*/\\1/p')\n"
                + "exec " + curl + " -sS -L -o /dev/null --data-urlencode \"request_id=$id\" --data decision=deny"
                + " \"${url%%/authorize*}/authorize\"\n");
    }

    private static Path script(Path dir, String name, String text) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, text, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rwx------"));
        return f;
    }

    /** Waits (up to 60 s) for the recording browser's first URL with a user code and returns the code. */
    public static String awaitUserCode(Path recorderDir) throws InterruptedException, IOException {
        Path urls = recorderDir.resolve("urls.txt");
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(urls)) {
                Matcher m = USER_CODE.matcher(Files.readString(urls));
                if (m.find()) {
                    return m.group(1);
                }
            }
            Thread.sleep(20);
        }
        fail("the browser was never asked to open a device URL");
        return null;
    }

    /** The token file of an instance in the home's cache. */
    public static Path tokenFile(Path home, String startUrlOrSession) {
        return home.resolve(".aws/sso/cache").resolve(TokenCache.cacheKey(startUrlOrSession) + ".json");
    }
}
