package io.ssokit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ssokit.Env;
import io.ssokit.credentials.CredentialCache;
import io.ssokit.json.ReferencePython;
import io.ssokit.sandbox.OrgLoader;
import io.ssokit.sandbox.Sandbox;
import io.ssokit.sandbox.SandboxOptions;
import io.ssokit.sandbox.Totp;
import io.ssokit.shellenv.FakeHome;
import io.ssokit.shellenv.SandboxLogin;
import io.ssokit.testing.CliRun;
import io.ssokit.testing.Proc;
import io.ssokit.testing.Tools;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every kind of profile end to end against the sandbox (whose STS checks SigV4, external ids, trust
 * and TOTP codes), through {@code env}, {@code credential-process} and {@code export-credentials},
 * with the AWS CLI v2 as the independent judge of the exported keys and of the shared cache.
 */
class ProfileChainSandboxTest {
    static final String MFA_SERIAL = "arn:aws:iam::111111111111:mfa/alice";
    static final String MFA_SECRET = "JBSWY3DPEHPK3PXP";
    static Sandbox sb;

    @TempDir
    Path dir;
    FakeHome home;
    Env env;

    @BeforeAll
    static void startSandbox() throws Exception {
        try (InputStream in = ProfileChainSandboxTest.class.getResourceAsStream("/sandbox/chain-org.yaml")) {
            sb = Sandbox.start(SandboxOptions.builder().port(0).autoApprove(true)
                    .org(OrgLoader.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), true, "chain-org.yaml")).build());
        }
    }

    @AfterAll
    static void stopSandbox() {
        sb.close();
    }

    /** A fake HOME signed in to the sandbox, with the chain profiles and no cached role credentials. */
    @BeforeEach
    void signIn() throws Exception {
        home = FakeHome.create(dir.resolve("home"));
        ReferencePython.deleteTree(home.home.resolve(".aws/cli/cache"));
        SandboxLogin.login(sb, home);
        env = home.env("AWS_ENDPOINT_URL", sb.endpoint().toString());
        // the static source: an SSO session's keys, as an ADFS or SAML tool leaves them in the credentials file
        Map<String, String> keys = keys(ok("credential-process", "--profile", "dev"));
        Files.writeString(home.home.resolve(".aws/credentials"), String.join("\n",
                "[static-src]",
                "aws_access_key_id = " + keys.get("AccessKeyId"),
                "aws_secret_access_key = " + keys.get("SecretAccessKey"),
                "aws_session_token = " + keys.get("SessionToken"),
                ""));
        Path script = home.home.resolve("creds.sh");
        Files.writeString(script, "#!/bin/sh\necho run >> \"$HOME/process-runs\"\n"
                + "printf '%s\\n' '{\"Version\": 1, \"AccessKeyId\": \"" + keys.get("AccessKeyId") + "\", \"SecretAccessKey\": \""
                + keys.get("SecretAccessKey") + "\", \"SessionToken\": \"" + keys.get("SessionToken") + "\", \"Expiration\": \""
                + keys.get("Expiration") + "\"}'\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        Files.writeString(home.home.resolve(".aws/config"), String.join("\n",
                "[profile sso-dev]",
                "sso_start_url = " + FakeHome.START_URL,
                "sso_region = " + FakeHome.SSO_REGION,
                "sso_account_id = 111111111111",
                "sso_role_name = Developer",
                "region = eu-west-1",
                "[profile hop1]",
                "role_arn = arn:aws:iam::111111111111:role/Hop1",
                "source_profile = sso-dev",
                "[profile hop2]",
                "role_arn = arn:aws:iam::222222222222:role/Hop2",
                "external_id = ext-7",
                "source_profile = hop1",
                "[profile final]",
                "role_arn = arn:aws:iam::333333333333:role/Final",
                "role_session_name = ssokit-chain",
                "duration_seconds = 1800",
                "source_profile = hop2",
                "region = eu-central-1",
                "[profile web-deploy]",
                "role_arn = arn:aws:iam::222222222222:role/WebDeploy",
                "source_profile = static-src",
                "[profile proc-src]",
                "credential_process = " + script,
                "[profile proc-role]",
                "role_arn = arn:aws:iam::111111111111:role/Runner",
                "role_session_name = from-process",
                "source_profile = proc-src",
                "[profile mfa-role]",
                "role_arn = arn:aws:iam::333333333333:role/BreakGlass",
                "mfa_serial = " + MFA_SERIAL,
                "source_profile = static-src",
                "[profile env-role]",
                "role_arn = arn:aws:iam::111111111111:role/FromEnv",
                "credential_source = Environment",
                "[profile ec2-role]",
                "role_arn = arn:aws:iam::111111111111:role/FromEc2",
                "credential_source = Ec2InstanceMetadata",
                "[profile loop-a]",
                "role_arn = arn:aws:iam::111111111111:role/A",
                "source_profile = loop-b",
                "[profile loop-b]",
                "role_arn = arn:aws:iam::111111111111:role/B",
                "source_profile = loop-c",
                "[profile loop-c]",
                "role_arn = arn:aws:iam::111111111111:role/C",
                "source_profile = loop-a",
                "[profile orphan]",
                "role_arn = arn:aws:iam::111111111111:role/Orphan",
                "source_profile = no-such-profile",
                "[profile self]",
                "role_arn = arn:aws:iam::111111111111:role/Self",
                "role_session_name = myself",
                "source_profile = self",
                "aws_access_key_id = " + keys.get("AccessKeyId"),
                "aws_secret_access_key = " + keys.get("SecretAccessKey"),
                "aws_session_token = " + keys.get("SessionToken"),
                ""));
    }

    @Test
    void threeHopChainFromSsoEndsInAnotherAccount() throws Exception {
        long before = sb.stats().count("sts:AssumeRole");
        Map<String, String> vars = envJson("final");
        assertEquals(before + 3, sb.stats().count("sts:AssumeRole"), "SSO -> Hop1 -> Hop2 -> Final");
        assertEquals("arn:aws:sts::333333333333:assumed-role/Final/ssokit-chain", callerArn(vars));
        assertEquals("final", vars.get("AWS_PROFILE"));
        assertEquals("333333333333", vars.get("SSOKIT_ACCOUNT_ID"));
        assertEquals("Final", vars.get("SSOKIT_ROLE_NAME"));
        assertEquals("eu-central-1", vars.get("AWS_REGION"));
        assertFalse(vars.containsKey("SSOKIT_START_URL"), "a role chain has no instance of its own");

        // everything after the first call comes from the cache, the fast path included
        String key = vars.get("AWS_ACCESS_KEY_ID");
        assertEquals(key, keys(ok("credential-process", "--profile", "final")).get("AccessKeyId"));
        assertEquals(key, keys(ok("export-credentials", "--profile", "final", "--json")).get("AccessKeyId"));
        assertEquals(key, keys(ok("export-credentials", "--profile", "final", "--format", "process")).get("AccessKeyId"));
        assertEquals(key, envJson("final").get("AWS_ACCESS_KEY_ID"));
        String[] fast = {"env", "--profile", "final", "--shell", "bash"};
        StringWriter out = new StringWriter();
        PrintWriter w = new PrintWriter(out);
        assertEquals(0, FastPath.run(fast, env, w), "a cached role chain is answered without picocli or the SDK");
        w.flush();
        assertEquals(ok(fast), out.toString());
        assertEquals(before + 3, sb.stats().count("sts:AssumeRole"));

        // --force-refresh assumes the last role again, its sources still cached
        Map<String, String> again = keys(ok("env", "--profile", "final", "--format", "json", "--force-refresh"));
        assertNotEquals(key, again.get("AWS_ACCESS_KEY_ID"));
        assertEquals(before + 4, sb.stats().count("sts:AssumeRole"));
    }

    @Test
    void staticKeysSource() throws Exception {
        Map<String, String> vars = envJson("web-deploy");
        assertTrue(callerArn(vars).matches("arn:aws:sts::222222222222:assumed-role/WebDeploy/botocore-session-\\d+"),
                callerArn(vars));
        assertEquals(vars.get("AWS_ACCESS_KEY_ID"), keys(ok("credential-process", "--profile", "web-deploy")).get("AccessKeyId"));
        assertEquals(vars.get("AWS_ACCESS_KEY_ID"), keys(ok("export-credentials", "--profile", "web-deploy", "--json")).get("AccessKeyId"));
        // the static profile itself exports its keys as they are
        Map<String, String> stat = envJson("static-src");
        assertTrue(callerArn(stat).contains(":assumed-role/AWSReservedSSO_Developer_"), callerArn(stat));
        assertEquals(stat.get("AWS_ACCESS_KEY_ID"), keys(ok("credential-process", "--profile", "static-src")).get("AccessKeyId"));
        // a profile may name itself as source when it has keys of its own
        assertEquals("arn:aws:sts::111111111111:assumed-role/Self/myself", callerArn(envJson("self")));
    }

    @Test
    void credentialProcessSourceIsRunOnceAndCached() throws Exception {
        Map<String, String> vars = envJson("proc-role");
        assertEquals("arn:aws:sts::111111111111:assumed-role/Runner/from-process", callerArn(vars));
        assertEquals(1, runs());
        assertEquals(vars.get("AWS_ACCESS_KEY_ID"), keys(ok("credential-process", "--profile", "proc-role")).get("AccessKeyId"));
        assertEquals(vars.get("AWS_ACCESS_KEY_ID"), keys(ok("export-credentials", "--profile", "proc-role", "--json")).get("AccessKeyId"));
        // the process's own output, cached by its command line: not run again
        String fromProcess = keys(ok("credential-process", "--profile", "proc-src")).get("AccessKeyId");
        assertEquals(fromProcess, keys(ok("export-credentials", "--profile", "proc-src", "--json")).get("AccessKeyId"));
        assertEquals(1, runs());
        ok("env", "--profile", "proc-src", "--format", "json", "--force-refresh");
        assertEquals(2, runs(), "--force-refresh runs it again");
    }

    @Test
    void mfaWithATotpCode() throws Exception {
        CliRun r = fails(1, "env", "--profile", "mfa-role", "--format", "json", "--non-interactive");
        assertTrue(r.err().contains("needs an MFA code from " + MFA_SERIAL) && r.err().contains("--mfa-code"), r.err());
        assertTrue(fails(1, "credential-process", "--profile", "mfa-role").err().contains("MFA code"));
        r = fails(1, "env", "--profile", "mfa-role", "--format", "json", "--mfa-code", "000000");
        assertTrue(r.err().contains("AccessDenied") && r.err().contains("MultiFactorAuthentication"), r.err());
        String code = Totp.code(MFA_SECRET, Instant.now());
        Map<String, String> vars = keys(ok("env", "--profile", "mfa-role", "--format", "json", "--mfa-code", code));
        assertTrue(callerArn(vars).startsWith("arn:aws:sts::333333333333:assumed-role/BreakGlass/botocore-session-"));
        // cached under the serial (not the code): no code needed while the session lasts
        assertEquals(vars.get("AWS_ACCESS_KEY_ID"), keys(ok("credential-process", "--profile", "mfa-role")).get("AccessKeyId"));
        assertEquals(vars.get("AWS_ACCESS_KEY_ID"), keys(ok("export-credentials", "--profile", "mfa-role", "--json")).get("AccessKeyId"));
    }

    @Test
    void aLoopIsNamed() {
        for (String[] args : new String[][] {{"env", "--profile", "loop-a", "--shell", "bash"},
            {"credential-process", "--profile", "loop-a"}, {"export-credentials", "--profile", "loop-a", "--json"}}) {
            CliRun r = fails(2, args);
            assertTrue(r.err().contains("loops: loop-a -> loop-b -> loop-c -> loop-a"), r.err());
        }
        assertTrue(fails(2, "env", "--profile", "loop-b").err().contains("loop-b -> loop-c -> loop-a -> loop-b"));
    }

    @Test
    void aMissingSourceIsNamed() {
        for (String[] args : new String[][] {{"env", "--profile", "orphan", "--shell", "bash"},
            {"credential-process", "--profile", "orphan"}, {"export-credentials", "--profile", "orphan", "--json"}}) {
            CliRun r = fails(2, args);
            assertTrue(r.err().contains("the source_profile 'no-such-profile' of profile 'orphan' does not exist"), r.err());
        }
    }

    @Test
    void anExpiredSourceSessionAsksForALogin() throws Exception {
        home.token("expired-token", Instant.now().minusSeconds(60));
        new CredentialCache(home.home.resolve(".aws/cli/cache")).delete(CredentialCache.ssoKey("111111111111", "Developer",
                FakeHome.START_URL, null));
        long before = sb.stats().count("sts:AssumeRole");
        CliRun r = fails(1, "env", "--profile", "final", "--shell", "bash", "--non-interactive");
        assertTrue(r.err().contains("ssokit login --profile sso-dev"), r.err());
        r = fails(1, "credential-process", "--profile", "final");
        assertTrue(r.err().contains("ssokit login --profile sso-dev"), r.err());
        assertEquals(before, sb.stats().count("sts:AssumeRole"), "nothing is assumed without the first link");
        // export-credentials signs in when needed (the sandbox approves), then the whole chain follows
        r = CliRun.run(env.with("AWS_SSO_DISABLE_BROWSER", "1"), "export-credentials", "--profile", "final", "--json");
        assertEquals(0, r.code(), r.err());
        assertEquals("arn:aws:sts::333333333333:assumed-role/Final/ssokit-chain", callerArn(keys(r.out())));
        assertEquals(before + 3, sb.stats().count("sts:AssumeRole"));
    }

    @Test
    void credentialSourceEnvironment() throws Exception {
        Map<String, String> src = keys(ok("credential-process", "--profile", "static-src"));
        assertTrue(fails(2, "env", "--profile", "env-role").err().contains("AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set"));
        Env withKeys = env.with("AWS_ACCESS_KEY_ID", src.get("AccessKeyId")).with("AWS_SECRET_ACCESS_KEY", src.get("SecretAccessKey"))
                .with("AWS_SESSION_TOKEN", src.get("SessionToken"));
        CliRun r = CliRun.run(withKeys, "env", "--profile", "env-role", "--format", "json");
        assertEquals(0, r.code(), r.err());
        assertTrue(callerArn(keys(r.out())).startsWith("arn:aws:sts::111111111111:assumed-role/FromEnv/"));
        assertTrue(fails(2, "env", "--profile", "ec2-role").err().contains("credential_source = Ec2InstanceMetadata"));
    }

    @Test
    void assumeRoleCommand() throws Exception {
        String arn = "arn:aws:iam::222222222222:role/Hop2";
        CliRun r = fails(1, "assume-role", "--role-arn", arn, "--profile", "hop1", "--format", "json");
        assertTrue(r.err().contains("AccessDenied"), "the external id is missing: " + r.err());
        Map<String, String> vars = keys(ok("assume-role", "--role-arn", arn, "--profile", "hop1", "--external-id", "ext-7",
                "--role-session-name", "by-hand", "--format", "json"));
        assertEquals("arn:aws:sts::222222222222:assumed-role/Hop2/by-hand", callerArn(vars));
        assertFalse(vars.containsKey("AWS_PROFILE"));
        assertEquals("Hop2", vars.get("SSOKIT_ROLE_NAME"));
        // the same parameters as profile hop2 but a session name: another entry; the same ones: the same entry
        long before = sb.stats().count("sts:AssumeRole");
        ok("assume-role", "--role-arn", arn, "--profile", "hop1", "--external-id", "ext-7", "--role-session-name", "by-hand",
                "--shell", "bash");
        assertEquals(before, sb.stats().count("sts:AssumeRole"));
        // MFA from the command line, and --exec
        String code = Totp.code(MFA_SECRET, Instant.now());
        r = CliRun.run(env, "assume-role", "--role-arn", "arn:aws:iam::333333333333:role/BreakGlass", "--profile", "static-src",
                "--mfa-serial", MFA_SERIAL, "--mfa-code", code, "--duration", "900", "--exec", "sh", "-c",
                "test -n \"$AWS_SESSION_TOKEN\" && test -z \"$AWS_PROFILE\" && exit 7");
        assertEquals(7, r.code(), r.err());
        // from the environment's credentials when no profile is named
        Env withKeys = env.with("AWS_ACCESS_KEY_ID", vars.get("AWS_ACCESS_KEY_ID"))
                .with("AWS_SECRET_ACCESS_KEY", vars.get("AWS_SECRET_ACCESS_KEY")).with("AWS_SESSION_TOKEN", vars.get("AWS_SESSION_TOKEN"));
        r = CliRun.run(withKeys, "assume-role", "--role-arn", "arn:aws:iam::333333333333:role/Final", "--format", "json");
        assertEquals(0, r.code(), r.err());
        assertTrue(callerArn(keys(r.out())).startsWith("arn:aws:sts::333333333333:assumed-role/Final/botocore-session-"));
        fails(2, "assume-role", "--role-arn", arn, "--profile", "hop1", "stray");
        fails(2, "assume-role", "--role-arn", arn, "--profile", "hop1", "--exec");
        fails(2, "assume-role", "--profile", "hop1");
    }

    /** Our cache entry for a role profile is the AWS CLI's: the CLI uses it without calling AssumeRole. */
    @Test
    void theAwsCliReusesOurRoleCache() throws Exception {
        envJson("final");
        long before = sb.stats().count("sts:AssumeRole");
        Proc.Result r = Proc.run(List.of(Tools.awsCliV2(), "sts", "get-caller-identity", "--profile", "final", "--endpoint-url",
                sb.endpoint().toString(), "--output", "json"), cliEnv(Map.of("HOME", home.home.toString())));
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.stdout().contains("arn:aws:sts::333333333333:assumed-role/Final/ssokit-chain"), r.stdout());
        assertEquals(before, sb.stats().count("sts:AssumeRole"));
    }

    /**
     * And the CLI's entry is ours: the AWS CLI v2's own driver (its JSONFileCache and AssumeRole
     * provider; only the STS endpoint is pointed at the sandbox, which this CLI version cannot do
     * by configuration) assumes a role profile with a generated session name; ssokit then finds the
     * entry by botocore's key and calls nothing.
     */
    @Test
    void weReuseTheAwsCliRoleCache() throws Exception {
        ReferencePython.assumeAvailable();
        String script = ReferencePython.CLI_BOTOCORE + """
                import sys, botocore.session
                endpoint = sys.argv[1]
                create = botocore.session.Session.create_client
                def create_client(self, service_name, *args, **kwargs):
                    if service_name == 'sts' and not kwargs.get('endpoint_url'):
                        kwargs['endpoint_url'] = endpoint
                    return create(self, service_name, *args, **kwargs)
                botocore.session.Session.create_client = create_client
                from awscli.clidriver import AWSCLIEntryPoint
                sys.exit(AWSCLIEntryPoint().main(sys.argv[2:]))
                """;
        String out = ReferencePython.run(script, Map.of("HOME", home.home.toString(), "AWS_DEFAULT_REGION", "us-east-1"),
                sb.endpoint().toString(), "sts", "get-caller-identity", "--profile", "web-deploy", "--output", "json");
        assertTrue(out.contains("assumed-role/WebDeploy/botocore-session-"), out);
        Path entry = home.home.resolve(".aws/cli/cache/" + CredentialCache.assumeRoleKey("arn:aws:iam::222222222222:role/WebDeploy",
                null, null, null, null) + ".json");
        assertTrue(Files.exists(entry), "the CLI wrote " + entry);
        Matcher m = Pattern.compile("\"AccessKeyId\":\\s*\"([^\"]+)\"").matcher(Files.readString(entry));
        assertTrue(m.find());
        long before = sb.stats().count("sts:AssumeRole");
        assertEquals(m.group(1), envJson("web-deploy").get("AWS_ACCESS_KEY_ID"));
        assertEquals(m.group(1), keys(ok("credential-process", "--profile", "web-deploy")).get("AccessKeyId"));
        assertEquals(before, sb.stats().count("sts:AssumeRole"));
    }

    // --- helpers ---

    private int runs() throws Exception {
        Path f = home.home.resolve("process-runs");
        return Files.exists(f) ? Files.readAllLines(f).size() : 0;
    }

    private Map<String, String> envJson(String profile) {
        return keys(ok("env", "--profile", profile, "--format", "json", "--non-interactive"));
    }

    private String ok(String... args) {
        CliRun r = CliRun.run(env, args);
        assertEquals(0, r.code(), String.join(" ", args) + ": " + r.err());
        return r.out();
    }

    /** Fails with the code, a one-line message, and nothing on stdout. */
    private CliRun fails(int code, String... args) {
        CliRun r = CliRun.run(env, args);
        assertEquals(code, r.code(), String.join(" ", args) + ": " + r.err());
        assertEquals("", r.out(), "stdout stays empty on error");
        assertTrue(r.err().startsWith("ssokit: "), r.err());
        return r;
    }

    /** The string fields of a flat JSON object (env's json format, credential_process JSON). */
    static Map<String, String> keys(String json) {
        Map<String, String> m = new HashMap<>();
        Matcher x = Pattern.compile("\"([A-Za-z_]+)\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
        while (x.find()) {
            m.put(x.group(1), x.group(2));
        }
        return m;
    }

    private static Map<String, String> cliEnv(Map<String, String> extra) {
        Map<String, String> e = new HashMap<>();
        e.put("PATH", System.getenv("PATH"));
        e.put("AWS_DEFAULT_REGION", "us-east-1");
        e.put("AWS_PAGER", "");
        e.putAll(extra);
        return e;
    }

    /** What the AWS CLI v2 says the exported keys are: the independent check. */
    private String callerArn(Map<String, String> vars) throws Exception {
        Path empty = Files.createDirectories(dir.resolve("cli-home"));
        Map<String, String> e = cliEnv(Map.of("HOME", empty.toString(), "AWS_ACCESS_KEY_ID", vars.getOrDefault("AWS_ACCESS_KEY_ID",
                vars.getOrDefault("AccessKeyId", "")), "AWS_SECRET_ACCESS_KEY", vars.getOrDefault("AWS_SECRET_ACCESS_KEY",
                vars.getOrDefault("SecretAccessKey", "")), "AWS_SESSION_TOKEN", vars.getOrDefault("AWS_SESSION_TOKEN",
                vars.getOrDefault("SessionToken", ""))));
        Proc.Result r = Proc.run(List.of(Tools.awsCliV2(), "sts", "get-caller-identity", "--endpoint-url", sb.endpoint().toString(),
                "--query", "Arn", "--output", "text"), e);
        assertEquals(0, r.exit(), r.toString());
        return r.stdout().strip();
    }
}
