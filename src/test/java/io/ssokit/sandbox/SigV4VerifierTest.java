package io.ssokit.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.ssokit.sandbox.SigV4Verifier.Rejected;
import io.ssokit.sandbox.SigV4Verifier.Secret;
import io.ssokit.sandbox.SigV4Verifier.Verified;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

/** The verifier against requests signed by the AWS SDK's own SigV4 signer. */
class SigV4VerifierTest {
    static final String AKID = "ASIAEXAMPLEEXAMPLE12";
    static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    static final String TOKEN = "FwoGZXIvYXdzEXAMPLETOKEN";
    static final Instant NOW = Instant.parse("2025-03-04T05:06:07Z");
    static final byte[] BODY = "Action=GetCallerIdentity&Version=2011-06-15".getBytes(StandardCharsets.UTF_8);

    static final Function<String, Secret> LOOKUP = id -> id.equals(AKID) ? new Secret(SECRET, TOKEN, NOW.plusSeconds(3600)) : null;

    static SigV4Verifier.Request sign(AwsCredentialsIdentity identity, String service, Instant at, SdkHttpRequest req, byte[] body) {
        SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(identity)
                .request(req)
                .payload(ContentStreamProvider.fromByteArray(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(at, ZoneOffset.UTC)));
        SdkHttpRequest s = signed.request();
        Map<String, List<String>> headers = new HashMap<>(s.headers());
        if (headers.keySet().stream().noneMatch(h -> h.equalsIgnoreCase("host"))) {
            headers.put("Host", List.of(s.host() + (s.port() == 80 ? "" : ":" + s.port())));
        }
        return new SigV4Verifier.Request(s.method().name(), s.encodedPath(), s.encodedQueryParameters().orElse(null), headers, body);
    }

    static SdkHttpRequest post() {
        return SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(URI.create("http://127.0.0.1:4566/"))
                .putHeader("Content-Type", "application/x-www-form-urlencoded; charset=utf-8").build();
    }

    static SigV4Verifier.Request signedPost(String secret) {
        return sign(AwsSessionCredentialsIdentity.create(AKID, secret, TOKEN), "sts", NOW, post(), BODY);
    }

    @Test
    void acceptsTheSdksSignature() {
        Verified v = assertInstanceOf(Verified.class, SigV4Verifier.verify(signedPost(SECRET), LOOKUP, "sts", NOW));
        assertEquals(AKID, v.accessKeyId());
        assertEquals("us-east-1", v.region());
    }

    @Test
    void wrongSecretIsSignatureDoesNotMatch() {
        Rejected r = assertInstanceOf(Rejected.class, SigV4Verifier.verify(signedPost(SECRET + "x"), LOOKUP, "sts", NOW));
        assertEquals("SignatureDoesNotMatch", r.code());
        assertEquals(403, r.status());
    }

    @Test
    void tamperedBodyOrHeaderIsSignatureDoesNotMatch() {
        SigV4Verifier.Request ok = signedPost(SECRET);
        SigV4Verifier.Request body = new SigV4Verifier.Request(ok.method(), ok.rawPath(), ok.rawQuery(), ok.headers(),
                "Action=AssumeRole&Version=2011-06-15".getBytes(StandardCharsets.UTF_8));
        assertEquals("SignatureDoesNotMatch", ((Rejected) SigV4Verifier.verify(body, LOOKUP, "sts", NOW)).code());

        Map<String, List<String>> h = new HashMap<>(ok.headers());
        h.put("Host", List.of("evil.example:4566"));
        SigV4Verifier.Request host = new SigV4Verifier.Request(ok.method(), ok.rawPath(), ok.rawQuery(), h, ok.body());
        assertEquals("SignatureDoesNotMatch", ((Rejected) SigV4Verifier.verify(host, LOOKUP, "sts", NOW)).code());

        SigV4Verifier.Request method = new SigV4Verifier.Request("PUT", ok.rawPath(), ok.rawQuery(), ok.headers(), ok.body());
        assertEquals("SignatureDoesNotMatch", ((Rejected) SigV4Verifier.verify(method, LOOKUP, "sts", NOW)).code());
    }

    @Test
    void unknownKeyIsInvalidClientTokenId() {
        SigV4Verifier.Request r = sign(AwsSessionCredentialsIdentity.create("ASIAUNKNOWNUNKNOWN00", SECRET, TOKEN), "sts", NOW, post(), BODY);
        Rejected rej = (Rejected) SigV4Verifier.verify(r, LOOKUP, "sts", NOW);
        assertEquals("InvalidClientTokenId", rej.code());
        assertEquals(403, rej.status());
        assertEquals("The security token included in the request is invalid.", rej.message());
    }

    @Test
    void sessionTokenMustMatchTheIssuedOne() {
        SigV4Verifier.Request wrong = sign(AwsSessionCredentialsIdentity.create(AKID, SECRET, TOKEN + "x"), "sts", NOW, post(), BODY);
        assertEquals("InvalidClientTokenId", ((Rejected) SigV4Verifier.verify(wrong, LOOKUP, "sts", NOW)).code());
        SigV4Verifier.Request none = sign(AwsCredentialsIdentity.create(AKID, SECRET), "sts", NOW, post(), BODY);
        assertEquals("InvalidClientTokenId", ((Rejected) SigV4Verifier.verify(none, LOOKUP, "sts", NOW)).code());
    }

    @Test
    void expiredCredentialsAreExpiredToken() {
        Function<String, Secret> expired = id -> new Secret(SECRET, TOKEN, NOW.minusSeconds(1));
        Rejected r = (Rejected) SigV4Verifier.verify(signedPost(SECRET), expired, "sts", NOW);
        assertEquals("ExpiredToken", r.code());
        assertEquals(403, r.status());
        assertEquals("The security token included in the request is expired", r.message());
    }

    @Test
    void skewBeyondFifteenMinutesIsRefused() {
        Rejected late = (Rejected) SigV4Verifier.verify(signedPost(SECRET), LOOKUP, "sts", NOW.plus(Duration.ofMinutes(16)));
        assertEquals("SignatureDoesNotMatch", late.code());
        assertEquals("Signature expired: 20250304T050607Z is now earlier than 20250304T050707Z (20250304T052207Z - 15 min.)", late.message());
        Rejected early = (Rejected) SigV4Verifier.verify(signedPost(SECRET), LOOKUP, "sts", NOW.minus(Duration.ofMinutes(16)));
        assertEquals("SignatureDoesNotMatch", early.code());
        assertInstanceOf(Verified.class, SigV4Verifier.verify(signedPost(SECRET), LOOKUP, "sts", NOW.plus(Duration.ofMinutes(14))));
    }

    @Test
    void scopeMustNameTheService() {
        SigV4Verifier.Request r = sign(AwsSessionCredentialsIdentity.create(AKID, SECRET, TOKEN), "iam", NOW, post(), BODY);
        Rejected rej = (Rejected) SigV4Verifier.verify(r, LOOKUP, "sts", NOW);
        assertEquals("SignatureDoesNotMatch", rej.code());
        assertEquals("Credential should be scoped to correct service: 'sts'. ", rej.message());
    }

    @Test
    void missingOrMalformedAuthorization() {
        SigV4Verifier.Request ok = signedPost(SECRET);
        Map<String, List<String>> h = new HashMap<>(ok.headers());
        h.keySet().removeIf(k -> k.equalsIgnoreCase("authorization"));
        Rejected missing = (Rejected) SigV4Verifier.verify(new SigV4Verifier.Request("POST", "/", null, h, BODY), LOOKUP, "sts", NOW);
        assertEquals("MissingAuthenticationToken", missing.code());
        h.put("Authorization", List.of("AWS4-HMAC-SHA256 Credential=" + AKID + "/20250304/us-east-1/sts/aws4_request"));
        Rejected partial = (Rejected) SigV4Verifier.verify(new SigV4Verifier.Request("POST", "/", null, h, BODY), LOOKUP, "sts", NOW);
        assertEquals("IncompleteSignature", partial.code());
        assertEquals(400, partial.status());
    }

    @Test
    void canonicalFormsFollowTheSpec() {
        // the examples of the SigV4 documentation's canonical request section
        assertEquals("/documents%2520and%2520settings/", SigV4Verifier.canonicalUri("/documents%20and%20settings/"));
        assertEquals("/a/c", SigV4Verifier.canonicalUri("/a/./b/../c"));
        assertEquals("/", SigV4Verifier.canonicalUri(""));
        assertEquals("A=%20b&a=1&a=2&b=", SigV4Verifier.canonicalQuery("a=2&b&a=1&A=%20b"));
        assertEquals("k=%E2%9C%93%2B", SigV4Verifier.canonicalQuery("k=%E2%9C%93+"));
    }

    @Property(tries = 150)
    void everySdkSignedRequestVerifies(@ForAll("paths") List<String> segments, @ForAll("params") Map<String, String> query,
            @ForAll("values") String headerValue, @ForAll("values") String body) {
        StringBuilder path = new StringBuilder();
        for (String s : segments) {
            path.append('/').append(SigV4Verifier.encode(s, true));
        }
        SdkHttpRequest.Builder b = SdkHttpRequest.builder().method(SdkHttpMethod.POST)
                .uri(URI.create("http://127.0.0.1:4566" + (path.length() == 0 ? "/" : path)))
                .putHeader("X-Custom", "  " + headerValue + "  ")
                .putHeader("X-Multi", List.of("one", headerValue));
        query.forEach(b::putRawQueryParameter);
        byte[] payload = body.getBytes(StandardCharsets.UTF_8);
        SigV4Verifier.Request signed = sign(AwsSessionCredentialsIdentity.create(AKID, SECRET, TOKEN), "execute-api", NOW, b.build(), payload);
        assertInstanceOf(Verified.class, SigV4Verifier.verify(signed, LOOKUP, "execute-api", NOW));

        byte[] tampered = (body + "!").getBytes(StandardCharsets.UTF_8);
        SigV4Verifier.Request bad = new SigV4Verifier.Request(signed.method(), signed.rawPath(), signed.rawQuery(), signed.headers(), tampered);
        assertEquals("SignatureDoesNotMatch", ((Rejected) SigV4Verifier.verify(bad, LOOKUP, "execute-api", NOW)).code());
    }

    @Provide
    Arbitrary<List<String>> paths() {
        return Arbitraries.strings().withChars("abcXYZ09-_.~ %+=&/é✓").ofMinLength(1).ofMaxLength(8)
                .filter(s -> !s.equals(".") && !s.equals(".."))
                .list().ofMaxSize(3);
    }

    @Provide
    Arbitrary<Map<String, String>> params() {
        return Arbitraries.maps(Arbitraries.strings().withChars("abcAB_-.~ +=&é").ofMinLength(1).ofMaxLength(6),
                Arbitraries.strings().withChars("abc09 /+=&?%é✓").ofMaxLength(8)).ofMaxSize(4);
    }

    @Provide
    Arbitrary<String> values() {
        return Arbitraries.strings().withChars("abc XYZ09=,;:/\"'é").ofMinLength(1).ofMaxLength(12)
                .filter(s -> !s.isBlank());
    }

}
