package io.ssokit.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ssokit.Env;
import io.ssokit.Log;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BrowserTest {
    @Test
    void percentSIsReplacedOrTheUrlAppended() {
        assertEquals(List.of("firefox", "--new-tab", "http://x/?a=1&b"), Browser.command("firefox --new-tab %s", "http://x/?a=1&b"));
        assertEquals(List.of("open", "-a", "My Browser", "http://x"), Browser.command("open -a 'My Browser'", "http://x"));
        assertEquals(List.of("echo", "100%", "u=http://x"), Browser.command("echo 100%% u=%s", "http://x"));
    }

    @Test
    void browserCommandRunsWithoutBlockingAndWithoutTouchingStdout(@TempDir Path dir) throws Exception {
        Path marker = dir.resolve("opened");
        Env env = new Env(Map.of("HOME", dir.toString(), "PATH", System.getenv("PATH"),
                "BROWSER", "/nonexistent-browser:sh -c 'printf %%s \"$1\" > " + marker + "; echo noise' sh %s"), dir);
        assertTrue(new Browser(env, Log.silent()).open("http://127.0.0.1/x?y=1"));
        for (int i = 0; i < 100 && !(Files.exists(marker) && Files.size(marker) > 0); i++) {
            Thread.sleep(20);
        }
        assertEquals("http://127.0.0.1/x?y=1", Files.readString(marker));
    }

    @Test
    void disabledByEnvFollowsTheFlagConvention(@TempDir Path dir) {
        assertTrue(new Browser(new Env(Map.of("AWS_SSO_DISABLE_BROWSER", "TRUE"), dir), Log.silent()).disabledByEnv());
        assertEquals(false, new Browser(new Env(Map.of("AWS_SSO_DISABLE_BROWSER", "0"), dir), Log.silent()).disabledByEnv());
    }
}
