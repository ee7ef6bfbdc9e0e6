package io.ssokit.server;

import io.ssokit.Log;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ssokit.credentials.Credentials;
import io.ssokit.json.Timestamps;
import io.ssokit.testing.MutableClock;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** IMDSv2 as a client sees it: the token dance, the token checks, the documents, the errors. */
class ImdsEndpointTest {
    private static final String TTL = "X-aws-ec2-metadata-token-ttl-seconds";
    private static final String TOKEN = "X-aws-ec2-metadata-token";
    private static final String CREDS_PATH = "/latest/meta-data/iam/security-credentials/";

    private final MutableClock clock = new MutableClock();
    private final StringWriter logged = new StringWriter();
    private final Log log = new Log(new PrintWriter(logged), 1);
    private final AtomicInteger fetches = new AtomicInteger();
    private ImdsEndpoint server;
    private URI url;

    private Credentials issue() {
        int n = fetches.incrementAndGet();
        return new Credentials("ASIAIMDS" + n, "secret" + n, "token" + n, clock.instant().plus(Duration.ofHours(1)), "111111111111");
    }

    @BeforeEach
    void start() {
        server = new ImdsEndpoint(BindAddress.parse("127.0.0.1:0"),
                new RefreshingCredentials(this::issue, issue(), Duration.ofMinutes(15), clock, log),
                new ServedRole("Developer", null, "eu-west-1"), clock, log);
        url = server.url();
    }

    @AfterEach
    void close() {
        server.close();
    }

    private String token(String ttl) throws Exception {
        HttpResponse<String> r = Http.send("PUT", url.resolve("/latest/api/token"), TTL, ttl);
        assertEquals(200, r.statusCode(), r.body());
        assertEquals(ttl, r.headers().firstValue(TTL).orElse(""));
        return r.body();
    }

    @Test
    void theSdkSequence() throws Exception {
        String t = token("21600");
        assertTrue(t.matches("[A-Za-z0-9_-]{40,}"), t);
        HttpResponse<String> name = Http.send("GET", url.resolve(CREDS_PATH), TOKEN, t);
        assertEquals(200, name.statusCode());
        assertEquals("Developer", name.body());
        HttpResponse<String> creds = Http.send("GET", url.resolve(CREDS_PATH + "Developer"), TOKEN, t);
        assertEquals(200, creds.statusCode());
        String now = Timestamps.format(clock.instant());
        assertEquals("{\"Code\":\"Success\",\"LastUpdated\":\"" + now + "\",\"Type\":\"AWS-HMAC\",\"AccessKeyId\":\"ASIAIMDS1\","
                + "\"SecretAccessKey\":\"secret1\",\"Token\":\"token1\",\"Expiration\":\""
                + Timestamps.format(clock.instant().plus(Duration.ofHours(1))) + "\",\"AccountId\":\"111111111111\"}", creds.body());
        assertEquals("eu-west-1", Http.send("GET", url.resolve("/latest/meta-data/placement/region"), TOKEN, t).body());
        assertEquals("eu-west-1a", Http.send("GET", url.resolve("/latest/meta-data/placement/availability-zone"), TOKEN, t).body());
        assertFalse(logged.toString().contains(t), "the session token is never logged");
        assertFalse(logged.toString().contains("secret1"), "nor the keys");
        assertTrue(logged.toString().contains("debug: imds PUT /latest/api/token 200\n"), logged.toString());
    }

    @Test
    void doubledSlashesAreOne() throws Exception {
        // the Java SDK appends "/latest/..." to the endpoint URL, which ends in "/" for botocore's sake
        HttpResponse<String> r = Http.send("PUT", URI.create(url + "/latest/api/token"), TTL, "60");
        assertEquals(200, r.statusCode());
        assertEquals("Developer", Http.send("GET", URI.create(url + "/latest/meta-data//iam/security-credentials/"), TOKEN, r.body()).body());
    }

    @Test
    void getsNeedALiveTokenOfThisServer() throws Exception {
        URI creds = url.resolve(CREDS_PATH + "Developer");
        assertEquals(401, Http.send("GET", creds).statusCode(), "IMDSv1 is refused");
        assertEquals(401, Http.send("GET", url.resolve(CREDS_PATH)).statusCode());
        assertEquals(401, Http.send("GET", creds, TOKEN, "wrong").statusCode());
        String t = token("60");
        char last = t.charAt(t.length() - 1);
        assertEquals(401, Http.send("GET", creds, TOKEN, t.substring(0, t.length() - 1) + (last == 'A' ? 'B' : 'A')).statusCode(),
                "an altered token");
        ImdsTokens other = new ImdsTokens(clock);
        assertEquals(401, Http.send("GET", creds, TOKEN, other.issue(60)).statusCode(), "another server's token");
        assertEquals(200, Http.send("GET", creds, TOKEN, t).statusCode());
        clock.advance(Duration.ofSeconds(61));
        assertEquals(401, Http.send("GET", creds, TOKEN, t).statusCode(), "the TTL is enforced");
        assertEquals(401, Http.send("GET", url.resolve("/nope"), TOKEN, t).statusCode(), "the token is checked before the path");
    }

    @Test
    void badRequests() throws Exception {
        URI tokenPath = url.resolve("/latest/api/token");
        assertEquals(400, Http.send("PUT", tokenPath).statusCode(), "no TTL");
        for (String ttl : new String[] {"0", "21601", "x", "-5"}) {
            assertEquals(400, Http.send("PUT", tokenPath, TTL, ttl).statusCode(), ttl);
        }
        assertEquals(403, Http.send("PUT", tokenPath, TTL, "60", "X-Forwarded-For", "10.0.0.1").statusCode(), "no tokens through a proxy");
        HttpResponse<String> get = Http.send("GET", tokenPath);
        assertEquals(405, get.statusCode());
        assertEquals("PUT", get.headers().firstValue("Allow").orElse(""));
        String t = token("60");
        assertEquals(404, Http.send("GET", url.resolve(CREDS_PATH + "Other"), TOKEN, t).statusCode(), "another role");
        assertEquals(404, Http.send("GET", url.resolve("/latest/meta-data/instance-id"), TOKEN, t).statusCode());
        assertEquals(404, Http.send("GET", url.resolve("/"), TOKEN, t).statusCode());
        assertEquals(405, Http.send("POST", url.resolve(CREDS_PATH), TOKEN, t).statusCode());
        assertEquals(405, Http.send("DELETE", url.resolve(CREDS_PATH + "Developer"), TOKEN, t).statusCode());
    }

    @Test
    void refreshedBeforeExpiry() throws Exception {
        String t = token("21600");
        URI creds = url.resolve(CREDS_PATH + "Developer");
        assertTrue(Http.send("GET", creds, TOKEN, t).body().contains("\"ASIAIMDS1\""));
        clock.advance(Duration.ofMinutes(44));
        assertTrue(Http.send("GET", creds, TOKEN, t).body().contains("\"ASIAIMDS1\""), "16 minutes left: the same keys");
        clock.advance(Duration.ofMinutes(2));
        String body = Http.send("GET", creds, TOKEN, t).body();
        assertTrue(body.contains("\"ASIAIMDS2\""), "14 minutes left: new keys, " + body);
        assertTrue(body.contains("\"LastUpdated\":\"" + Timestamps.format(clock.instant()) + "\""), body);
        assertNotEquals(Instant.EPOCH, clock.instant());
        assertEquals(2, fetches.get());
    }
}
