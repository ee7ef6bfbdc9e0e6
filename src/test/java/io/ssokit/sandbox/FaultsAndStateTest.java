package io.ssokit.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.ssokit.ExitCodes;
import io.ssokit.SsokitException;
import io.ssokit.aws.AwsClients;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sso.SsoClient;
import software.amazon.awssdk.services.sso.model.RoleCredentials;
import software.amazon.awssdk.services.sso.model.SsoException;
import software.amazon.awssdk.services.sso.model.TooManyRequestsException;
import software.amazon.awssdk.services.ssooidc.SsoOidcClient;
import software.amazon.awssdk.services.ssooidc.model.CreateTokenResponse;
import software.amazon.awssdk.services.ssooidc.model.SlowDownException;
import software.amazon.awssdk.services.sts.model.StsException;

/** Fault injection, the stats endpoints and state that survives a restart. */
class FaultsAndStateTest {

    @Test
    void throttlingReachesTheSdkAsEachServicesError() throws Exception {
        // one request per 20 s: the first call passes, the next ones are refused
        try (Sandbox sb = Sandbox.start(SandboxOptions.builder().autoApprove(true).throttleRps(0.05).build());
                AwsClients c = SandboxTesting.clients(sb);
                SsoClient sso = c.sso(SandboxTesting.REGION);
                SsoOidcClient oidc = c.oidc(SandboxTesting.REGION)) {
            oidc.registerClient(r -> r.clientName("t").clientType("public"));
            TooManyRequestsException tmr = assertThrows(TooManyRequestsException.class,
                    () -> sso.listAccounts(r -> r.accessToken("whatever")));
            assertEquals(429, tmr.statusCode());
            assertEquals("HTTP 429 Unknown Code", tmr.awsErrorDetails().errorMessage());
            SandboxStats s = sb.stats();
            // the SDK's standard retry mode tried 3 times, every one throttled
            assertEquals(3, s.count("sso:ListAccounts"));
            assertEquals(3, s.throttled());
            assertEquals(0, s.errors());

            // OIDC answers slow_down, which clients do not retry
            assertThrows(SlowDownException.class, () -> oidc.registerClient(r -> r.clientName("t").clientType("public")));
            // STS answers Throttling in its XML shape
            HttpResponse<String> sts = SandboxTesting.post(sb.endpoint(), "application/x-www-form-urlencoded",
                    "Action=GetCallerIdentity&Version=2011-06-15");
            assertEquals(400, sts.statusCode());
            assertTrue(sts.body().contains("<Code>Throttling</Code>") && sts.body().contains("<Type>Sender</Type>"), sts.body());

            // control endpoints and pages are never throttled
            assertEquals(200, SandboxTesting.get(URI.create(sb.endpoint() + "/_sandbox/stats"), Map.of()).statusCode());
            assertEquals(200, SandboxTesting.get(URI.create(sb.endpoint() + "/device"), Map.of()).statusCode());
            assertEquals(5, sb.stats().throttled());
        }
    }

    @Test
    void latencyDelaysEveryRequest() throws Exception {
        try (Sandbox sb = Sandbox.start(SandboxOptions.builder().latency(Duration.ofMillis(1500)).build())) {
            long t0 = System.nanoTime();
            java.util.concurrent.CompletableFuture<HttpResponse<String>> api = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try {
                    return SandboxTesting.get(URI.create(sb.endpoint() + "/assignment/accounts"), Map.of());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            // the API call is counted when it arrives, then held for the latency: a control call
            // answered while it is still held was not delayed (an ordering, not a stopwatch)
            while (sb.stats().peakInFlight() == 0) {
                Thread.sleep(5);
            }
            assertEquals(200, SandboxTesting.get(URI.create(sb.endpoint() + "/_sandbox/stats"), Map.of()).statusCode());
            assertTrue(!api.isDone(), "control endpoints are answered while an API call waits out its latency");
            HttpResponse<String> r = api.get();
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertEquals(401, r.statusCode());
            assertTrue(ms >= 1500, "answered after " + ms + " ms");
        }
    }

    @Test
    void injectedErrorsAreCountedAndShapedPerService() throws Exception {
        try (Sandbox sb = Sandbox.start(SandboxOptions.builder().autoApprove(true).errorRate(1).build());
                AwsClients c = SandboxTesting.clients(sb);
                SsoClient sso = c.sso(SandboxTesting.REGION)) {
            SsoException e = assertThrows(SsoException.class, () -> sso.listAccounts(r -> r.accessToken("t")));
            assertEquals(500, e.statusCode());
            assertEquals("InternalServerException", e.awsErrorDetails().errorCode());
            assertEquals(3, sb.stats().errors(), "the SDK retried twice");
            HttpResponse<String> token = SandboxTesting.post(URI.create(sb.endpoint() + "/token"), "application/json", "{}");
            assertEquals(500, token.statusCode());
            assertEquals("{\"error\":\"server_error\",\"error_description\":\"Unexpected server error\"}", token.body());
            HttpResponse<String> sts = SandboxTesting.post(sb.endpoint(), "application/x-www-form-urlencoded", "Action=AssumeRole");
            assertEquals(500, sts.statusCode());
            assertTrue(sts.body().contains("<Type>Receiver</Type>") && sts.body().contains("<Code>InternalFailure</Code>"));

            JsonNode stats = ApiRequest.JSON.readTree(SandboxTesting.get(URI.create(sb.endpoint() + "/_sandbox/stats"), Map.of()).body());
            assertEquals(5, stats.get("errors").asLong());
            assertEquals(3, stats.get("operations").get("sso:ListAccounts").asLong());
            assertEquals(1, stats.get("operations").get("sso-oidc:CreateToken").asLong());
            assertEquals(1, stats.get("failures").get("sts:AssumeRole").asLong());
            assertEquals(0, stats.get("throttled").asLong());

            HttpResponse<String> reset = SandboxTesting.post(URI.create(sb.endpoint() + "/_sandbox/stats/reset"), "text/plain", "");
            assertEquals(200, reset.statusCode());
            assertEquals(0, sb.stats().errors());
            assertTrue(sb.stats().operations().isEmpty());
        }
    }

    @Test
    void aSeedMakesErrorInjectionReproducible() throws Exception {
        List<Integer> first = statuses(42L);
        assertEquals(first, statuses(42L));
        assertTrue(first.contains(500) && first.contains(401), first.toString());
        assertNotEquals(first, statuses(7L));
    }

    private static List<Integer> statuses(long seed) throws Exception {
        List<Integer> out = new ArrayList<>();
        try (Sandbox sb = Sandbox.start(SandboxOptions.builder().errorRate(0.5).seed(seed).build())) {
            for (int i = 0; i < 24; i++) {
                out.add(SandboxTesting.get(URI.create(sb.endpoint() + "/assignment/accounts"), Map.of()).statusCode());
            }
            assertEquals(out.stream().filter(s -> s == 500).count(), sb.stats().errors());
        }
        return out;
    }

    @Test
    void stateDirKeepsClientsTokensAndCredentialsAcrossRestarts(@TempDir Path dir) throws Exception {
        CreateTokenResponse token;
        RoleCredentials creds;
        try (Sandbox sb = Sandbox.start(SandboxOptions.builder().autoApprove(true).stateDir(dir).build());
                AwsClients c = SandboxTesting.clients(sb);
                SsoOidcClient oidc = c.oidc(SandboxTesting.REGION);
                SsoClient sso = c.sso(SandboxTesting.REGION)) {
            token = SandboxTesting.login(sb, oidc);
            creds = SandboxTesting.roleCredentials(sso, token.accessToken(), "222222222222", "ReadOnly");
        }
        Path file = dir.resolve(SandboxState.FILE_NAME);
        assertTrue(Files.exists(file));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));

        try (Sandbox sb = Sandbox.start(SandboxOptions.builder().stateDir(dir).build());
                AwsClients c = SandboxTesting.clients(sb);
                SsoClient sso = c.sso(SandboxTesting.REGION)) {
            assertEquals(3, sso.listAccounts(r -> r.accessToken(token.accessToken())).accountList().size());
            assertEquals("222222222222", SandboxTesting.sts(c, creds).getCallerIdentity().account());
        }

        // without the state directory nothing is remembered
        try (Sandbox sb = Sandbox.start(SandboxOptions.builder().build());
                AwsClients c = SandboxTesting.clients(sb)) {
            StsException e = assertThrows(StsException.class, () -> SandboxTesting.sts(c, creds).getCallerIdentity());
            assertEquals("InvalidClientTokenId", e.awsErrorDetails().errorCode());
        }
    }

    @Test
    void controlEndpointsDescribeTheSandbox() throws Exception {
        try (Sandbox sb = Sandbox.start(SandboxOptions.builder().org(SandboxTesting.orgFromResource("test-org.yaml")).build())) {
            JsonNode org = ApiRequest.JSON.readTree(SandboxTesting.get(URI.create(sb.endpoint() + "/_sandbox/org"), Map.of()).body());
            assertEquals("333333333333", org.get("accounts").get(2).get("id").asText());
            assertTrue(org.get("accounts").get(2).get("iamRoles").get(2).get("requireMfa").asBoolean());
            assertEquals("bob", org.get("users").get(1).get("name").asText());
            HttpResponse<String> index = SandboxTesting.get(sb.endpoint(), Map.of());
            assertEquals(200, index.statusCode());
            assertTrue(index.body().contains(Org.DEFAULT_START_URL));
            assertTrue(sb.stats().operations().isEmpty(), "control endpoints and the index are not counted");
        }
    }

    @Test
    void aCorruptStateFileIsOneClearError(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve(SandboxState.FILE_NAME), "{not json");
        SsokitException e = assertThrows(SsokitException.class, () -> Sandbox.start(SandboxOptions.builder().stateDir(dir).build()));
        assertEquals(ExitCodes.USAGE, e.exitCode());
        assertTrue(e.getMessage().startsWith("cannot read sandbox state " + dir.resolve(SandboxState.FILE_NAME)), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void optionsAreValidated() {
        assertEquals("--error-rate must be between 0 and 1, got 2.0",
                assertThrows(SsokitException.class, () -> SandboxOptions.builder().errorRate(2).build()).getMessage());
        assertThrows(SsokitException.class, () -> SandboxOptions.builder().port(70000).build());
        assertThrows(SsokitException.class, () -> SandboxOptions.builder().throttleRps(-1).build());
        assertThrows(SsokitException.class, () -> SandboxOptions.builder().pollInterval(Duration.ofMillis(1500)).build());
        assertThrows(SsokitException.class, () -> SandboxOptions.builder().tokenTtl(Duration.ZERO).build());
    }

    @Test
    void aTakenPortIsOneClearError() {
        try (Sandbox sb = Sandbox.start(SandboxOptions.builder().build())) {
            SsokitException e = assertThrows(SsokitException.class,
                    () -> Sandbox.start(SandboxOptions.builder().port(sb.endpoint().getPort()).build()));
            assertEquals(ExitCodes.ERROR, e.exitCode());
            assertTrue(e.getMessage().startsWith("cannot listen on 127.0.0.1:" + sb.endpoint().getPort()), e.getMessage());
        }
    }
}
