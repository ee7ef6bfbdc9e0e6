package io.ssokit.server;

import io.ssokit.Log;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ssokit.SsokitException;
import io.ssokit.credentials.Credentials;
import io.ssokit.json.Timestamps;
import io.ssokit.testing.MutableClock;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The container protocol as a client sees it: the body, the errors and their JSON, the request log. */
class ContainerEndpointTest {
    private static final String TOKEN = "the-token";
    private static final Instant EXPIRES = Instant.parse("2099-01-02T03:04:05Z");
    private static final Credentials CREDS = new Credentials("ASIAEXAMPLE0001", "secret/+=", "session+/=", EXPIRES, "111111111111");

    private final MutableClock clock = new MutableClock();
    private final StringWriter logged = new StringWriter();
    private final Log log = new Log(new PrintWriter(logged), 1);
    private ContainerEndpoint server;

    @AfterEach
    void close() {
        if (server != null) {
            server.close();
        }
    }

    private URI start(CredentialFeed feed, Credentials initial, ServedRole role) {
        server = new ContainerEndpoint(BindAddress.parse("0"), TOKEN,
                new RefreshingCredentials(feed, initial, Duration.ofMinutes(15), clock, log), role, clock, log);
        return server.url();
    }

    private URI start() {
        return start(() -> CREDS, CREDS, new ServedRole("Developer", null, "eu-west-1"));
    }

    @Test
    void servesTheCredentialsAtRootAndCreds() throws Exception {
        URI url = start();
        assertTrue(url.toString().matches("http://127\\.0\\.0\\.1:\\d+/"), url.toString());
        for (String path : new String[] {"", "creds", "?id=1"}) {
            HttpResponse<String> r = Http.send("GET", url.resolve(path), "Authorization", TOKEN);
            assertEquals(200, r.statusCode(), path);
            assertEquals("application/json", r.headers().firstValue("Content-Type").orElse(""));
            assertEquals("{\"AccessKeyId\":\"ASIAEXAMPLE0001\",\"SecretAccessKey\":\"secret/+=\",\"Token\":\"session+/=\","
                    + "\"Expiration\":\"2099-01-02T03:04:05Z\",\"AccountId\":\"111111111111\"}", r.body());
        }
    }

    @Test
    void badRequestsGetTheDocumentedErrors() throws Exception {
        URI url = start();
        assertError(Http.send("GET", url), 401, "NoAuthorizationHeader");
        assertError(Http.send("GET", url, "Authorization", "wrong"), 401, "InvalidToken");
        assertError(Http.send("GET", url, "Authorization", TOKEN + "x"), 401, "InvalidToken");
        assertError(Http.send("GET", url, "Authorization", "Bearer " + TOKEN), 401, "InvalidToken");
        assertError(Http.send("GET", url.resolve("/latest/meta-data/"), "Authorization", TOKEN), 404, "InvalidPath");
        assertError(Http.send("GET", url.resolve("/role/Developer"), "Authorization", TOKEN), 404, "NotImplemented");
        HttpResponse<String> post = Http.send("POST", url, "Authorization", TOKEN);
        assertError(post, 405, "MethodNotAllowed");
        assertEquals("GET", post.headers().firstValue("Allow").orElse(""));
        assertError(Http.send("PUT", url.resolve("/creds")), 405, "MethodNotAllowed");
        assertTrue(logged.toString().contains("debug: container GET / 401\n"), logged.toString());
        assertTrue(logged.toString().contains("debug: container GET /role/Developer 404\n"), logged.toString());
        assertFalse(logged.toString().contains(TOKEN), "the token is never logged");
    }

    @Test
    void unknownExpiryGetsAnHourAndRoleArnIsShownWhenKnown() throws Exception {
        Credentials longTerm = new Credentials("AKIALONGTERM", "secret", null, null, null);
        URI url = start(() -> longTerm, longTerm, new ServedRole("Deploy", "arn:aws:iam::222222222222:role/Deploy", null));
        HttpResponse<String> r = Http.send("GET", url, "Authorization", TOKEN);
        assertEquals("{\"AccessKeyId\":\"AKIALONGTERM\",\"SecretAccessKey\":\"secret\",\"Expiration\":\""
                + Timestamps.format(clock.instant().plus(Duration.ofHours(1))) + "\",\"RoleArn\":\"arn:aws:iam::222222222222:role/Deploy\"}",
                r.body());
    }

    @Test
    void noUsableCredentialsIs500AndLogged() throws Exception {
        Credentials soon = new Credentials("ASIASOON", "s", "t", clock.instant().plus(Duration.ofMinutes(10)), null);
        URI url = start(() -> {
            throw new SsokitException(1, "the Identity Center token for https://sandbox.awsapps.com/start has expired: run 'ssokit login'");
        }, soon, new ServedRole("Developer", null, null));
        assertEquals(200, Http.send("GET", url, "Authorization", TOKEN).statusCode(), "ten minutes left: still served");
        clock.advance(Duration.ofMinutes(10));
        HttpResponse<String> r = assertError(Http.send("GET", url, "Authorization", TOKEN), 500, "CredentialsUnavailable");
        assertTrue(r.body().contains("run 'ssokit login'"), r.body());
        assertTrue(logged.toString().contains("warning: cannot refresh the credentials, and the current ones have expired"), logged.toString());
    }

    @Test
    void tokensThatCannotTravelAreRefused() {
        assertTrue(ContainerEndpoint.validToken(ContainerEndpoint.newToken()));
        assertFalse(ContainerEndpoint.newToken().equals(ContainerEndpoint.newToken()));
        for (String bad : new String[] {"", " x", "x ", "a\nb", "é"}) {
            assertFalse(ContainerEndpoint.validToken(bad), bad);
        }
    }

    static HttpResponse<String> assertError(HttpResponse<String> r, int status, String code) {
        assertEquals(status, r.statusCode(), r.body());
        assertEquals("application/json", r.headers().firstValue("Content-Type").orElse(""));
        assertTrue(r.body().startsWith("{\"Error\":{\"Code\":\"" + code + "\",\"Message\":\""), r.body());
        return r;
    }
}
