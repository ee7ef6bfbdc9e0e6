package io.ssokit.sso;

import io.ssokit.Env;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ssokit.console.Browser;
import io.ssokit.sso.LoginTesting.CapturedLog;
import io.ssokit.testing.MutableClock;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.ssooidc.SsoOidcClient;
import software.amazon.awssdk.services.ssooidc.model.CreateTokenRequest;
import software.amazon.awssdk.services.ssooidc.model.CreateTokenResponse;
import software.amazon.awssdk.services.ssooidc.model.InvalidGrantException;
import software.amazon.awssdk.services.ssooidc.model.RegisterClientRequest;
import software.amazon.awssdk.services.ssooidc.model.RegisterClientResponse;
import software.amazon.awssdk.services.ssooidc.model.StartDeviceAuthorizationRequest;
import software.amazon.awssdk.services.ssooidc.model.StartDeviceAuthorizationResponse;

/** The OIDC conversations against a scripted sso-oidc client: what is sent, and how errors map to exit codes. */
class OidcFlowsTest {
    @TempDir
    Path home;

    final MutableClock clock = new MutableClock();
    final CapturedLog out = new CapturedLog();
    final List<Object> requests = new ArrayList<>();

    /** An sso-oidc client that records requests and answers CreateToken with {@code createToken}. */
    SsoOidcClient stub(Function<CreateTokenRequest, CreateTokenResponse> createToken) {
        return new SsoOidcClient() {
            @Override
            public String serviceName() {
                return "sso-oidc";
            }

            @Override
            public void close() {
            }

            @Override
            public RegisterClientResponse registerClient(RegisterClientRequest r) {
                requests.add(r);
                return RegisterClientResponse.builder().clientId("cid").clientSecret("csecret")
                        .clientSecretExpiresAt(clock.instant().plus(Duration.ofDays(90)).getEpochSecond()).build();
            }

            @Override
            public StartDeviceAuthorizationResponse startDeviceAuthorization(StartDeviceAuthorizationRequest r) {
                requests.add(r);
                return StartDeviceAuthorizationResponse.builder().deviceCode("dc").userCode("ABCD-EFGH")
                        .verificationUri("https://device.example/").verificationUriComplete("https://device.example/?user_code=ABCD-EFGH")
                        .expiresIn(600).build();
            }

            @Override
            public CreateTokenResponse createToken(CreateTokenRequest r) {
                requests.add(r);
                return createToken.apply(r);
            }
        };
    }

    OidcFlows flows(Instance instance, SsoOidcClient oidc) {
        Env env = new Env(Map.of("HOME", home.toString()), home);
        return new OidcFlows(oidc, instance, RegistrationCache.of(env), clock, clock::advance, out.log, new Browser(env, out.log),
                Duration.ofSeconds(1), "https://oidc.us-east-1.amazonaws.com");
    }

    @Test
    void theDeviceCodeFlowSendsWhatTheAwsCliSends() {
        SsoToken t = flows(Instance.legacy("https://x.awsapps.com/start", "us-east-1"), stub(r -> CreateTokenResponse.builder()
                .accessToken("at").expiresIn(3600).build())).deviceCode(true);
        RegisterClientRequest reg = (RegisterClientRequest) requests.get(0);
        assertEquals("public", reg.clientType());
        assertEquals("botocore-client-" + clock.instant().getEpochSecond(), reg.clientName());
        assertFalse(reg.hasScopes(), "legacy: no scopes, like aws-sso-util and the AWS CLI");
        assertFalse(reg.hasGrantTypes());
        StartDeviceAuthorizationRequest start = (StartDeviceAuthorizationRequest) requests.get(1);
        assertEquals("https://x.awsapps.com/start", start.startUrl());
        assertEquals("cid", start.clientId());
        CreateTokenRequest ct = (CreateTokenRequest) requests.get(2);
        assertEquals("urn:ietf:params:oauth:grant-type:device_code", ct.grantType());
        assertEquals("dc", ct.deviceCode());
        assertEquals("at", t.accessToken());
        assertEquals(clock.instant().plusSeconds(3600).getEpochSecond(), t.expiresAt().getEpochSecond());
        assertNull(t.refreshToken());
    }

    @Test
    void aSessionRegistersWithItsNameAndTheDefaultScope() {
        flows(Instance.session("my-org", "https://x.awsapps.com/start", "us-east-1", null),
                stub(r -> CreateTokenResponse.builder().accessToken("at").refreshToken("rt").expiresIn(3600).build())).deviceCode(true);
        RegisterClientRequest reg = (RegisterClientRequest) requests.get(0);
        assertEquals("botocore-client-my-org", reg.clientName());
        assertEquals(List.of("sso:account:access"), reg.scopes());
    }

    @Test
    void anInvalidGrantIsExitCode3() {
        LoginFailedException e = assertThrows(LoginFailedException.class, () -> flows(Instance.legacy("https://x.awsapps.com/start",
                "us-east-1"), stub(r -> {
                    throw (InvalidGrantException) InvalidGrantException.builder().statusCode(400).awsErrorDetails(AwsErrorDetails
                            .builder().errorCode("InvalidGrantException").errorMessage("Invalid device code provided").build()).build();
                })).deviceCode(true));
        assertEquals(LoginFailedException.INVALID_GRANT, e.exitCode());
        assertTrue(e.getMessage().contains("InvalidGrantException: Invalid device code provided"), e.getMessage());
    }

    @Test
    void anUnreachableServiceIsExitCode4NamingTheEndpoint() {
        LoginFailedException e = assertThrows(LoginFailedException.class, () -> flows(Instance.legacy("https://x.awsapps.com/start",
                "us-east-1"), stub(r -> {
                    throw SdkClientException.create("Unable to execute HTTP request: Connection refused");
                })).deviceCode(true));
        assertEquals(LoginFailedException.SERVICE_ERROR, e.exitCode());
        assertEquals("cannot get a token for https://x.awsapps.com/start (us-east-1): the Identity Center OIDC service"
                + " (https://oidc.us-east-1.amazonaws.com) cannot be reached: Unable to execute HTTP request: Connection refused",
                e.getMessage());
    }

    @Test
    void theRefreshKeepsTheOldRefreshTokenWhenNoNewOneComes() throws Exception {
        SsoToken old = SsoToken.builder().startUrl("u").region("us-east-1").accessToken("a1").refreshToken("r1").clientId("c")
                .clientSecret("s").registrationExpiresAt(Instant.now().plus(Duration.ofDays(1))).expiresAt(Instant.now())
                .extraField("custom", "[1]").build();
        SsoToken t = flows(Instance.session("s", "u", "us-east-1", null), stub(r -> CreateTokenResponse.builder()
                .accessToken("a2").expiresIn(60).build())).refresh(old);
        CreateTokenRequest ct = (CreateTokenRequest) requests.get(0);
        assertEquals("refresh_token", ct.grantType());
        assertEquals("r1", ct.refreshToken());
        assertEquals("a2", t.accessToken());
        assertEquals("r1", t.refreshToken());
        assertEquals("[1]", t.extraFields().get("custom"), "fields other tools wrote survive a refresh");
    }

    @Test
    void theAuthorizeUrlCarriesWhatTheAwsCliSends() {
        OidcFlows f = flows(Instance.session("s", "https://x.awsapps.com/start", "eu-west-1", List.of("sso:account:access", "openid")),
                stub(r -> null));
        String url = f.authorizeUrl(new ClientRegistration("c id", "s", null, null, null), "http://127.0.0.1:5000/oauth/callback",
                "st", "ch");
        assertEquals("https://oidc.us-east-1.amazonaws.com/authorize?response_type=code&client_id=c%20id"
                + "&redirect_uri=http%3A%2F%2F127.0.0.1%3A5000%2Foauth%2Fcallback&state=st&code_challenge_method=S256"
                + "&scopes=sso%3Aaccount%3Aaccess%20openid&code_challenge=ch", url);
    }

    @Test
    void authorizeBaseIsTheRegionalHostOrTheOverridesBase() {
        assertEquals("https://oidc.eu-west-1.amazonaws.com", OidcFlows.authorizeBase(null, "eu-west-1"));
        assertEquals("https://oidc.cn-north-1.amazonaws.com.cn", OidcFlows.authorizeBase(null, "cn-north-1"));
        assertEquals("http://127.0.0.1:4566", OidcFlows.authorizeBase(URI.create("http://127.0.0.1:4566/some/path"), "us-east-1"));
    }

    @Test
    void pkceMatchesRfc7636() {
        assertEquals("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
                OidcFlows.codeChallenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"));
        String v = OidcFlows.codeVerifier();
        assertEquals(64, v.length());
        assertTrue(v.matches("[A-Za-z0-9._~-]{64}"), v);
    }

    @Test
    void aRegistrationIsForPkceWhenItListsTheAuthorizationCodeGrant() {
        assertTrue(OidcFlows.isForAuthorizationCode(new ClientRegistration("c", "s", null, null, null,
                Map.of("grantTypes", "[\"authorization_code\", \"refresh_token\"]"))));
        assertFalse(OidcFlows.isForAuthorizationCode(new ClientRegistration("c", "s", null, null, null)));
        assertFalse(OidcFlows.isForAuthorizationCode(new ClientRegistration("c", "s", null, null, null,
                Map.of("grantTypes", "\"authorization_code\""))));
    }
}
