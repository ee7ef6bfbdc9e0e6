package io.ssokit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ssokit.console.ConfigToken;
import io.ssokit.sso.TokenCache;
import io.ssokit.testing.Proc;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code console launch --print} (an Identity Center role, an IAM user's keys) and {@code get-config-token}
 * through the real launcher, against {@code ssokit sandbox serve}.
 */
class ConsoleIT {
    @TempDir
    Path home;
    /** RolesCheckIT's helpers: a child {@code sandbox serve}, the launcher's environment, running it. */
    final RolesCheckIT child = new RolesCheckIT();

    @AfterEach
    void stop() throws Exception {
        child.stop();
    }

    static HttpResponse<String> get(String url) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void launchPrintsAnAcceptedUrlAndConfigTokensRoundTrip() throws Exception {
        URI endpoint = child.serve();
        new TokenCache(home.resolve(".aws/sso/cache")).save(TokenCache.cacheKey(PortalFixture.START_URL),
                PortalFixture.login(endpoint, PortalFixture.LEGACY));
        Map<String, String> env = child.env(home, endpoint);

        Proc.Result launch = child.ssokit(env, "console", "launch", "-a", "222222222222", "-r", "ReadOnly", "--print", "--region", "eu-west-1");
        assertEquals(0, launch.exit(), launch::toString);
        assertEquals("", launch.stderr(), launch::toString);
        String url = launch.stdout().strip();
        assertTrue(url.startsWith(endpoint + "/federation?Action=login&Issuer="), url);
        HttpResponse<String> page = get(url);
        assertEquals(200, page.statusCode(), page::body);
        assertTrue(page.body().contains("Account 222222222222, role ReadOnly"), page.body());

        Proc.Result token = child.ssokit(env, "console", "get-config-token", "-a", "111111111111", "--region", "eu-west-1",
                "--destination", "/s3/home");
        assertEquals(0, token.exit(), token::toString);
        assertEquals("", token.stderr(), token::toString);
        ConfigToken t = ConfigToken.decode(token.stdout().strip());
        assertEquals(endpoint + "/federation", t.federationEndpoint());
        assertEquals(endpoint + "/s3/home?region=eu-west-1", t.destination());
        assertEquals(PortalFixture.START_URL, t.ssoStartUrl());

        Proc.Result fromConfig = child.ssokit(env, "console", "launch-from-config", "-t", token.stdout().strip(), "-r", "Developer", "-p");
        assertEquals(0, fromConfig.exit(), fromConfig::toString);
        HttpResponse<String> second = get(fromConfig.stdout().strip());
        assertEquals(200, second.statusCode(), second::body);
        assertTrue(second.body().contains("Account 111111111111, role Developer"), second.body());

        Proc.Result usage = child.ssokit(env, "console", "launch", "-a", "111111111111", "-r", "Developer", "--no-open", "-l");
        assertEquals(2, usage.exit(), usage::toString);
        assertEquals("", usage.stdout());
        assertEquals("ssokit: --logout-first requires --open (the logout page is opened in the browser)\n", usage.stderr());
    }

    @Test
    void anIamUsersKeysSignInAsAFederatedUser() throws Exception {
        URI endpoint = child.serve();
        Path config = java.nio.file.Files.createDirectories(home.resolve(".aws")).resolve("config");
        java.nio.file.Files.writeString(config, String.join("\n", "[profile iam]",
                "aws_access_key_id = " + io.ssokit.sandbox.Org.DEFAULT_IAM_USER_KEY_ID,
                "aws_secret_access_key = " + io.ssokit.sandbox.Org.DEFAULT_IAM_USER_SECRET, ""));
        Proc.Result launch = child.ssokit(child.env(home, endpoint), "console", "launch", "--profile", "iam", "--print",
                "--duration", "30");
        assertEquals(0, launch.exit(), launch::toString);
        assertEquals("", launch.stderr(), launch::toString);
        HttpResponse<String> page = get(launch.stdout().strip());
        assertEquals(200, page.statusCode(), page::body);
        assertTrue(page.body().contains("Account 111111111111, federated user iam (arn:aws:sts::111111111111:federated-user/iam)"),
                page.body());
    }
}
