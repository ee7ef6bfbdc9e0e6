package io.ssokit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ssokit.sso.TokenCache;
import io.ssokit.testing.Proc;
import io.ssokit.testing.Tools;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code roles} and {@code check} through the real launcher, against {@code ssokit sandbox serve}
 * running as a child process with 300 generated accounts, 20 ms latency and a 50 requests/s throttle.
 */
class RolesCheckIT {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path home;
    @TempDir
    Path emptyHome;
    Process server;

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.destroy();
            server.waitFor(20, TimeUnit.SECONDS);
        }
    }

    URI serve(String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of(Tools.launcher(), "sandbox", "serve", "--port", "0",
                "--auto-approve"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD);
        server = pb.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        String line = CompletableFuture.supplyAsync(() -> {
            try {
                return out.readLine();
            } catch (java.io.IOException e) {
                return null;
            }
        }).get(60, TimeUnit.SECONDS);
        if (line == null) {
            fail("the sandbox printed no endpoint");
        }
        return URI.create(line);
    }

    Map<String, String> env(Path home, URI endpoint) {
        Map<String, String> env = new HashMap<>();
        env.put("PATH", System.getenv("PATH"));
        if (System.getenv("JAVA_HOME") != null) {
            env.put("JAVA_HOME", System.getenv("JAVA_HOME"));
        }
        env.put("HOME", home.toString());
        env.put("AWS_ENDPOINT_URL", endpoint.toString());
        env.put("AWS_DEFAULT_SSO_START_URL", PortalFixture.START_URL);
        env.put("AWS_DEFAULT_SSO_REGION", PortalFixture.REGION);
        return env;
    }

    Proc.Result ssokit(Map<String, String> env, String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of(Tools.launcher()));
        cmd.addAll(List.of(args));
        return Proc.run(cmd, env);
    }

    static JsonNode stats(URI endpoint) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(endpoint.resolve("/_sandbox/stats"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(r.body());
    }

    @Test
    void rolesListsThreeHundredThrottledAccountsAndCheckReportsItsExitCodes() throws Exception {
        URI endpoint = serve("--accounts", "300", "--latency", "20", "--throttle", "50");
        new TokenCache(home.resolve(".aws/sso/cache")).save(TokenCache.cacheKey(PortalFixture.START_URL),
                PortalFixture.login(endpoint, PortalFixture.LEGACY));
        Map<String, String> env = env(home, endpoint);
        HttpClient.newHttpClient().send(HttpRequest.newBuilder(endpoint.resolve("/_sandbox/stats/reset"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());

        long started = System.nanoTime();
        Proc.Result roles = ssokit(env, "roles", "--output", "json");
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertEquals(0, roles.exit(), roles::toString);
        assertEquals("", roles.stderr(), roles::toString);
        JsonNode rows = JSON.readTree(roles.stdout());
        assertEquals(900, rows.size());
        Set<String> accounts = new HashSet<>();
        rows.forEach(n -> accounts.add(n.get("accountId").asText()));
        assertEquals(300, accounts.size());
        JsonNode stats = stats(endpoint);
        long throttled = stats.get("throttled").asLong();
        long calls = stats.get("operations").get("sso:ListAccounts").asLong()
                + stats.get("operations").get("sso:ListAccountRoles").asLong();
        assertTrue(throttled > 0, "backoff was not exercised: " + stats);
        assertEquals(0, stats.get("errors").asLong());
        System.err.printf("launcher: roles for 300 accounts at latency 20 ms, throttle 50/s: %d ms (JVM start included);"
                + " %d calls, %d throttled; sequential lower bound %d ms%n", millis, calls, throttled, (calls - throttled) * 20);

        Proc.Result table = ssokit(env, "roles", "-a", "000000000007", "--sort-by", "id,role");
        assertEquals(0, table.exit(), table::toString);
        assertEquals("Account ID   Account name Role name          \n"
                + "000000000007 UNKNOWN      AdministratorAccess\n"
                + "000000000007 UNKNOWN      Developer          \n"
                + "000000000007 UNKNOWN      ReadOnly           \n", table.stdout());

        Proc.Result ok = ssokit(env, "check", "-a", "Account 0042", "-r", "Developer");
        assertEquals(0, ok.exit(), ok::toString);
        assertEquals("", ok.stdout());
        assertTrue(ok.stderr().startsWith("ssokit: v"), ok.stderr());
        assertTrue(ok.stderr().endsWith("OK: access found for Developer in account 000000000042 (Account 0042)\n"), ok.stderr());
        Proc.Result denied = ssokit(env, "check", "-a", "000000000042", "-r", "Billing", "--quiet");
        assertEquals(CheckCommand.ROLE_NOT_IN_ACCOUNT, denied.exit(), denied::toString);
        assertEquals("", denied.stdout() + denied.stderr());

        // a user who never logged in, in a script: no prompt, a clear error, empty stdout
        Map<String, String> fresh = env(emptyHome, endpoint);
        Proc.Result noToken = ssokit(fresh, "roles");
        assertEquals(1, noToken.exit(), noToken::toString);
        assertEquals("", noToken.stdout());
        assertEquals("ssokit: not logged in to https://sandbox.awsapps.com/start (us-east-1); run: ssokit"
                + " login https://sandbox.awsapps.com/start us-east-1\n", noToken.stderr());
        Proc.Result checkNoToken = ssokit(fresh, "check");
        assertEquals(CheckCommand.TOKEN_PROBLEM, checkNoToken.exit(), checkNoToken::toString);
        assertEquals("", checkNoToken.stdout());
        assertTrue(checkNoToken.stderr().contains("no Identity Center token in the cache"), checkNoToken.stderr());
        fresh.remove("AWS_DEFAULT_SSO_START_URL");
        Proc.Result noInstance = ssokit(fresh, "check", "-q");
        assertEquals(CheckCommand.NO_INSTANCE, noInstance.exit(), noInstance::toString);
        assertEquals("", noInstance.stdout() + noInstance.stderr());
    }
}
