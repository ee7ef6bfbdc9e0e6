package io.ssokit.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.ssokit.Env;
import io.ssokit.ExitCodes;
import io.ssokit.Log;
import io.ssokit.SsokitException;
import io.ssokit.aws.AwsClients;
import io.ssokit.aws.Json11Client;
import io.ssokit.credentials.Credentials;
import io.ssokit.sandbox.AdminTestOrg;
import io.ssokit.sandbox.Org;
import io.ssokit.sandbox.Sandbox;
import io.ssokit.sandbox.SandboxOptions;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link AwsDirectory} through {@link Json11Client} against the sandbox over real HTTP. */
class AwsDirectoryTest {
    Sandbox sandbox;
    AwsClients clients;
    HttpServer stub;
    final List<Long> slept = new ArrayList<>();

    @AfterEach
    void stop() {
        if (clients != null) {
            clients.close();
        }
        if (sandbox != null) {
            sandbox.close();
        }
        if (stub != null) {
            stub.stop(0);
        }
    }

    Json11Client.Retry recording() {
        return new Json11Client.Retry(Duration.ofMillis(100), Duration.ofSeconds(5), Duration.ofMinutes(2), 5, 3,
                slept::add, ceiling -> ceiling);
    }

    AwsDirectory directory(SandboxOptions.Builder options) {
        sandbox = Sandbox.start(options.autoApprove(true).build());
        Credentials c = AdminTestOrg.credentials(sandbox, sandbox.org().accounts().get(0).id(),
                sandbox.org().accounts().get(0).roles().get(0));
        Env env = new Env(Map.of("AWS_ENDPOINT_URL", sandbox.endpoint().toString()), Path.of("/nonexistent-home"));
        clients = new AwsClients(env);
        return new AwsDirectory(new Json11Client(env, clients.httpClient(), c, AdminTestOrg.REGION, Log.silent(), recording()));
    }

    @Test
    void everyOperationAgainstTheTestOrg() {
        Org org = AdminTestOrg.org();
        AwsDirectory d = directory(SandboxOptions.builder().org(org));
        String arn = AdminTestOrg.instanceArn(org);
        String store = AdminTestOrg.identityStoreId(org);
        assertEquals(List.of(new Directory.Instance(arn, store)), d.instances());
        assertEquals(4, d.permissionSets(arn).size());
        String dev = AdminTestOrg.permissionSetArn(org, "Developer");
        assertEquals(new Directory.PermissionSet(dev, "Developer", "Build things", "PT8H"), d.permissionSet(arn, dev).orElseThrow());
        assertTrue(d.permissionSet(arn, dev.substring(0, dev.length() - 4) + "0000").isEmpty());
        assertEquals(List.of(dev), d.permissionSetsProvisionedToAccount(arn, "555555555555"));
        assertEquals(List.of(new Directory.Assignment("555555555555", dev, Directory.PrincipalType.GROUP, AdminTestOrg.groupId(org, "Builders"))),
                d.accountAssignments(arn, "555555555555", dev));

        String bob = AdminTestOrg.userId(org, "bob");
        assertEquals(new Directory.Principal(Directory.PrincipalType.USER, bob, "bob"), d.user(store, bob).orElseThrow());
        assertEquals(d.user(store, bob), d.userByName(store, "bob"));
        String admins = AdminTestOrg.groupId(org, "Admins");
        assertEquals(new Directory.Principal(Directory.PrincipalType.GROUP, admins, "Admins"), d.group(store, admins).orElseThrow());
        assertEquals(d.group(store, admins), d.groupByName(store, "Admins"));
        assertTrue(d.userByName(store, "nobody").isEmpty());
        assertTrue(d.group(store, bob).isEmpty(), "a user id is no group");

        assertEquals("111111111111", d.managementAccountId());
        assertEquals(new Directory.Account("444444444444", "Prod Data", "SUSPENDED"), d.account("444444444444").orElseThrow());
        assertTrue(d.account("999999999999").isEmpty());
        assertEquals(5, d.accounts().size());
        assertEquals(List.of("111111111111"), d.accountsForParent(org.rootId()).stream().map(Directory.Account::id).toList());
        assertEquals(2, d.organizationalUnitsForParent(org.rootId()).size());

        SsokitException denied = assertThrows(SsokitException.class, () -> d.accountsForParent("ou-zzzz-zzzzzzzz"));
        assertEquals(ExitCodes.ERROR, denied.exitCode());
        assertEquals("organizations ListAccountsForParent failed: ParentNotFoundException: We can't find a root or OU with the"
                + " ParentId that you specified.", denied.getMessage());
        assertEquals(List.of(), slept, "no retries");
    }

    @Test
    void listsFollowNextTokenThroughEveryPage() {
        AwsDirectory d = directory(SandboxOptions.builder().org(Org.generated(45, 3)));
        sandbox.resetStats();
        List<Directory.Account> accounts = d.accounts();
        assertEquals(45, accounts.size());
        assertEquals("000000000045", accounts.get(44).id());
        assertEquals(3, sandbox.stats().count("organizations:ListAccounts"), "pages of 20");
        assertEquals(45, d.accountsForParent(sandbox.org().rootId()).size());
        assertEquals(3, sandbox.stats().count("organizations:ListAccountsForParent"));
    }

    @Test
    void serverErrorsAreRetriedWithBackoff() {
        AwsDirectory d = directory(SandboxOptions.builder().org(AdminTestOrg.org()).errorRate(0.5).seed(7L));
        sandbox.resetStats();
        for (int i = 0; i < 5; i++) {
            assertEquals(5, d.accounts().size());
        }
        long failed = sandbox.stats().failed("organizations:ListAccounts");
        assertTrue(failed > 0, "the seed injects errors");
        assertEquals(failed, slept.size(), "one backoff per failed attempt");
        assertTrue(slept.stream().allMatch(ms -> ms >= 100 && ms <= 5000), slept.toString());
    }

    /** A JSON 1.1 endpoint that throttles the first {@code throttled} calls, then answers. */
    Json11Client stubClient(int throttled, String code, AtomicInteger calls) throws Exception {
        stub = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        stub.createContext("/", ex -> {
            ex.getRequestBody().readAllBytes();
            int n = calls.incrementAndGet();
            boolean signed = ex.getRequestHeaders().getFirst("Authorization").startsWith("AWS4-HMAC-SHA256 Credential=AKID/")
                    && ex.getRequestHeaders().getFirst("X-Amz-Target").equals("AWSOrganizationsV20161128.DescribeOrganization")
                    && ex.getRequestHeaders().getFirst("Authorization").contains("/us-east-1/organizations/aws4_request");
            byte[] body = (n <= throttled ? "{\"__type\":\"" + code + "\",\"message\":\"Rate exceeded\"}"
                    : signed ? "{\"Organization\":{\"MasterAccountId\":\"123456789012\"}}" : "{\"__type\":\"Unsigned\"}")
                    .getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
            ex.sendResponseHeaders(n <= throttled || !signed ? 400 : 200, body.length);
            try (OutputStream o = ex.getResponseBody()) {
                o.write(body);
            }
        });
        stub.start();
        Env env = new Env(Map.of("AWS_ENDPOINT_URL_ORGANIZATIONS", "http://127.0.0.1:" + stub.getAddress().getPort()),
                Path.of("/nonexistent-home"));
        clients = new AwsClients(env);
        return new Json11Client(env, clients.httpClient(), new Credentials("AKID", "secret", null, null, null), "eu-west-1",
                Log.silent(), recording());
    }

    @Test
    void throttlingIsRetriedAndOrganizationsIsSignedForUsEast1() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        AwsDirectory d = new AwsDirectory(stubClient(3, "TooManyRequestsException", calls));
        assertEquals("123456789012", d.managementAccountId());
        assertEquals(4, calls.get());
        assertEquals(List.of(100L, 200L, 400L), slept, "exponential ceilings (the test's jitter returns the ceiling)");
    }

    @Test
    void retriesStopAtTheBudget() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        Json11Client client = stubClient(1000, "ThrottlingException", calls);
        Json11Client.Retry tight = new Json11Client.Retry(Duration.ofMillis(100), Duration.ofSeconds(5), Duration.ofMillis(1000), 5, 3,
                slept::add, ceiling -> ceiling);
        Json11Client c = new Json11Client(new Env(Map.of("AWS_ENDPOINT_URL", "http://127.0.0.1:" + stub.getAddress().getPort()),
                Path.of("/x")), clients.httpClient(), new Credentials("AKID", "secret", null, null, null), "eu-west-1", Log.silent(), tight);
        SsokitException e = assertThrows(SsokitException.class, () -> new AwsDirectory(c).managementAccountId());
        assertTrue(e.getMessage().startsWith("organizations kept refusing DescribeOrganization (throttled)"), e.getMessage());
        assertFalse(e.getMessage().contains("secret"));
        assertEquals(List.of(100L, 200L, 400L), slept, "the next delay (800 ms) would pass the 1 s budget");
        assertTrue(client != null);
    }
}
