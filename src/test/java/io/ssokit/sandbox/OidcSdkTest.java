package io.ssokit.sandbox;

import com.sun.net.httpserver.HttpServer;
import static io.ssokit.sandbox.SandboxTesting.clients;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ssokit.aws.AwsClients;
import io.ssokit.testing.MutableClock;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sso.SsoClient;
import software.amazon.awssdk.services.ssooidc.SsoOidcClient;
import software.amazon.awssdk.services.ssooidc.model.AccessDeniedException;
import software.amazon.awssdk.services.ssooidc.model.AuthorizationPendingException;
import software.amazon.awssdk.services.ssooidc.model.CreateTokenResponse;
import software.amazon.awssdk.services.ssooidc.model.ExpiredTokenException;
import software.amazon.awssdk.services.ssooidc.model.InvalidClientException;
import software.amazon.awssdk.services.ssooidc.model.InvalidGrantException;
import software.amazon.awssdk.services.ssooidc.model.InvalidRequestException;
import software.amazon.awssdk.services.ssooidc.model.RegisterClientResponse;
import software.amazon.awssdk.services.ssooidc.model.SlowDownException;
import software.amazon.awssdk.services.ssooidc.model.StartDeviceAuthorizationResponse;
import software.amazon.awssdk.services.ssooidc.model.UnauthorizedClientException;

/** SSO OIDC through the AWS SDK for Java v2, against a sandbox that waits for approval. */
class OidcSdkTest {
    final MutableClock clock = new MutableClock();
    Sandbox sb;
    AwsClients clients;
    SsoOidcClient oidc;

    @BeforeEach
    void start() {
        sb = Sandbox.start(SandboxOptions.builder().clock(clock).tokenTtl(Duration.ofMinutes(30)).build());
        clients = clients(sb);
        oidc = clients.oidc(SandboxTesting.REGION);
    }

    @AfterEach
    void stop() {
        clients.close();
        sb.close();
    }

    RegisterClientResponse register() {
        return oidc.registerClient(r -> r.clientName("ssokit-test").clientType("public").scopes("sso:account:access"));
    }

    StartDeviceAuthorizationResponse startDevice(RegisterClientResponse reg) {
        return oidc.startDeviceAuthorization(r -> r.clientId(reg.clientId()).clientSecret(reg.clientSecret())
                .startUrl(Org.DEFAULT_START_URL));
    }

    CreateTokenResponse poll(RegisterClientResponse reg, StartDeviceAuthorizationResponse dev) {
        return oidc.createToken(r -> r.clientId(reg.clientId()).clientSecret(reg.clientSecret())
                .grantType(OidcService.GRANT_DEVICE_CODE).deviceCode(dev.deviceCode()));
    }

    @Test
    void deviceCodeFlowPendingThenApproved() {
        RegisterClientResponse reg = register();
        long now = clock.instant().getEpochSecond();
        assertEquals(now, reg.clientIdIssuedAt());
        assertEquals(now + 90L * 24 * 3600, reg.clientSecretExpiresAt());

        StartDeviceAuthorizationResponse dev = startDevice(reg);
        assertTrue(dev.userCode().matches("[A-Z]{4}-[A-Z]{4}"), dev.userCode());
        assertEquals(sb.endpoint() + "/device", dev.verificationUri());
        assertEquals(sb.endpoint() + "/device?user_code=" + dev.userCode(), dev.verificationUriComplete());
        assertEquals(1, dev.interval());
        assertEquals(600, dev.expiresIn());

        AuthorizationPendingException pending = assertThrows(AuthorizationPendingException.class, () -> poll(reg, dev));
        assertEquals("authorization_pending", pending.error());
        assertEquals(400, pending.statusCode());

        // polled again within the 1 s interval
        SlowDownException slow = assertThrows(SlowDownException.class, () -> poll(reg, dev));
        assertEquals("slow_down", slow.error());

        sb.approve(dev.userCode().toLowerCase());
        clock.advance(Duration.ofSeconds(1));
        CreateTokenResponse token = poll(reg, dev);
        assertEquals("Bearer", token.tokenType());
        assertEquals(1800, token.expiresIn());
        assertTrue(token.accessToken().startsWith("aoa"));
        assertNotNull(token.refreshToken(), "clients registered with scopes get refresh tokens");

        // a device code is redeemed once
        clock.advance(Duration.ofSeconds(1));
        assertThrows(InvalidGrantException.class, () -> poll(reg, dev));

        try (SsoClient sso = clients.sso(SandboxTesting.REGION)) {
            assertEquals(3, sso.listAccounts(r -> r.accessToken(token.accessToken())).accountList().size());
        }
        assertEquals(4, sb.stats().count("sso-oidc:CreateToken"));
        assertEquals(3, sb.stats().failed("sso-oidc:CreateToken"));
    }

    @Test
    void deniedExpiredAndWrongClient() throws Exception {
        RegisterClientResponse reg = register();
        StartDeviceAuthorizationResponse denied = startDevice(reg);
        sb.deny(denied.userCode());
        AccessDeniedException ad = assertThrows(AccessDeniedException.class, () -> poll(reg, denied));
        assertEquals("access_denied", ad.error());

        StartDeviceAuthorizationResponse late = startDevice(reg);
        clock.advance(Duration.ofMinutes(11));
        ExpiredTokenException exp = assertThrows(ExpiredTokenException.class, () -> poll(reg, late));
        assertEquals("expired_token", exp.error());
        assertThrows(IllegalArgumentException.class, () -> sb.approve(late.userCode()));

        RegisterClientResponse other = register();
        StartDeviceAuthorizationResponse dev = startDevice(reg);
        sb.approve(dev.userCode());
        // another client cannot redeem this client's device code
        assertThrows(InvalidGrantException.class, () -> poll(other, dev));
        InvalidClientException bad = assertThrows(InvalidClientException.class, () -> oidc.createToken(r -> r.clientId(reg.clientId())
                .clientSecret("wrong").grantType(OidcService.GRANT_DEVICE_CODE).deviceCode(dev.deviceCode())));
        assertEquals(401, bad.statusCode());
        assertEquals("InvalidClientException", bad.awsErrorDetails().errorCode());
        // the URL-connection client drops the body of a 401 to a streamed POST; the body AWS sends is there
        java.net.http.HttpResponse<String> raw = SandboxTesting.post(URI.create(sb.endpoint() + "/token"), "application/json",
                "{\"clientId\":\"" + reg.clientId() + "\",\"clientSecret\":\"wrong\",\"grantType\":\"refresh_token\"}");
        assertEquals(401, raw.statusCode());
        assertEquals("InvalidClientException:http://internal.amazon.com/coral/com.amazonaws.sso.oidc/",
                raw.headers().firstValue("x-amzn-ErrorType").orElseThrow());
        assertEquals("{\"error\":\"invalid_client\",\"error_description\":\"Invalid client provided\"}", raw.body());
        assertThrows(InvalidClientException.class, () -> oidc.startDeviceAuthorization(r -> r.clientId("nope")
                .clientSecret("nope").startUrl(Org.DEFAULT_START_URL)));
        assertThrows(InvalidRequestException.class, () -> oidc.startDeviceAuthorization(r -> r.clientId(reg.clientId())
                .clientSecret(reg.clientSecret()).startUrl("https://elsewhere.awsapps.com/start")));

        // registrations expire after 90 days
        clock.advance(Duration.ofDays(90));
        InvalidClientException expired = assertThrows(InvalidClientException.class, () -> startDevice(reg));
        assertEquals(401, expired.statusCode());
    }

    @Test
    void refreshTokenGrantRotatesTheRefreshToken() {
        RegisterClientResponse reg = register();
        StartDeviceAuthorizationResponse dev = startDevice(reg);
        sb.approve(dev.userCode());
        CreateTokenResponse first = poll(reg, dev);

        CreateTokenResponse refreshed = oidc.createToken(r -> r.clientId(reg.clientId()).clientSecret(reg.clientSecret())
                .grantType("refresh_token").refreshToken(first.refreshToken()));
        assertNotEquals(first.accessToken(), refreshed.accessToken());
        assertNotEquals(first.refreshToken(), refreshed.refreshToken());
        assertThrows(InvalidGrantException.class, () -> oidc.createToken(r -> r.clientId(reg.clientId())
                .clientSecret(reg.clientSecret()).grantType("refresh_token").refreshToken(first.refreshToken())));

        // the access token of a refresh works even after the first one expired
        clock.advance(Duration.ofMinutes(31));
        CreateTokenResponse later = oidc.createToken(r -> r.clientId(reg.clientId()).clientSecret(reg.clientSecret())
                .grantType("refresh_token").refreshToken(refreshed.refreshToken()));
        try (SsoClient sso = clients.sso(SandboxTesting.REGION)) {
            assertThrows(software.amazon.awssdk.services.sso.model.UnauthorizedException.class,
                    () -> sso.listAccounts(r -> r.accessToken(first.accessToken())));
            assertEquals(3, sso.listAccounts(r -> r.accessToken(later.accessToken())).accountList().size());
        }

        // a legacy registration without scopes gets no refresh token
        RegisterClientResponse legacy = oidc.registerClient(r -> r.clientName("legacy").clientType("public"));
        StartDeviceAuthorizationResponse d2 = startDevice(legacy);
        sb.approve(d2.userCode());
        assertNull(poll(legacy, d2).refreshToken());
    }

    @Test
    void pkceAuthorizationCodeFlow() throws Exception {
        Sandbox auto = Sandbox.start(SandboxOptions.builder().autoApprove(true).build());
        AtomicReference<String> callbackQuery = new AtomicReference<>();
        HttpServer callback = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        callback.createContext("/oauth/callback", ex -> {
            callbackQuery.set(ex.getRequestURI().getRawQuery());
            byte[] ok = "signed in".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, ok.length);
            ex.getResponseBody().write(ok);
            ex.close();
        });
        callback.start();
        try (AwsClients c = clients(auto); SsoOidcClient o = c.oidc(SandboxTesting.REGION)) {
            RegisterClientResponse reg = o.registerClient(r -> r.clientName("pkce").clientType("public")
                    .scopes("sso:account:access").grantTypes("authorization_code", "refresh_token")
                    .redirectUris("http://127.0.0.1/oauth/callback").issuerUrl(Org.DEFAULT_START_URL));
            assertEquals(auto.endpoint() + "/authorize", reg.authorizationEndpoint());

            String verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
            String redirect = "http://127.0.0.1:" + callback.getAddress().getPort() + "/oauth/callback";
            URI authorize = URI.create(auto.endpoint() + "/authorize?response_type=code&client_id=" + reg.clientId()
                    + "&redirect_uri=" + URLEncoder.encode(redirect, StandardCharsets.UTF_8) + "&state=xyz-123"
                    + "&code_challenge_method=S256&scopes=sso%3Aaccount%3Aaccess&code_challenge=" + OidcService.s256(verifier));
            HttpResponse<String> followed = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build()
                    .send(HttpRequest.newBuilder(authorize).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, followed.statusCode());
            assertEquals("signed in", followed.body());
            Map<String, String> q = ApiRequest.formDecode(callbackQuery.get());
            assertEquals("xyz-123", q.get("state"));
            String code = q.get("code");

            InvalidGrantException wrongRedirect = assertThrows(InvalidGrantException.class, () -> o.createToken(r -> r
                    .clientId(reg.clientId()).clientSecret(reg.clientSecret()).grantType("authorization_code")
                    .code(code).codeVerifier(verifier).redirectUri("http://127.0.0.1:1/oauth/callback")));
            assertEquals("invalid_grant", wrongRedirect.error());

            // the failed attempt used the code up; get a fresh one and present the wrong verifier
            String code2 = authorizeNoFollow(authorize);
            InvalidGrantException mismatch = assertThrows(InvalidGrantException.class, () -> o.createToken(r -> r
                    .clientId(reg.clientId()).clientSecret(reg.clientSecret()).grantType("authorization_code")
                    .code(code2).codeVerifier(verifier + "x").redirectUri(redirect)));
            assertTrue(mismatch.errorDescription().contains("verifier"), mismatch.errorDescription());

            String code3 = authorizeNoFollow(authorize);
            CreateTokenResponse token = o.createToken(r -> r.clientId(reg.clientId()).clientSecret(reg.clientSecret())
                    .grantType("authorization_code").code(code3).codeVerifier(verifier).redirectUri(redirect));
            assertNotNull(token.accessToken());
            assertNotNull(token.refreshToken());
            assertThrows(InvalidGrantException.class, () -> o.createToken(r -> r.clientId(reg.clientId())
                    .clientSecret(reg.clientSecret()).grantType("authorization_code").code(code3).codeVerifier(verifier)
                    .redirectUri(redirect)));

            // a PKCE-only client may not use the device flow
            assertThrows(UnauthorizedClientException.class, () -> o.startDeviceAuthorization(r -> r.clientId(reg.clientId())
                    .clientSecret(reg.clientSecret()).startUrl(Org.DEFAULT_START_URL)));

            // a redirect URI the client did not register gets an error page, never a redirect
            HttpResponse<String> foreign = SandboxTesting.get(URI.create(authorize.toString()
                    .replace(URLEncoder.encode(redirect, StandardCharsets.UTF_8), URLEncoder.encode("http://evil.example/cb", StandardCharsets.UTF_8))),
                    Map.of());
            assertEquals(400, foreign.statusCode());
            // plain (non-S256) challenges are refused with an error redirect
            HttpResponse<String> plain = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                    authorize.toString().replace("code_challenge_method=S256", "code_challenge_method=plain"))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(302, plain.statusCode());
            assertTrue(plain.headers().firstValue("Location").orElseThrow().contains("error=invalid_request"));
        } finally {
            callback.stop(0);
            auto.close();
        }
    }

    static String authorizeNoFollow(URI authorize) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(authorize).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(302, r.statusCode());
        URI location = URI.create(r.headers().firstValue("Location").orElseThrow());
        return ApiRequest.formDecode(location.getRawQuery()).get("code");
    }

    @Test
    void browserPagesApproveAndDeny() throws Exception {
        RegisterClientResponse reg = oidc.registerClient(r -> r.clientName("pkce <b>").clientType("public")
                .scopes("sso:account:access").grantTypes("authorization_code").redirectUris("http://127.0.0.1/cb"));
        String authorize = sb.endpoint() + "/authorize?response_type=code&client_id=" + reg.clientId()
                + "&redirect_uri=" + URLEncoder.encode("http://127.0.0.1:5555/cb", StandardCharsets.UTF_8)
                + "&state=s1&code_challenge_method=S256&code_challenge=" + OidcService.s256("v".repeat(43));
        HttpResponse<String> page = SandboxTesting.get(URI.create(authorize), Map.of());
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("pkce &lt;b&gt;"), "client names are escaped");
        String requestId = page.body().replaceAll("(?s).*name=\"request_id\" value=\"([^\"]+)\".*", "$1");

        HttpResponse<String> deny = SandboxTesting.post(URI.create(sb.endpoint() + "/authorize"),
                "application/x-www-form-urlencoded", "request_id=" + requestId + "&decision=deny");
        assertEquals(302, deny.statusCode());
        assertEquals("http://127.0.0.1:5555/cb?error=access_denied&error_description=The+user+denied+the+request&state=s1",
                deny.headers().firstValue("Location").orElseThrow());
        // answered once
        assertEquals(400, SandboxTesting.post(URI.create(sb.endpoint() + "/authorize"), "application/x-www-form-urlencoded",
                "request_id=" + requestId + "&decision=approve").statusCode());

        // the device verification page, approved by its button
        RegisterClientResponse dc = register();
        StartDeviceAuthorizationResponse dev = startDevice(dc);
        HttpResponse<String> devicePage = SandboxTesting.get(URI.create(dev.verificationUriComplete()), Map.of());
        assertEquals(200, devicePage.statusCode());
        assertTrue(devicePage.body().contains(dev.userCode()));
        HttpResponse<String> approved = SandboxTesting.post(URI.create(dev.verificationUri()), "application/x-www-form-urlencoded",
                "user_code=" + dev.userCode() + "&decision=approve&user=sandbox-user");
        assertEquals(200, approved.statusCode());
        assertTrue(approved.body().contains("Request approved"));
        assertTrue(SandboxTesting.get(URI.create(dev.verificationUriComplete()), Map.of()).body().contains("Request approved"));
        assertNotNull(poll(dc, dev).accessToken());
        assertEquals(400, SandboxTesting.get(URI.create(sb.endpoint() + "/device?user_code=BBBB-CCCC"), Map.of()).statusCode());

        // the control endpoint approves like the button does, and refuses unknown codes
        StartDeviceAuthorizationResponse dev2 = startDevice(dc);
        assertEquals(200, SandboxTesting.post(URI.create(sb.endpoint() + "/_sandbox/approve?user_code=" + dev2.userCode()),
                "text/plain", "").statusCode());
        clock.advance(Duration.ofSeconds(1));
        assertNotNull(poll(dc, dev2).accessToken());
        HttpResponse<String> unknown = SandboxTesting.post(URI.create(sb.endpoint() + "/_sandbox/deny"),
                "application/x-www-form-urlencoded", "user_code=BBBB-CCCC");
        assertEquals(400, unknown.statusCode());
        assertTrue(unknown.body().contains("no device authorization with user code 'BBBB-CCCC'"), unknown.body());
    }
}
