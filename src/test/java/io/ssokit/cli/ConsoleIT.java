package io.ssokit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.ssokit.console.ConfigToken;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code console launch --print} and {@code get-config-token} through the real launcher, against {@code ssokit sandbox serve}. */
class ConsoleIT {
    @TempDir
    Path home;
    Process server;

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.destroy();
            server.waitFor(20, TimeUnit.SECONDS);
        }
    }

    URI serve() throws Exception {
        server = new ProcessBuilder(Tools.launcher(), "sandbox", "serve", "--port", "0", "--auto-approve")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
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

    Proc.Result ssokit(Map<String, String> env, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Tools.launcher()));
        cmd.addAll(List.of(args));
        return Proc.run(cmd, env);
    }

    static HttpResponse<String> get(String url) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void launchPrintsAnAcceptedUrlAndConfigTokensRoundTrip() throws Exception {
        URI endpoint = serve();
        new TokenCache(home.resolve(".aws/sso/cache")).save(TokenCache.cacheKey(PortalFixture.START_URL),
                PortalFixture.login(endpoint, PortalFixture.LEGACY));
        Map<String, String> env = new HashMap<>();
        env.put("PATH", System.getenv("PATH"));
        if (System.getenv("JAVA_HOME") != null) {
            env.put("JAVA_HOME", System.getenv("JAVA_HOME"));
        }
        env.put("HOME", home.toString());
        env.put("AWS_ENDPOINT_URL", endpoint.toString());
        env.put("AWS_DEFAULT_SSO_START_URL", PortalFixture.START_URL);
        env.put("AWS_DEFAULT_SSO_REGION", PortalFixture.REGION);

        Proc.Result launch = ssokit(env, "console", "launch", "-a", "222222222222", "-r", "ReadOnly", "--print", "--region", "eu-west-1");
        assertEquals(0, launch.exit(), launch::toString);
        assertEquals("", launch.stderr(), launch::toString);
        String url = launch.stdout().strip();
        assertTrue(url.startsWith(endpoint + "/federation?Action=login&Issuer="), url);
        HttpResponse<String> page = get(url);
        assertEquals(200, page.statusCode(), page::body);
        assertTrue(page.body().contains("Account 222222222222, role ReadOnly"), page.body());

        Proc.Result token = ssokit(env, "console", "get-config-token", "-a", "111111111111", "--region", "eu-west-1",
                "--destination", "/s3/home");
        assertEquals(0, token.exit(), token::toString);
        assertEquals("", token.stderr(), token::toString);
        ConfigToken t = ConfigToken.decode(token.stdout().strip());
        assertEquals(endpoint + "/federation", t.federationEndpoint());
        assertEquals(endpoint + "/s3/home?region=eu-west-1", t.destination());
        assertEquals(PortalFixture.START_URL, t.ssoStartUrl());

        Proc.Result fromConfig = ssokit(env, "console", "launch-from-config", "-t", token.stdout().strip(), "-r", "Developer", "-p");
        assertEquals(0, fromConfig.exit(), fromConfig::toString);
        HttpResponse<String> second = get(fromConfig.stdout().strip());
        assertEquals(200, second.statusCode(), second::body);
        assertTrue(second.body().contains("Account 111111111111, role Developer"), second.body());

        Proc.Result usage = ssokit(env, "console", "launch", "-a", "111111111111", "-r", "Developer", "--no-open", "-l");
        assertEquals(2, usage.exit(), usage::toString);
        assertEquals("", usage.stdout());
        assertEquals("ssokit: --logout-first requires --open (the logout page is opened in the browser)\n", usage.stderr());
    }
}
