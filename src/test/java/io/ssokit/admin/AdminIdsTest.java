package io.ssokit.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ssokit.Env;
import io.ssokit.ExitCodes;
import io.ssokit.Log;
import io.ssokit.SsokitException;
import io.ssokit.aws.AwsClients;
import io.ssokit.aws.Json11Client;
import io.ssokit.sandbox.AdminTestOrg;
import io.ssokit.sandbox.Org;
import io.ssokit.sandbox.OrgLoader;
import io.ssokit.sandbox.Sandbox;
import io.ssokit.sandbox.SandboxOptions;
import io.ssokit.testing.CliRun;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Instance discovery (aws-sso-util §8.1) against a sandbox with two Identity Center instances. */
class AdminIdsTest {
    @TempDir
    Path home;
    Sandbox sandbox;
    AwsClients clients;
    Directory directory;
    Org.Instance first;
    Org.Instance second;

    @BeforeEach
    void start() {
        Org org = OrgLoader.parse("""
                instances:
                  - {startUrl: "https://one.awsapps.com/start", region: eu-west-1}
                  - {startUrl: "https://two.awsapps.com/start", region: eu-west-1, identityStoreId: d-2222222222}
                accounts:
                  - {id: "111111111111", name: Management, roles: [AdministratorAccess]}
                """, true, "two-instances.yaml");
        sandbox = Sandbox.start(SandboxOptions.builder().org(org).autoApprove(true).build());
        first = org.instances().get(0);
        second = org.instances().get(1);
        Env env = new Env(Map.of("AWS_ENDPOINT_URL", sandbox.endpoint().toString()), home);
        clients = new AwsClients(env);
        directory = new AwsDirectory(new Json11Client(env, clients.httpClient(), AdminTestOrg.credentials(sandbox), "eu-west-1",
                Log.silent(), Json11Client.Retry.defaults()));
    }

    @AfterEach
    void stop() {
        clients.close();
        sandbox.close();
    }

    @Test
    void givenPiecesAreTrustedAndMissingOnesLookedUp() {
        assertEquals(new Directory.Instance(first.instanceArn(), first.identityStoreId()),
                AdminIds.resolve(directory, first.instanceId(), null), "a bare id gets the ARN prefix; its store is looked up");
        assertEquals(new Directory.Instance(second.instanceArn(), "d-2222222222"), AdminIds.resolve(directory, null, "d-2222222222"));
        assertEquals(new Directory.Instance(first.instanceArn(), "d-9999999999"),
                AdminIds.resolve(directory, first.instanceArn(), "d-9999999999"), "both given: trusted as they are, no call");
        assertEquals(2, sandbox.stats().count("sso-admin:ListInstances"));
    }

    @Test
    void severalInstancesOrNoneMatchingAreErrors() {
        SsokitException several = assertThrows(SsokitException.class, () -> AdminIds.resolve(directory, null, null));
        assertEquals(ExitCodes.USAGE, several.exitCode());
        assertEquals("found 2 Identity Center instances (" + first.instanceArn() + ", " + second.instanceArn()
                + "); choose one with --instance-arn", several.getMessage());
        SsokitException unknown = assertThrows(SsokitException.class,
                () -> AdminIds.resolve(directory, "ssoins-0000000000000000", null));
        assertTrue(unknown.getMessage().startsWith("no Identity Center instance arn:aws:sso:::instance/ssoins-0000000000000000 (found "),
                unknown.getMessage());
        SsokitException store = assertThrows(SsokitException.class, () -> AdminIds.resolve(directory, null, "d-0000000000"));
        assertTrue(store.getMessage().startsWith("no Identity Center instances with identity store d-0000000000"), store.getMessage());
    }

    @Test
    void theCommandsSayWhichInstancesThereAre() {
        Map<String, String> vars = Map.of("AWS_ENDPOINT_URL", sandbox.endpoint().toString(),
                "AWS_ACCESS_KEY_ID", AdminTestOrg.credentials(sandbox).accessKeyId(),
                "AWS_SECRET_ACCESS_KEY", "not the secret", "AWS_REGION", "eu-west-1",
                "AWS_CONFIG_FILE", home.resolve("config").toString(), "AWS_SHARED_CREDENTIALS_FILE", home.resolve("credentials").toString());
        CliRun noRegion = CliRun.run(new Env(Map.of("AWS_ACCESS_KEY_ID", "AKID", "AWS_SECRET_ACCESS_KEY", "s",
                "AWS_CONFIG_FILE", home.resolve("config").toString()), home), "admin", "assignments");
        assertEquals(2, noRegion.code(), noRegion::toString);
        assertTrue(noRegion.err().startsWith("ssokit: no region for the Identity Center admin APIs"), noRegion.err());
        CliRun noCredentials = CliRun.run(new Env(Map.of("AWS_REGION", "eu-west-1", "AWS_CONFIG_FILE",
                home.resolve("config").toString(), "AWS_SHARED_CREDENTIALS_FILE", home.resolve("credentials").toString()), home),
                "admin", "lookup", "instance");
        assertEquals(2, noCredentials.code(), noCredentials::toString);
        assertTrue(noCredentials.err().startsWith("ssokit: no AWS credentials for the admin calls: pass --profile NAME"),
                noCredentials.err());
        CliRun missingProfile = CliRun.run(new Env(vars, home), "admin", "lookup", "instance", "--profile", "nope");
        assertEquals(2, missingProfile.code(), missingProfile::toString);
        assertTrue(missingProfile.err().startsWith("ssokit: profile 'nope' does not exist in "), missingProfile.err());
    }
}
