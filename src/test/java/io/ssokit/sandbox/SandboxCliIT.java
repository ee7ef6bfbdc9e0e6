package io.ssokit.sandbox;

import io.ssokit.testing.Proc;
import io.ssokit.testing.Proc.Result;
import io.ssokit.testing.Tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar's {@code sandbox serve} as a child process, driven by the AWS CLI v2 as an
 * independent client: proof that the sandbox speaks the real protocols.
 */
class SandboxCliIT {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Path JAR = Path.of(System.getProperty("ssokit.projectDir", "."), "target", "ssokit.jar");
    static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    /** A running {@code ssokit sandbox serve}: its process, the endpoint line, and its stderr so far. */
    static final class Server implements AutoCloseable {
        final Process process;
        final URI endpoint;
        final CompletableFuture<String> stderr;
        final CompletableFuture<String> restOfStdout;

        Server(String... args) throws Exception {
            List<String> cmd = new ArrayList<>(List.of(JAVA, "-jar", JAR.toString(), "sandbox", "serve"));
            cmd.addAll(List.of(args));
            process = new ProcessBuilder(cmd).start();
            stderr = Proc.drain(process.getErrorStream());
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String line = CompletableFuture.supplyAsync(() -> {
                try {
                    return out.readLine();
                } catch (IOException e) {
                    return null;
                }
            }).get(30, TimeUnit.SECONDS);
            if (line == null) {
                process.waitFor(10, TimeUnit.SECONDS);
                fail("the sandbox printed no endpoint; stderr: " + stderr.getNow(""));
            }
            endpoint = URI.create(line);
            restOfStdout = CompletableFuture.supplyAsync(() -> {
                try {
                    return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    return "";
                }
            });
        }

        int stop(String signal) throws Exception {
            new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start().waitFor();
            assertTrue(process.waitFor(20, TimeUnit.SECONDS), "the sandbox did not stop on SIG" + signal);
            return process.exitValue();
        }

        @Override
        public void close() {
            if (process.isAlive()) {
                process.destroyForcibly();
                try {
                    process.waitFor(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    @Test
    void awsCliV2AgainstTheServedSandbox(@TempDir Path home) throws Exception {
        String aws = Tools.awsCliV2();
        Files.writeString(home.resolve("config"), "");
        Files.writeString(home.resolve("credentials"), "");
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        env.put("HOME", home.toString());
        env.put("LANG", "C.UTF-8");
        env.put("AWS_CONFIG_FILE", home.resolve("config").toString());
        env.put("AWS_SHARED_CREDENTIALS_FILE", home.resolve("credentials").toString());
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        env.put("AWS_DEFAULT_REGION", "us-east-1");
        env.put("AWS_REGION", "us-east-1");
        env.put("AWS_PAGER", "");

        try (Server server = new Server("--port", "0", "--auto-approve")) {
            String e = server.endpoint.toString();
            assertTrue(e.matches("http://127\\.0\\.0\\.1:\\d+"), e);
            Cli cli = new Cli(aws, e, env);

            JsonNode reg = cli.json("sso-oidc", "register-client", "--client-name", "ssokit-it", "--client-type", "public",
                    "--scopes", "sso:account:access");
            String id = reg.get("clientId").asText();
            String secret = reg.get("clientSecret").asText();
            assertTrue(reg.get("clientSecretExpiresAt").asLong() > reg.get("clientIdIssuedAt").asLong());

            // --opt=VALUE throughout: a random id or token may start with '-', which the AWS CLI
            // would otherwise read as an option
            JsonNode dev = cli.json("sso-oidc", "start-device-authorization", "--client-id=" + id, "--client-secret=" + secret,
                    "--start-url", Org.DEFAULT_START_URL);
            assertEquals(e + "/device?user_code=" + dev.get("userCode").asText(), dev.get("verificationUriComplete").asText());

            JsonNode token = cli.json("sso-oidc", "create-token", "--client-id=" + id, "--client-secret=" + secret,
                    "--grant-type", OidcService.GRANT_DEVICE_CODE, "--device-code=" + dev.get("deviceCode").asText());
            assertEquals("Bearer", token.get("tokenType").asText());
            JsonNode refreshed = cli.json("sso-oidc", "create-token", "--client-id=" + id, "--client-secret=" + secret,
                    "--grant-type", "refresh_token", "--refresh-token=" + token.get("refreshToken").asText());
            String access = refreshed.get("accessToken").asText();
            assertNotEquals(token.get("accessToken").asText(), access);

            JsonNode accounts = cli.json("sso", "list-accounts", "--access-token=" + access);
            List<String> names = new ArrayList<>();
            accounts.get("accountList").forEach(a -> names.add(a.get("accountName").asText()));
            assertEquals(List.of("Development", "Staging", "Production [EU]"), names);

            JsonNode roles = cli.json("sso", "list-account-roles", "--access-token=" + access, "--account-id", "111111111111");
            List<String> roleNames = new ArrayList<>();
            roles.get("roleList").forEach(r -> roleNames.add(r.get("roleName").asText()));
            assertEquals(List.of("AdministratorAccess", "Developer", "ReadOnly"), roleNames);

            JsonNode rc = cli.json("sso", "get-role-credentials", "--access-token=" + access, "--account-id", "111111111111",
                    "--role-name", "Developer").get("roleCredentials");
            Map<String, String> creds = new LinkedHashMap<>(env);
            creds.put("AWS_ACCESS_KEY_ID", rc.get("accessKeyId").asText());
            creds.put("AWS_SECRET_ACCESS_KEY", rc.get("secretAccessKey").asText());
            creds.put("AWS_SESSION_TOKEN", rc.get("sessionToken").asText());

            JsonNode who = new Cli(aws, e, creds).json("sts", "get-caller-identity");
            assertEquals("arn:aws:sts::111111111111:assumed-role/AWSReservedSSO_Developer_" + Ids.hex16("111111111111/Developer")
                    + "/" + Org.DEFAULT_USER, who.get("Arn").asText());
            assertEquals("111111111111", who.get("Account").asText());

            JsonNode assumed = new Cli(aws, e, creds).json("sts", "assume-role", "--role-arn", "arn:aws:iam::222222222222:role/Deployer",
                    "--role-session-name", "cli-it");
            assertEquals("arn:aws:sts::222222222222:assumed-role/Deployer/cli-it", assumed.get("AssumedRoleUser").get("Arn").asText());

            Map<String, String> tampered = new LinkedHashMap<>(creds);
            tampered.put("AWS_SECRET_ACCESS_KEY", rc.get("secretAccessKey").asText() + "x");
            Result bad = new Cli(aws, e, tampered).run("sts", "get-caller-identity");
            assertNotEquals(0, bad.exit());
            assertEquals("", bad.stdout());
            assertTrue(bad.stderr().contains("(SignatureDoesNotMatch)"), bad.stderr());

            JsonNode stats = JSON.readTree(SandboxTesting.get(URI.create(e + "/_sandbox/stats"), Map.of()).body());
            assertEquals(1, stats.get("operations").get("sso:GetRoleCredentials").asLong());
            assertEquals(2, stats.get("operations").get("sts:GetCallerIdentity").asLong());
            assertEquals(1, stats.get("failures").get("sts:GetCallerIdentity").asLong());
            assertEquals(2, stats.get("operations").get("sso-oidc:CreateToken").asLong());
        }
    }

    /** Runs {@code aws <service> <op> ... --endpoint-url E --output json} with a fixed environment. */
    record Cli(String aws, String endpoint, Map<String, String> env) {
        Result run(String... args) throws Exception {
            List<String> cmd = new ArrayList<>(List.of(aws));
            cmd.addAll(List.of(args));
            cmd.addAll(List.of("--endpoint-url", endpoint, "--output", "json", "--no-cli-pager"));
            return Proc.run(cmd, env);
        }

        JsonNode json(String... args) throws Exception {
            Result r = run(args);
            assertEquals(0, r.exit(), String.join(" ", args) + " failed: " + r.stderr());
            return JSON.readTree(r.stdout());
        }
    }

    @Test
    void sigtermAndSigintStopCleanlyAndSaveState(@TempDir Path state) throws Exception {
        try (Server server = new Server("--state-dir", state.toString(), "--auto-approve")) {
            assertEquals(200, SandboxTesting.post(URI.create(server.endpoint + "/client/register"), "application/json",
                    "{\"clientName\":\"it\",\"clientType\":\"public\"}").statusCode());
            assertEquals(0, server.stop("TERM"));
            assertEquals("", server.restOfStdout.get(5, TimeUnit.SECONDS), "exactly one line on stdout");
            assertTrue(Files.readString(state.resolve(SandboxState.FILE_NAME)).contains("\"clientName\" : \"it\""));
        }
        try (Server server = new Server("--port", "0", "-v")) {
            SandboxTesting.get(URI.create(server.endpoint + "/assignment/accounts"), Map.of());
            assertEquals(0, server.stop("INT"));
            String err = server.stderr.get(5, TimeUnit.SECONDS);
            assertTrue(err.contains("debug: GET /assignment/accounts -> 401 sso:ListAccounts"), err);
        }
    }

    @Test
    void badOptionsFailWithOneLineAndEmptyStdout(@TempDir Path dir) throws Exception {
        Path malformed = dir.resolve("org.yaml");
        Files.writeString(malformed, "accounts:\n  - id: \"111111111111\"\n    name: Dev\n    rolez: [Developer]\n");
        Path broken = dir.resolve("org.json");
        Files.writeString(broken, "{\"accounts\": [\n  {\"id\": \"111111111111\",\n   \"name\": \"Dev\" \"roles\": []}]}");
        Map<List<String>, String> cases = new LinkedHashMap<>();
        cases.put(List.of("--error-rate", "2"), "ssokit: --error-rate must be between 0 and 1, got 2.0");
        cases.put(List.of("--org", dir.resolve("missing.yaml").toString()), "ssokit: cannot read org file " + dir.resolve("missing.yaml") + ": no such file");
        cases.put(List.of("--org", malformed.toString()), "ssokit: invalid org file " + malformed + " line 4 (accounts[0].rolez): unknown field 'rolez'");
        cases.put(List.of("--org", broken.toString()), "ssokit: invalid org file " + broken + " line 3");
        cases.put(List.of("--org", malformed.toString(), "--accounts", "3"), "ssokit: --org cannot be combined with --accounts");
        cases.put(List.of("--accounts", "0"), "ssokit: --accounts must be between 1 and 100000");
        cases.put(List.of("--token-ttl", "0"), "ssokit: --token-ttl must be at least 1 second, got 0");
        for (Map.Entry<List<String>, String> c : cases.entrySet()) {
            List<String> cmd = new ArrayList<>(List.of(JAVA, "-jar", JAR.toString(), "sandbox", "serve"));
            cmd.addAll(c.getKey());
            Result r = Proc.run(cmd, null);
            assertEquals(2, r.exit(), c.getKey() + ": " + r.stderr());
            assertEquals("", r.stdout(), c.getKey().toString());
            assertEquals(1, r.stderr().lines().count(), c.getKey() + ": " + r.stderr());
            assertTrue(r.stderr().startsWith(c.getValue()), c.getKey() + ": " + r.stderr());
        }
        // a port that is taken is a runtime failure (exit 1), also one line
        try (Server server = new Server()) {
            Result taken = Proc.run(List.of(JAVA, "-jar", JAR.toString(), "sandbox", "serve", "--port",
                    Integer.toString(server.endpoint.getPort())), null);
            assertEquals(1, taken.exit(), taken.stderr());
            assertEquals("", taken.stdout());
            assertTrue(taken.stderr().startsWith("ssokit: cannot listen on 127.0.0.1:" + server.endpoint.getPort()), taken.stderr());
        }
    }

}
