package io.ssokit.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ssokit.SsokitException;
import io.ssokit.aws.AwsClients;
import io.ssokit.testing.MutableClock;
import io.ssokit.testing.Proc;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;
import software.amazon.awssdk.services.sts.model.GetFederationTokenResponse;
import software.amazon.awssdk.services.sts.model.StsException;

/**
 * IAM users with long-term keys: GetCallerIdentity, GetSessionToken (duration, MFA, refusal of
 * session credentials), GetFederationToken (name, duration, refusal of session credentials, the
 * federated user's identity) and AssumeRole with them, through the Java SDK and the AWS CLI v2.
 */
class IamUserStsTest {
    static final String ORG = """
            accounts:
              - id: "111111111111"
                name: Development
                roles: [Developer]
                iamRoles:
                  - name: Long
                    maxSessionDuration: 7200
            mfaDevices:
              - serialNumber: arn:aws:iam::111111111111:mfa/carol
                secret: JBSWY3DPEHPK3PXP
              - serialNumber: arn:aws:iam::111111111111:mfa/other
                secret: GEZDGNBVGY3TQOJQ
            iamUsers:
              - name: ci-bot
                account: "111111111111"
              - name: carol
                account: "111111111111"
                accessKeyId: AKIAIOSFODNN7EXAMPLE
                secretAccessKey: wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY
                mfaSerial: arn:aws:iam::111111111111:mfa/carol
                requireMfa: true
            """;
    static final String CAROL_SERIAL = "arn:aws:iam::111111111111:mfa/carol";
    static final String SECRET = "JBSWY3DPEHPK3PXP";

    final MutableClock clock = new MutableClock();
    Sandbox sb;
    AwsClients clients;
    Org.IamUser bot;
    Org.IamUser carol;

    @TempDir
    Path dir;

    @BeforeEach
    void start() {
        sb = Sandbox.start(SandboxOptions.builder().org(OrgLoader.parse(ORG, true, "org.yaml")).clock(clock).build());
        clients = SandboxTesting.clients(sb);
        bot = sb.org().iamUsers().get(0);
        carol = sb.org().iamUsers().get(1);
    }

    @AfterEach
    void stop() {
        clients.close();
        sb.close();
    }

    StsClient longTerm(Org.IamUser u) {
        return clients.sts(SandboxTesting.REGION, StaticCredentialsProvider.create(
                AwsBasicCredentials.create(u.accessKeyId(), u.secretAccessKey())));
    }

    StsClient session(Credentials c) {
        return SandboxTesting.sts(clients, c.accessKeyId(), c.secretAccessKey(), c.sessionToken());
    }

    static StsException stsError(Runnable call) {
        return assertThrows(StsException.class, call::run);
    }

    @Test
    void derivedKeysAreStableAndLookLikeAws() {
        assertTrue(bot.accessKeyId().matches("AKIA[A-Z2-7]{16}"), bot.accessKeyId());
        assertEquals(40, bot.secretAccessKey().length());
        Org.IamUser again = new Org.IamUser("ci-bot", "111111111111");
        assertEquals(bot.accessKeyId(), again.accessKeyId());
        assertEquals(bot.secretAccessKey(), again.secretAccessKey());
        assertNotEquals(bot.accessKeyId(), new Org.IamUser("ci-bot", "222222222222").accessKeyId());
        assertEquals("AKIAIOSFODNN7EXAMPLE", carol.accessKeyId());
        assertEquals(1, Org.defaultOrg().iamUsers().size());
        assertEquals(Org.DEFAULT_IAM_USER, Org.defaultOrg().iamUsers().get(0).name());
        assertEquals("AKIAIOSFODNN7EXAMPLE", Org.defaultOrg().iamUsers().get(0).accessKeyId());
    }

    @Test
    void callerIdentityOfLongTermKeysAndOfTheirSession() {
        GetCallerIdentityResponse id = longTerm(bot).getCallerIdentity();
        assertEquals("arn:aws:iam::111111111111:user/ci-bot", id.arn());
        assertEquals("111111111111", id.account());
        assertTrue(id.userId().matches("AIDA[A-Z2-7]{17}"), id.userId());

        Credentials c = longTerm(bot).getSessionToken().credentials();
        assertTrue(c.accessKeyId().matches("ASIA[A-Z2-7]{16}"), c.accessKeyId());
        assertEquals(clock.instant().plusSeconds(43200).getEpochSecond(), c.expiration().getEpochSecond(), "default 12 hours");
        GetCallerIdentityResponse sessionId = session(c).getCallerIdentity();
        assertEquals(id.arn(), sessionId.arn());
        assertEquals(id.userId(), sessionId.userId());
    }

    @Test
    void durationLimits() {
        Credentials longest = longTerm(bot).getSessionToken(r -> r.durationSeconds(129600)).credentials();
        assertEquals(clock.instant().plusSeconds(129600).getEpochSecond(), longest.expiration().getEpochSecond());
        StsException tooLong = stsError(() -> longTerm(bot).getSessionToken(r -> r.durationSeconds(129601)));
        assertEquals("ValidationError", tooLong.awsErrorDetails().errorCode());
        assertTrue(tooLong.awsErrorDetails().errorMessage().contains("less than or equal to 129600"));
        StsException tooShort = stsError(() -> longTerm(bot).getSessionToken(r -> r.durationSeconds(899)));
        assertTrue(tooShort.awsErrorDetails().errorMessage().contains("greater than or equal to 900"));

        // the SDK signs with the real time: start the shortest session ten minutes in the sandbox's past,
        // so that its end is within the signature's 15-minute skew
        clock.advance(Duration.ofMinutes(-10));
        Credentials shortest = longTerm(bot).getSessionToken(r -> r.durationSeconds(900)).credentials();
        clock.advance(Duration.ofSeconds(899));
        assertEquals("arn:aws:iam::111111111111:user/ci-bot", session(shortest).getCallerIdentity().arn());
        clock.advance(Duration.ofSeconds(1));
        StsException expired = stsError(() -> session(shortest).getCallerIdentity());
        assertEquals("ExpiredToken", expired.awsErrorDetails().errorCode());
        assertEquals("arn:aws:iam::111111111111:user/ci-bot", longTerm(bot).getCallerIdentity().arn(), "long-term keys do not expire");
    }

    @Test
    void sessionCredentialsCannotCallGetSessionToken() {
        Credentials c = longTerm(bot).getSessionToken().credentials();
        StsException e = stsError(() -> session(c).getSessionToken());
        assertEquals("AccessDenied", e.awsErrorDetails().errorCode());
        assertEquals(403, e.statusCode());
        assertEquals("Cannot call GetSessionToken with session credentials", e.awsErrorDetails().errorMessage());

        Credentials role = session(c).assumeRole(r -> r.roleArn("arn:aws:iam::111111111111:role/Long").roleSessionName("s1"))
                .credentials();
        StsException fromRole = stsError(() -> session(role).getSessionToken());
        assertEquals("Cannot call GetSessionToken with session credentials", fromRole.awsErrorDetails().errorMessage());
    }

    @Test
    void mfaOfTheUsersDevice() {
        StsException none = stsError(() -> longTerm(carol).getSessionToken());
        assertEquals("AccessDenied", none.awsErrorDetails().errorCode());
        assertTrue(none.awsErrorDetails().errorMessage().contains("arn:aws:iam::111111111111:user/carol"));

        String good = Totp.code(SECRET, clock.instant());
        String bad = good.equals("000000") ? "111111" : "000000";
        StsException wrongCode = stsError(() -> longTerm(carol).getSessionToken(r -> r.serialNumber(CAROL_SERIAL).tokenCode(bad)));
        assertEquals("AccessDenied", wrongCode.awsErrorDetails().errorCode());
        assertTrue(wrongCode.awsErrorDetails().errorMessage().startsWith("MultiFactorAuthentication failed with invalid MFA"));

        // an org device, but not carol's
        String otherCode = Totp.code("GEZDGNBVGY3TQOJQ", clock.instant());
        StsException otherDevice = stsError(() -> longTerm(carol).getSessionToken(r -> r.serialNumber(
                "arn:aws:iam::111111111111:mfa/other").tokenCode(otherCode)));
        assertTrue(otherDevice.awsErrorDetails().errorMessage().contains("associated with this user"));

        StsException malformed = stsError(() -> longTerm(carol).getSessionToken(r -> r.serialNumber(CAROL_SERIAL).tokenCode("12a456")));
        assertEquals("ValidationError", malformed.awsErrorDetails().errorCode());

        Credentials ok = longTerm(carol).getSessionToken(r -> r.serialNumber(CAROL_SERIAL).tokenCode(good)).credentials();
        assertEquals("arn:aws:iam::111111111111:user/carol", session(ok).getCallerIdentity().arn());

        // a user without requireMfa may still pass a code, which is then checked
        StsException botWithCode = stsError(() -> longTerm(bot).getSessionToken(r -> r.serialNumber(CAROL_SERIAL).tokenCode(good)));
        assertTrue(botWithCode.awsErrorDetails().errorMessage().contains("associated with this user"));
    }

    @Test
    void assumeRoleAsAUserIsNotChaining() {
        Credentials role = longTerm(bot).assumeRole(r -> r.roleArn("arn:aws:iam::111111111111:role/Long")
                .roleSessionName("deploy").durationSeconds(7200)).credentials();
        assertEquals(clock.instant().plusSeconds(7200).getEpochSecond(), role.expiration().getEpochSecond());
        assertEquals("arn:aws:sts::111111111111:assumed-role/Long/deploy", session(role).getCallerIdentity().arn());

        Credentials userSession = longTerm(bot).getSessionToken().credentials();
        session(userSession).assumeRole(r -> r.roleArn("arn:aws:iam::111111111111:role/Long").roleSessionName("s2")
                .durationSeconds(7200));
        // from a role session, it is chaining: one hour at most
        StsException chained = stsError(() -> session(role).assumeRole(r -> r.roleArn("arn:aws:iam::111111111111:role/Long")
                .roleSessionName("s3").durationSeconds(7200)));
        assertTrue(chained.awsErrorDetails().errorMessage().contains("role chaining"));
    }

    // ---- GetFederationToken, with the default org's IAM user ----

    static final String ALLOW_ALL = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\","
            + "\"Resource\":\"*\"}]}";
    static final String FEDERATED_ARN = "arn:aws:sts::111111111111:federated-user/";

    /** Restarts the sandbox with the default org, whose IAM user has the documented keys and no MFA. */
    StsClient defaultOrgUser() {
        clients.close();
        sb.close();
        sb = Sandbox.start(SandboxOptions.builder().clock(clock).build());
        clients = SandboxTesting.clients(sb);
        return clients.sts(SandboxTesting.REGION, StaticCredentialsProvider.create(
                AwsBasicCredentials.create(Org.DEFAULT_IAM_USER_KEY_ID, Org.DEFAULT_IAM_USER_SECRET)));
    }

    @Test
    void federationTokenOfLongTermKeysIsAFederatedUser() {
        StsClient user = defaultOrgUser();
        GetFederationTokenResponse r = user.getFederationToken(b -> b.name("alice@example.com").policy(ALLOW_ALL));
        assertEquals(FEDERATED_ARN + "alice@example.com", r.federatedUser().arn());
        assertEquals("111111111111:alice@example.com", r.federatedUser().federatedUserId());
        assertEquals((ALLOW_ALL.length() * 100 + 2047) / 2048, r.packedPolicySize());
        assertTrue(r.packedPolicySize() > 0 && r.packedPolicySize() < 100, r.toString());
        Credentials c = r.credentials();
        assertTrue(c.accessKeyId().matches("ASIA[A-Z2-7]{16}"), c.accessKeyId());
        assertEquals(clock.instant().plusSeconds(43200).getEpochSecond(), c.expiration().getEpochSecond(), "default 12 hours");
        GetCallerIdentityResponse id = session(c).getCallerIdentity();
        assertEquals(FEDERATED_ARN + "alice@example.com", id.arn());
        assertEquals("111111111111:alice@example.com", id.userId());
        assertEquals("111111111111", id.account());
        assertEquals(1, sb.stats().count("sts:GetFederationToken"));

        // a federated user calls no STS operation but GetCallerIdentity
        StsException again = stsError(() -> session(c).getFederationToken(b -> b.name("again")));
        assertEquals("AccessDenied", again.awsErrorDetails().errorCode());
        assertEquals(403, again.statusCode());
        assertEquals("Cannot call GetFederationToken with session credentials", again.awsErrorDetails().errorMessage());
        StsException sessionToken = stsError(() -> session(c).getSessionToken());
        assertEquals("Cannot call GetSessionToken with session credentials", sessionToken.awsErrorDetails().errorMessage());
        StsException role = stsError(() -> session(c).assumeRole(b -> b.roleArn("arn:aws:iam::111111111111:role/Any")
                .roleSessionName("s1")));
        assertEquals("AccessDenied", role.awsErrorDetails().errorCode());
        assertTrue(role.awsErrorDetails().errorMessage().startsWith("User: " + FEDERATED_ARN + "alice@example.com is not"
                + " authorized to perform: sts:AssumeRole"), role.awsErrorDetails().errorMessage());
    }

    @Test
    void sessionCredentialsCannotCallGetFederationToken() {
        StsClient user = defaultOrgUser();
        Credentials userSession = user.getSessionToken().credentials();
        StsException e = stsError(() -> session(userSession).getFederationToken(b -> b.name("nope")));
        assertEquals("AccessDenied", e.awsErrorDetails().errorCode());
        assertEquals("Cannot call GetFederationToken with session credentials", e.awsErrorDetails().errorMessage());
        Credentials role = user.assumeRole(b -> b.roleArn("arn:aws:iam::111111111111:role/Any").roleSessionName("s1"))
                .credentials();
        StsException fromRole = stsError(() -> session(role).getFederationToken(b -> b.name("nope")));
        assertEquals("Cannot call GetFederationToken with session credentials", fromRole.awsErrorDetails().errorMessage());
        assertEquals(2, sb.stats().count("sts:GetFederationToken"));
        assertEquals(2, sb.stats().failed("sts:GetFederationToken"));
    }

    @Test
    void federationTokenNameDurationAndPolicyLimits() {
        StsClient user = defaultOrgUser();
        for (String bad : new String[] {"a", "x".repeat(33), "has space", "slash/y", "colon:y"}) {
            StsException e = stsError(() -> user.getFederationToken(b -> b.name(bad)));
            assertEquals("ValidationError", e.awsErrorDetails().errorCode(), bad);
            assertTrue(e.awsErrorDetails().errorMessage().contains("at 'name' failed to satisfy constraint"), bad);
        }
        assertEquals(FEDERATED_ARN + "x".repeat(32), user.getFederationToken(b -> b.name("x".repeat(32))).federatedUser().arn());
        assertEquals(FEDERATED_ARN + "a_+=,.@-", user.getFederationToken(b -> b.name("a_+=,.@-")).federatedUser().arn());
        assertEquals(0, user.getFederationToken(b -> b.name("nopolicy")).packedPolicySize(), "no session policy, nothing packed");

        Credentials longest = user.getFederationToken(b -> b.name("long").durationSeconds(129600)).credentials();
        assertEquals(clock.instant().plusSeconds(129600).getEpochSecond(), longest.expiration().getEpochSecond());
        StsException tooLong = stsError(() -> user.getFederationToken(b -> b.name("long").durationSeconds(129601)));
        assertTrue(tooLong.awsErrorDetails().errorMessage().contains("less than or equal to 129600"));
        StsException tooShort = stsError(() -> user.getFederationToken(b -> b.name("short").durationSeconds(899)));
        assertTrue(tooShort.awsErrorDetails().errorMessage().contains("greater than or equal to 900"));

        StsException malformed = stsError(() -> user.getFederationToken(b -> b.name("pol").policy("{not json")));
        assertEquals("MalformedPolicyDocument", malformed.awsErrorDetails().errorCode());
        StsException huge = stsError(() -> user.getFederationToken(b -> b.name("pol").policy(" ".repeat(2049))));
        assertEquals("ValidationError", huge.awsErrorDetails().errorCode());

        // the SDK signs with the real time: start the shortest ten minutes in the sandbox's past (see durationLimits)
        clock.advance(Duration.ofMinutes(-10));
        Credentials shortest = user.getFederationToken(b -> b.name("short").durationSeconds(900)).credentials();
        clock.advance(Duration.ofSeconds(899));
        assertEquals(FEDERATED_ARN + "short", session(shortest).getCallerIdentity().arn());
        clock.advance(Duration.ofSeconds(1));
        assertEquals("ExpiredToken", stsError(() -> session(shortest).getCallerIdentity()).awsErrorDetails().errorCode());
    }

    @Test
    void orgValidation() {
        String base = "accounts: [{id: \"111111111111\", name: A, roles: [R]}]\n";
        assertOrgError(base + "iamUsers: [{name: u, account: \"222222222222\"}]", "which is not among the accounts");
        assertOrgError(base + "iamUsers: [{name: u, account: \"111111111111\"}, {name: u, account: \"111111111111\"}]",
                "listed twice");
        assertOrgError(base + "iamUsers: [{name: u, account: \"111111111111\", accessKeyId: ASIAIOSFODNN7EXAMPLE}]",
                "must be AKIA");
        assertOrgError(base + "iamUsers: [{name: u, account: \"111111111111\", mfaSerial: arn:aws:iam::1:mfa/nope}]",
                "is not among the mfaDevices");
        assertOrgError(base + "iamUsers: [{name: u, account: \"111111111111\", requireMfa: true}]", "has requireMfa but no mfaSerial");
        assertOrgError(base + "iamUsers: [{name: u, account: \"111111111111\", password: x}]", "unknown field 'password'");
        assertFalse(OrgLoader.parse(base, true, "org.yaml").iamUsers().size() > 0, "old org files stay valid, without users");
    }

    static void assertOrgError(String yaml, String expected) {
        SsokitException e = assertThrows(SsokitException.class, () -> OrgLoader.parse(yaml, true, "org.yaml"));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void stateFileKeepsSessionsButNotLongTermKeys() throws Exception {
        Path stateDir = dir.resolve("state");
        clients.close();
        sb.close();
        sb = Sandbox.start(SandboxOptions.builder().org(OrgLoader.parse(ORG, true, "org.yaml")).clock(clock)
                .stateDir(stateDir).build());
        clients = SandboxTesting.clients(sb);
        Credentials c = longTerm(bot).getSessionToken().credentials();
        sb.close();
        String saved = Files.readString(stateDir.resolve(SandboxState.FILE_NAME));
        assertTrue(saved.contains(c.accessKeyId()));
        assertTrue(saved.contains("USER_SESSION"));
        assertFalse(saved.contains(bot.secretAccessKey()), "the org's keys are configuration, not state");
        sb = Sandbox.start(SandboxOptions.builder().org(OrgLoader.parse(ORG, true, "org.yaml")).clock(clock)
                .stateDir(stateDir).build());
        clients = SandboxTesting.clients(sb);
        assertEquals("arn:aws:iam::111111111111:user/ci-bot", session(c).getCallerIdentity().arn(), "the session survives a restart");
    }

    // ---- the AWS CLI v2 as an independent client ----

    Proc.Result aws(String id, String secret, String token, String... args) throws Exception {
        return SandboxTesting.awsCli(dir, sb, SandboxTesting.REGION, token == null ? List.of(id, secret) : List.of(id, secret, token),
                args);
    }

    @Test
    void awsCliGetsASessionTokenAndUsesIt() throws Exception {
        ObjectMapper json = new ObjectMapper();
        Proc.Result who = aws(bot.accessKeyId(), bot.secretAccessKey(), null, "sts", "get-caller-identity");
        assertEquals(0, who.exit(), who::toString);
        assertEquals("arn:aws:iam::111111111111:user/ci-bot", json.readTree(who.stdout()).get("Arn").asText());

        Proc.Result got = aws(bot.accessKeyId(), bot.secretAccessKey(), null, "sts", "get-session-token", "--duration-seconds", "3600");
        assertEquals(0, got.exit(), got::toString);
        JsonNode c = json.readTree(got.stdout()).get("Credentials");
        assertTrue(c.get("AccessKeyId").asText().startsWith("ASIA"), got.stdout());
        Instant expiration = Instant.parse(c.get("Expiration").asText());
        assertEquals(clock.instant().plusSeconds(3600).getEpochSecond(), expiration.getEpochSecond());

        Proc.Result sessionWho = aws(c.get("AccessKeyId").asText(), c.get("SecretAccessKey").asText(),
                c.get("SessionToken").asText(), "sts", "get-caller-identity");
        assertEquals(0, sessionWho.exit(), sessionWho::toString);
        assertEquals("arn:aws:iam::111111111111:user/ci-bot", json.readTree(sessionWho.stdout()).get("Arn").asText());

        Proc.Result again = aws(c.get("AccessKeyId").asText(), c.get("SecretAccessKey").asText(),
                c.get("SessionToken").asText(), "sts", "get-session-token");
        assertEquals(254, again.exit(), again::toString);
        assertTrue(again.stderr().contains("(AccessDenied) when calling the GetSessionToken operation: Cannot call"
                + " GetSessionToken with session credentials"), again.stderr());
    }

    @Test
    void awsCliGetsAFederationTokenAndUsesIt() throws Exception {
        defaultOrgUser();
        ObjectMapper json = new ObjectMapper();
        Proc.Result got = aws(Org.DEFAULT_IAM_USER_KEY_ID, Org.DEFAULT_IAM_USER_SECRET, null, "sts", "get-federation-token",
                "--name", "cli-user", "--policy", ALLOW_ALL, "--duration-seconds", "5400");
        assertEquals(0, got.exit(), got::toString);
        JsonNode answer = json.readTree(got.stdout());
        assertEquals(FEDERATED_ARN + "cli-user", answer.path("FederatedUser").path("Arn").asText(), got.stdout());
        assertEquals("111111111111:cli-user", answer.path("FederatedUser").path("FederatedUserId").asText());
        assertTrue(answer.path("PackedPolicySize").isInt(), got.stdout());
        JsonNode c = answer.get("Credentials");
        assertEquals(clock.instant().plusSeconds(5400).getEpochSecond(), Instant.parse(c.get("Expiration").asText()).getEpochSecond());

        Proc.Result who = aws(c.get("AccessKeyId").asText(), c.get("SecretAccessKey").asText(), c.get("SessionToken").asText(),
                "sts", "get-caller-identity");
        assertEquals(0, who.exit(), who::toString);
        assertEquals(FEDERATED_ARN + "cli-user", json.readTree(who.stdout()).get("Arn").asText());
        assertEquals("111111111111:cli-user", json.readTree(who.stdout()).get("UserId").asText());

        Proc.Result again = aws(c.get("AccessKeyId").asText(), c.get("SecretAccessKey").asText(), c.get("SessionToken").asText(),
                "sts", "get-federation-token", "--name", "again");
        assertEquals(254, again.exit(), again::toString);
        assertTrue(again.stderr().contains("(AccessDenied) when calling the GetFederationToken operation: Cannot call"
                + " GetFederationToken with session credentials"), again.stderr());
        assertEquals("", again.stdout());

        Proc.Result badName = aws(Org.DEFAULT_IAM_USER_KEY_ID, Org.DEFAULT_IAM_USER_SECRET, null, "sts", "get-federation-token",
                "--name", "has space");
        assertEquals(254, badName.exit(), badName::toString);
        assertTrue(badName.stderr().contains("(ValidationError) when calling the GetFederationToken operation: 1 validation error"
                + " detected: Value 'has space' at 'name' failed to satisfy constraint"), badName.stderr());
    }

    @Test
    void awsCliMfa() throws Exception {
        String good = Totp.code(SECRET, clock.instant());
        String bad = good.equals("000000") ? "111111" : "000000";
        Proc.Result refused = aws(carol.accessKeyId(), carol.secretAccessKey(), null, "sts", "get-session-token",
                "--serial-number", CAROL_SERIAL, "--token-code", bad);
        assertEquals(254, refused.exit(), refused::toString);
        assertTrue(refused.stderr().contains("(AccessDenied) when calling the GetSessionToken operation:"
                + " MultiFactorAuthentication failed with invalid MFA one time pass code."), refused.stderr());
        assertEquals("", refused.stdout());

        Proc.Result ok = aws(carol.accessKeyId(), carol.secretAccessKey(), null, "sts", "get-session-token",
                "--serial-number", CAROL_SERIAL, "--token-code", good);
        assertEquals(0, ok.exit(), ok::toString);
    }
}
