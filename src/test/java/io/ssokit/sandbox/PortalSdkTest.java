package io.ssokit.sandbox;

import io.ssokit.aws.AwsClients;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ssokit.testing.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sso.SsoClient;
import software.amazon.awssdk.services.sso.model.AccountInfo;
import software.amazon.awssdk.services.sso.model.InvalidRequestException;
import software.amazon.awssdk.services.sso.model.ListAccountsResponse;
import software.amazon.awssdk.services.sso.model.ResourceNotFoundException;
import software.amazon.awssdk.services.sso.model.RoleCredentials;
import software.amazon.awssdk.services.sso.model.RoleInfo;
import software.amazon.awssdk.services.sso.model.SsoException;
import software.amazon.awssdk.services.sso.model.UnauthorizedException;
import software.amazon.awssdk.services.ssooidc.SsoOidcClient;
import software.amazon.awssdk.services.ssooidc.model.CreateTokenResponse;
import software.amazon.awssdk.services.ssooidc.model.InvalidGrantException;
import software.amazon.awssdk.services.ssooidc.model.RegisterClientResponse;
import software.amazon.awssdk.services.ssooidc.model.StartDeviceAuthorizationResponse;

/** The SSO portal through the AWS SDK for Java v2. */
class PortalSdkTest {
    final MutableClock clock = new MutableClock();
    Sandbox sb;
    AwsClients clients;
    SsoClient sso;
    SsoOidcClient oidc;
    String token;

    @BeforeEach
    void start() {
        sb = Sandbox.start(SandboxOptions.builder().autoApprove(true).clock(clock).build());
        clients = SandboxTesting.clients(sb);
        sso = clients.sso(SandboxTesting.REGION);
        oidc = clients.oidc(SandboxTesting.REGION);
        token = SandboxTesting.login(sb, oidc).accessToken();
    }

    @AfterEach
    void stop() {
        clients.close();
        sb.close();
    }

    @Test
    void listAccountsPagesWithSmallMaxResult() {
        List<String> names = new ArrayList<>();
        String next = null;
        int pages = 0;
        do {
            String n = next;
            ListAccountsResponse page = sso.listAccounts(r -> r.accessToken(token).maxResults(1).nextToken(n));
            assertEquals(1, page.accountList().size());
            page.accountList().forEach(a -> names.add(a.accountName()));
            next = page.nextToken();
            pages++;
        } while (next != null);
        assertEquals(3, pages);
        assertEquals(List.of("Development", "Staging", "Production [EU]"), names);
        assertEquals(3, sb.stats().count("sso:ListAccounts"));

        AccountInfo first = sso.listAccounts(r -> r.accessToken(token).maxResults(2)).accountList().get(0);
        assertEquals("111111111111", first.accountId());
        assertEquals("aws+111111111111@example.com", first.emailAddress());

        List<String> viaPaginator = sso.listAccountsPaginator(r -> r.accessToken(token).maxResults(2)).accountList()
                .stream().map(AccountInfo::accountId).toList();
        assertEquals(List.of("111111111111", "222222222222", "333333333333"), viaPaginator);

        assertThrows(InvalidRequestException.class, () -> sso.listAccounts(r -> r.accessToken(token).nextToken("garbage!")));
        InvalidRequestException tooMany = assertThrows(InvalidRequestException.class,
                () -> sso.listAccounts(r -> r.accessToken(token).maxResults(101)));
        assertEquals(400, tooMany.statusCode());
    }

    @Test
    void listAccountRolesPages() {
        List<String> roles = sso.listAccountRolesPaginator(r -> r.accessToken(token).accountId("111111111111").maxResults(2))
                .roleList().stream().map(RoleInfo::roleName).toList();
        assertEquals(List.of("AdministratorAccess", "Developer", "ReadOnly"), roles);
        assertEquals(2, sb.stats().count("sso:ListAccountRoles"));
        List<RoleInfo> staging = sso.listAccountRoles(r -> r.accessToken(token).accountId("222222222222")).roleList();
        assertEquals(List.of("Developer", "ReadOnly"), staging.stream().map(RoleInfo::roleName).toList());
        assertEquals("222222222222", staging.get(0).accountId());
        assertNull(sso.listAccountRoles(r -> r.accessToken(token).accountId("222222222222")).nextToken());

        ResourceNotFoundException missing = assertThrows(ResourceNotFoundException.class,
                () -> sso.listAccountRoles(r -> r.accessToken(token).accountId("999999999999")));
        assertEquals(404, missing.statusCode());
    }

    @Test
    void roleCredentialsLookLikeAwsOnes() {
        long before = clock.millis();
        RoleCredentials c = SandboxTesting.roleCredentials(sso, token, "111111111111", "AdministratorAccess");
        assertTrue(c.accessKeyId().matches("ASIA[A-Z2-7]{16}"), c.accessKeyId());
        assertEquals(40, c.secretAccessKey().length());
        assertTrue(c.sessionToken().length() > 100);
        assertEquals(before + 3600_000, c.expiration());
        assertEquals(1, sb.stats().count("sso:GetRoleCredentials"));

        // AdministratorAccess exists only in 111111111111
        SsoException forbidden = assertThrows(SsoException.class,
                () -> SandboxTesting.roleCredentials(sso, token, "222222222222", "AdministratorAccess"));
        assertEquals(403, forbidden.statusCode());
        assertEquals("ForbiddenException", forbidden.awsErrorDetails().errorCode());
        assertEquals("No access", forbidden.awsErrorDetails().errorMessage());
    }

    @Test
    void restrictedUserSeesOnlyTheirAssignments() throws Exception {
        try (Sandbox restricted = Sandbox.start(SandboxOptions.builder().org(SandboxTesting.orgFromResource("test-org.yaml")).build());
                AwsClients c = SandboxTesting.clients(restricted);
                SsoOidcClient o = c.oidc(SandboxTesting.REGION);
                SsoClient s = c.sso(SandboxTesting.REGION)) {
            RegisterClientResponse reg = o.registerClient(r -> r.clientName("t").clientType("public"));
            StartDeviceAuthorizationResponse dev = o.startDeviceAuthorization(r -> r.clientId(reg.clientId())
                    .clientSecret(reg.clientSecret()).startUrl(Org.DEFAULT_START_URL));
            restricted.approve(dev.userCode(), "bob");
            String bob = o.createToken(r -> r.clientId(reg.clientId()).clientSecret(reg.clientSecret())
                    .grantType(OidcService.GRANT_DEVICE_CODE).deviceCode(dev.deviceCode())).accessToken();
            assertEquals(List.of("222222222222"), s.listAccounts(r -> r.accessToken(bob)).accountList().stream()
                    .map(AccountInfo::accountId).toList());
            assertEquals(List.of("ReadOnly"), s.listAccountRoles(r -> r.accessToken(bob).accountId("222222222222")).roleList()
                    .stream().map(RoleInfo::roleName).toList());
            SsoException notAssigned = assertThrows(SsoException.class,
                    () -> s.listAccountRoles(r -> r.accessToken(bob).accountId("111111111111")));
            assertEquals("ForbiddenException", notAssigned.awsErrorDetails().errorCode());
            SsoException role = assertThrows(SsoException.class,
                    () -> SandboxTesting.roleCredentials(s, bob, "222222222222", "Developer"));
            assertEquals(403, role.statusCode());
            assertTrue(SandboxTesting.roleCredentials(s, bob, "222222222222", "ReadOnly").accessKeyId().startsWith("ASIA"));
            assertThrows(IllegalArgumentException.class, () -> restricted.approve("ZZZZ-ZZZZ", "bob"));
        }
    }

    @Test
    void logoutEndsTheSession() {
        RegisterClientResponse reg = oidc.registerClient(r -> r.clientName("t").clientType("public").scopes("sso:account:access"));
        StartDeviceAuthorizationResponse dev = oidc.startDeviceAuthorization(r -> r.clientId(reg.clientId())
                .clientSecret(reg.clientSecret()).startUrl(Org.DEFAULT_START_URL));
        CreateTokenResponse t = oidc.createToken(r -> r.clientId(reg.clientId()).clientSecret(reg.clientSecret())
                .grantType(OidcService.GRANT_DEVICE_CODE).deviceCode(dev.deviceCode()));
        RoleCredentials creds = SandboxTesting.roleCredentials(sso, t.accessToken(), "111111111111", "Developer");

        sso.logout(r -> r.accessToken(t.accessToken()));
        UnauthorizedException after = assertThrows(UnauthorizedException.class, () -> sso.listAccounts(r -> r.accessToken(t.accessToken())));
        assertEquals(401, after.statusCode());
        assertEquals("Session token not found or invalid", after.awsErrorDetails().errorMessage());
        assertThrows(UnauthorizedException.class, () -> sso.logout(r -> r.accessToken(t.accessToken())));
        // the session's refresh token is gone too
        assertThrows(InvalidGrantException.class, () -> oidc.createToken(r -> r.clientId(reg.clientId())
                .clientSecret(reg.clientSecret()).grantType("refresh_token").refreshToken(t.refreshToken())));
        // other sessions are untouched, and so are credentials already issued
        assertEquals(3, sso.listAccounts(r -> r.accessToken(token)).accountList().size());
        assertTrue(SandboxTesting.sts(clients, creds).getCallerIdentity().arn().endsWith("/sandbox-user"));
    }

    @Test
    void unknownAndExpiredTokensAreUnauthorized() {
        assertThrows(UnauthorizedException.class, () -> sso.listAccounts(r -> r.accessToken("aoa-not-a-token")));
        clock.advance(Duration.ofHours(8));
        assertThrows(UnauthorizedException.class, () -> sso.listAccounts(r -> r.accessToken(token)));
        assertThrows(UnauthorizedException.class, () -> SandboxTesting.roleCredentials(sso, token, "111111111111", "Developer"));
    }

    @Test
    void aGeneratedOrgOf300AccountsListsFully() {
        try (Sandbox big = Sandbox.start(SandboxOptions.builder().org(Org.generated(300, 4)).autoApprove(true).build());
                AwsClients c = SandboxTesting.clients(big);
                SsoOidcClient o = c.oidc(SandboxTesting.REGION);
                SsoClient s = c.sso(SandboxTesting.REGION)) {
            String t = SandboxTesting.login(big, o).accessToken();
            List<AccountInfo> all = s.listAccountsPaginator(r -> r.accessToken(t)).accountList().stream().toList();
            assertEquals(300, all.size());
            assertEquals("000000000001", all.get(0).accountId());
            assertEquals("Account 0300", all.get(299).accountName());
            assertEquals(300 / PortalService.DEFAULT_PAGE_SIZE, big.stats().count("sso:ListAccounts"));
            assertEquals(300, s.listAccountsPaginator(r -> r.accessToken(t).maxResults(100)).accountList().stream().count());
            assertEquals(4, s.listAccountRoles(r -> r.accessToken(t).accountId("000000000300")).roleList().size());
        }
    }
}
