package io.ssokit.admin;

import io.ssokit.Env;
import io.ssokit.credentials.Credentials;
import io.ssokit.sandbox.AdminTestOrg;
import io.ssokit.sandbox.Org;
import io.ssokit.sandbox.Sandbox;
import io.ssokit.sandbox.SandboxOptions;
import io.ssokit.testing.CliRun;
import java.nio.file.Path;
import org.junit.jupiter.api.Assertions;
import java.util.HashMap;
import java.util.Map;

/** A sandbox with the admin test org, and the environment of a shell holding admin credentials for it. */
final class AdminFixture implements AutoCloseable {
    final Sandbox sandbox;
    final Org org;
    final Credentials credentials;
    final Path home;
    final Map<String, String> vars = new HashMap<>();

    AdminFixture(Path home) {
        this.home = home;
        sandbox = Sandbox.start(SandboxOptions.builder().org(AdminTestOrg.org()).autoApprove(true).build());
        org = sandbox.org();
        credentials = AdminTestOrg.credentials(sandbox);
        vars.put("AWS_ENDPOINT_URL", sandbox.endpoint().toString());
        vars.put("AWS_CONFIG_FILE", home.resolve(".aws/config").toString());
        vars.put("AWS_SHARED_CREDENTIALS_FILE", home.resolve(".aws/credentials").toString());
        vars.put("AWS_ACCESS_KEY_ID", credentials.accessKeyId());
        vars.put("AWS_SECRET_ACCESS_KEY", credentials.secretAccessKey());
        vars.put("AWS_SESSION_TOKEN", credentials.sessionToken());
        vars.put("AWS_REGION", AdminTestOrg.REGION);
    }

    Env env() {
        return new Env(vars, home);
    }

    /** Asserts success with nothing on stderr. */
    static CliRun ok(CliRun r) {
        Assertions.assertEquals(0, r.code(), r::toString);
        Assertions.assertEquals("", r.err(), r::toString);
        return r;
    }

    CliRun run(String... args) {
        return CliRun.run(env(), args);
    }

    String instanceArn() {
        return AdminTestOrg.instanceArn(org);
    }

    String instanceId() {
        return AdminIds.instanceId(instanceArn());
    }

    String store() {
        return AdminTestOrg.identityStoreId(org);
    }

    String ps(String name) {
        return AdminTestOrg.permissionSetArn(org, name);
    }

    String psId(String name) {
        return Lookup.permissionSetId(ps(name));
    }

    String user(String name) {
        return AdminTestOrg.userId(org, name);
    }

    String group(String name) {
        return AdminTestOrg.groupId(org, name);
    }

    @Override
    public void close() {
        sandbox.close();
    }
}
