package io.ssokit.sandbox;

import io.ssokit.aws.AwsClients;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ssokit.testing.MutableClock;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sso.SsoClient;
import software.amazon.awssdk.services.sso.model.RoleCredentials;
import software.amazon.awssdk.services.ssooidc.SsoOidcClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;
import software.amazon.awssdk.services.sts.model.StsException;

/** STS through the AWS SDK for Java v2: every call is SigV4-verified against credentials the sandbox issued. */
class StsSdkTest {
    final MutableClock clock = new MutableClock();
    Sandbox sb;
    AwsClients clients;
    SsoClient sso;
    String token;

    @BeforeEach
    void start() throws Exception {
        sb = Sandbox.start(SandboxOptions.builder().org(SandboxTesting.orgFromResource("test-org.yaml")).autoApprove(true)
                .clock(clock).credentialsTtl(Duration.ofMinutes(2)).build());
        clients = SandboxTesting.clients(sb);
        sso = clients.sso(SandboxTesting.REGION);
        try (SsoOidcClient oidc = clients.oidc(SandboxTesting.REGION)) {
            token = SandboxTesting.login(sb, oidc).accessToken();
        }
    }

    @AfterEach
    void stop() {
        clients.close();
        sb.close();
    }

    RoleCredentials developer() {
        return SandboxTesting.roleCredentials(sso, token, "111111111111", "Developer");
    }

    static StsException stsError(Runnable call) {
        return assertThrows(StsException.class, call::run);
    }

    @Test
    void callerIdentityOfSsoRoleCredentials() {
        GetCallerIdentityResponse id = SandboxTesting.sts(clients, developer()).getCallerIdentity();
        String suffix = Ids.hex16("111111111111/Developer");
        assertTrue(suffix.matches("[0-9a-f]{16}"));
        assertEquals("arn:aws:sts::111111111111:assumed-role/AWSReservedSSO_Developer_" + suffix + "/alice", id.arn());
        assertEquals("111111111111", id.account());
        assertTrue(id.userId().matches("AROA[A-Z2-7]{17}:alice"), id.userId());
        assertEquals(1, sb.stats().count("sts:GetCallerIdentity"));
    }

    @Test
    void signatureFailuresAsAwsSendsThem() {
        RoleCredentials c = developer();
        StsException tampered = stsError(() -> SandboxTesting.sts(clients, c.accessKeyId(), c.secretAccessKey() + "x", c.sessionToken())
                .getCallerIdentity());
        assertEquals("SignatureDoesNotMatch", tampered.awsErrorDetails().errorCode());
        assertEquals(403, tampered.statusCode());
        assertTrue(tampered.awsErrorDetails().errorMessage().startsWith("The request signature we calculated does not match"));

        StsException unknown = stsError(() -> SandboxTesting.sts(clients, "ASIAUNKNOWNUNKNOWN00", c.secretAccessKey(), c.sessionToken())
                .getCallerIdentity());
        assertEquals("InvalidClientTokenId", unknown.awsErrorDetails().errorCode());
        assertEquals(403, unknown.statusCode());

        StsException wrongToken = stsError(() -> SandboxTesting.sts(clients, c.accessKeyId(), c.secretAccessKey(), "forged")
                .getCallerIdentity());
        assertEquals("InvalidClientTokenId", wrongToken.awsErrorDetails().errorCode());

        // --credentials-ttl 2 min; move the sandbox's clock past it (the SDK signs with the real time, within the skew)
        clock.advance(Duration.ofMinutes(3));
        StsException expired = stsError(() -> SandboxTesting.sts(clients, c).getCallerIdentity());
        assertEquals("ExpiredToken", expired.awsErrorDetails().errorCode());
        assertEquals(403, expired.statusCode());
        assertEquals("The security token included in the request is expired", expired.awsErrorDetails().errorMessage());
        assertEquals(4, sb.stats().failed("sts:GetCallerIdentity"), "no retries of authentication failures");
        assertEquals(4, sb.stats().count("sts:GetCallerIdentity"));
    }

    @Test
    void errorBodyIsTheQueryProtocolXml() throws Exception {
        HttpResponse<String> r = SandboxTesting.post(sb.endpoint(), "application/x-www-form-urlencoded",
                "Action=GetCallerIdentity&Version=2011-06-15");
        assertEquals(403, r.statusCode());
        assertEquals("text/xml", r.headers().firstValue("Content-Type").orElseThrow());
        String requestId = r.headers().firstValue("x-amzn-RequestId").orElseThrow();
        assertEquals("<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">\n"
                + "  <Error>\n"
                + "    <Type>Sender</Type>\n"
                + "    <Code>MissingAuthenticationToken</Code>\n"
                + "    <Message>Request is missing Authentication Token</Message>\n"
                + "  </Error>\n"
                + "  <RequestId>" + requestId + "</RequestId>\n"
                + "</ErrorResponse>\n", r.body());
    }

    @Test
    void assumeRoleChainOfTwoHops() {
        StsClient first = SandboxTesting.sts(clients, developer());
        AssumeRoleResponse hop1 = first.assumeRole(r -> r.roleArn("arn:aws:iam::222222222222:role/ops/Deployer").roleSessionName("hop1"));
        assertEquals("arn:aws:sts::222222222222:assumed-role/Deployer/hop1", hop1.assumedRoleUser().arn());
        assertTrue(hop1.assumedRoleUser().assumedRoleId().matches("AROA[A-Z2-7]{17}:hop1"));
        Credentials c1 = hop1.credentials();
        assertTrue(c1.accessKeyId().startsWith("ASIA"));
        Instant exp = c1.expiration();
        assertTrue(Math.abs(Duration.between(clock.instant().plusSeconds(3600), exp).getSeconds()) <= 1, exp.toString());

        StsClient second = SandboxTesting.sts(clients, c1.accessKeyId(), c1.secretAccessKey(), c1.sessionToken());
        AssumeRoleResponse hop2 = second.assumeRole(r -> r.roleArn("arn:aws:iam::333333333333:role/Auditor")
                .roleSessionName("hop2").durationSeconds(900));
        assertEquals("arn:aws:sts::333333333333:assumed-role/Auditor/hop2", hop2.assumedRoleUser().arn());
        assertTrue(Math.abs(Duration.between(clock.instant().plusSeconds(900), hop2.credentials().expiration()).getSeconds()) <= 1);

        Credentials c2 = hop2.credentials();
        GetCallerIdentityResponse id = SandboxTesting.sts(clients, c2.accessKeyId(), c2.secretAccessKey(), c2.sessionToken())
                .getCallerIdentity();
        assertEquals("arn:aws:sts::333333333333:assumed-role/Auditor/hop2", id.arn());
        assertEquals("333333333333", id.account());
        assertEquals(hop2.assumedRoleUser().assumedRoleId(), id.userId());
        assertEquals(2, sb.stats().count("sts:AssumeRole"));
    }

    @Test
    void assumeRoleRefusals() {
        StsClient dev = SandboxTesting.sts(clients, developer());
        StsException unknownAccount = stsError(() -> dev.assumeRole(r -> r.roleArn("arn:aws:iam::999999999999:role/X").roleSessionName("s1")));
        assertEquals("AccessDenied", unknownAccount.awsErrorDetails().errorCode());
        assertEquals(403, unknownAccount.statusCode());
        assertTrue(unknownAccount.awsErrorDetails().errorMessage().endsWith(
                "is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::999999999999:role/X"));
        // 333333333333 lists its roles: others do not exist there
        assertEquals("AccessDenied", stsError(() -> dev.assumeRole(r -> r.roleArn("arn:aws:iam::333333333333:role/Nope")
                .roleSessionName("s1"))).awsErrorDetails().errorCode());
        // chained sessions are capped at one hour
        StsException tooLong = stsError(() -> dev.assumeRole(r -> r.roleArn("arn:aws:iam::222222222222:role/Any")
                .roleSessionName("s1").durationSeconds(7200)));
        assertEquals("ValidationError", tooLong.awsErrorDetails().errorCode());
        assertEquals(400, tooLong.statusCode());
        assertEquals("ValidationError", stsError(() -> dev.assumeRole(r -> r.roleArn("arn:aws:iam::222222222222:role/Any")
                .roleSessionName("s1").durationSeconds(60))).awsErrorDetails().errorCode());
        assertEquals("ValidationError", stsError(() -> dev.assumeRole(r -> r.roleArn("arn:aws:iam::222222222222:role/Any")
                .roleSessionName("bad name"))).awsErrorDetails().errorCode());
        assertEquals("ValidationError", stsError(() -> dev.assumeRole(r -> r.roleArn("not-an-arn")
                .roleSessionName("s1"))).awsErrorDetails().errorCode());

        // external id
        assertEquals("AccessDenied", stsError(() -> dev.assumeRole(r -> r.roleArn("arn:aws:iam::333333333333:role/Deployer")
                .roleSessionName("s1"))).awsErrorDetails().errorCode());
        assertEquals("AccessDenied", stsError(() -> dev.assumeRole(r -> r.roleArn("arn:aws:iam::333333333333:role/Deployer")
                .roleSessionName("s1").externalId("ext-41"))).awsErrorDetails().errorCode());
        assertEquals("arn:aws:sts::333333333333:assumed-role/Deployer/s1", dev.assumeRole(r -> r
                .roleArn("arn:aws:iam::333333333333:role/Deployer").roleSessionName("s1").externalId("ext-42")).assumedRoleUser().arn());

        // trust: DevOnly trusts the Developer permission set of 111111111111 only
        dev.assumeRole(r -> r.roleArn("arn:aws:iam::333333333333:role/DevOnly").roleSessionName("ok"));
        StsClient readOnly = SandboxTesting.sts(clients, SandboxTesting.roleCredentials(sso, token, "111111111111", "ReadOnly"));
        assertEquals("AccessDenied", stsError(() -> readOnly.assumeRole(r -> r.roleArn("arn:aws:iam::333333333333:role/DevOnly")
                .roleSessionName("no"))).awsErrorDetails().errorCode());
    }

    @Test
    void mfaRequiredRole() {
        StsClient dev = SandboxTesting.sts(clients, developer());
        String serial = "arn:aws:iam::111111111111:mfa/alice";
        String secret = "JBSWY3DPEHPK3PXP";
        String arn = "arn:aws:iam::333333333333:role/BreakGlass";

        assertEquals("AccessDenied", stsError(() -> dev.assumeRole(r -> r.roleArn(arn).roleSessionName("mfa")))
                .awsErrorDetails().errorCode());
        String good = Totp.code(secret, clock.instant());
        String bad = good.equals("000000") ? "111111" : "000000";
        StsException wrongCode = stsError(() -> dev.assumeRole(r -> r.roleArn(arn).roleSessionName("mfa").serialNumber(serial).tokenCode(bad)));
        assertEquals("AccessDenied", wrongCode.awsErrorDetails().errorCode());
        assertEquals("MultiFactorAuthentication failed with invalid MFA one time pass code. ", wrongCode.awsErrorDetails().errorMessage());
        StsException wrongDevice = stsError(() -> dev.assumeRole(r -> r.roleArn(arn).roleSessionName("mfa")
                .serialNumber("arn:aws:iam::111111111111:mfa/mallory").tokenCode(good)));
        assertEquals("AccessDenied", wrongDevice.awsErrorDetails().errorCode());
        assertEquals("ValidationError", stsError(() -> dev.assumeRole(r -> r.roleArn(arn).roleSessionName("mfa")
                .serialNumber(serial).tokenCode("12ab56"))).awsErrorDetails().errorCode());

        AssumeRoleResponse ok = dev.assumeRole(r -> r.roleArn(arn).roleSessionName("mfa").serialNumber(serial).tokenCode(good));
        assertEquals("arn:aws:sts::333333333333:assumed-role/BreakGlass/mfa", ok.assumedRoleUser().arn());
        // a code from more than one step ago is stale
        String old = Totp.code(secret, clock.instant().minusSeconds(95));
        if (!old.equals(good)) {
            assertEquals("AccessDenied", stsError(() -> dev.assumeRole(r -> r.roleArn(arn).roleSessionName("mfa")
                    .serialNumber(serial).tokenCode(old))).awsErrorDetails().errorCode());
        }
    }

    @Test
    void unknownActionAndJsonTargets() throws Exception {
        // GetFederationToken is served now (IamUserStsTest); GetAccessKeyInfo is not
        StsException unsupported = stsError(() -> SandboxTesting.sts(clients, developer())
                .getAccessKeyInfo(r -> r.accessKeyId("AKIAIOSFODNN7EXAMPLE")));
        assertEquals("InvalidAction", unsupported.awsErrorDetails().errorCode());

        HttpResponse<String> target = SandboxTesting.post(URI.create(sb.endpoint() + "/"), "application/x-amz-json-1.1", "{}");
        assertEquals(400, target.statusCode(), target.body());
        HttpResponse<String> json = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(sb.endpoint())
                .header("Content-Type", "application/x-amz-json-1.1").header("X-Amz-Target", "DynamoDB_20120810.ListTables")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(400, json.statusCode());
        assertTrue(json.body().contains("\"__type\":\"UnknownOperationException\""), json.body());
        assertEquals(1, sb.stats().count("json:DynamoDB_20120810.ListTables"));
        assertEquals(404, SandboxTesting.get(URI.create(sb.endpoint() + "/nowhere"), Map.of()).statusCode());
    }
}
