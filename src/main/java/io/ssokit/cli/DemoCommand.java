package io.ssokit.cli;

import io.ssokit.Env;
import io.ssokit.ExitCodes;
import io.ssokit.Log;
import io.ssokit.Main;
import io.ssokit.SsokitException;
import io.ssokit.aws.AwsClients;
import io.ssokit.sandbox.Sandbox;
import io.ssokit.sandbox.SandboxOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

/**
 * The guided tour: the real commands, run in-process against the built-in sandbox with a
 * throw-away HOME, so it needs no AWS account and touches none of the user's files.
 */
@Command(name = "demo",
        description = {
            "Tour ssokit against the built-in Identity Center sandbox: log in, list roles, fetch",
            "credentials through credential-process, export them to a shell, make a console sign-in URL,",
            "list account assignments as an administrator, and call STS with the credentials.",
            "Uses a temporary HOME and config; touches none of your files. Narration goes to stderr,",
            "each command's own output to stdout."})
public final class DemoCommand extends BaseCommand {

    @Option(names = "--keep-home", description = "Keep the temporary HOME (its path is printed) to look around afterwards.")
    boolean keepHome;

    static final String PROFILE = "demo-dev";
    private static final String ADMIN_PROFILE = "demo-admin";

    @Override
    protected int run() throws Exception {
        Log log = ctx.log();
        PrintWriter out = ctx.out();
        Path home = Files.createTempDirectory("ssokit-demo");
        SandboxOptions options = SandboxOptions.builder()
                .port(0)
                .autoApprove(true)
                .log(Log.silent())
                .build();
        try (Sandbox sandbox = Sandbox.start(options)) {
            String endpoint = sandbox.endpoint().toString();
            Map<String, String> vars = new HashMap<>();
            vars.put("HOME", home.toString());
            vars.put("PATH", ctx.env().getOrDefault("PATH", "/usr/bin:/bin"));
            vars.put("AWS_ENDPOINT_URL", endpoint);
            vars.put("AWS_SSO_DISABLE_BROWSER", "true");
            Env env = new Env(vars, home);

            narrate("Started the built-in Identity Center sandbox at " + endpoint + ".",
                    "Every AWS call below goes there because AWS_ENDPOINT_URL points at it;",
                    "HOME is the throw-away directory " + home + ".");

            Path config = home.resolve(".aws").resolve("config");
            Files.createDirectories(config.getParent());
            Files.writeString(config, String.join("\n",
                    "[sso-session sandbox]",
                    "sso_start_url = " + sandbox.org().instances().get(0).startUrl(),
                    "sso_region = " + sandbox.org().instances().get(0).region(),
                    "sso_registration_scopes = sso:account:access",
                    "",
                    "[profile " + PROFILE + "]",
                    "sso_session = sandbox",
                    "sso_account_id = 111111111111",
                    "sso_role_name = Developer",
                    "region = eu-west-1",
                    "credential_process = ssokit credential-process --profile " + PROFILE,
                    "",
                    "[profile " + ADMIN_PROFILE + "]",
                    "sso_session = sandbox",
                    "sso_account_id = 111111111111",
                    "sso_role_name = AdministratorAccess",
                    "region = " + sandbox.org().instances().get(0).region(),
                    ""));
            narrate("Wrote ~/.aws/config with an sso-session and two profiles that use it:");
            out.print(Files.readString(config));
            out.flush();

            step(env, "Log in once per Identity Center instance. Here the sandbox approves at once;",
                    "for real you would approve in the browser. The token (with a refresh token) lands in",
                    "~/.aws/sso/cache in the AWS CLI's format, so `aws` and the SDKs share it.")
                    .run("login", "--sso-session", "sandbox");

            step(env, "List every account and role this login can use (fetched concurrently).")
                    .run("roles", "--sso-session", "sandbox");

            step(env, "What every SDK runs through `credential_process`: one line of JSON.",
                    "The credentials are cached in ~/.aws/cli/cache, shared with the AWS CLI.")
                    .run("credential-process", "--profile", PROFILE);
            long fetches = sandbox.stats().count("sso:GetRoleCredentials");

            String json = step(env, "Again: this time from the cache, without any AWS call.")
                    .run("credential-process", "--profile", PROFILE);
            long fetchesAfter = sandbox.stats().count("sso:GetRoleCredentials");
            narrate("GetRoleCredentials calls so far: " + fetchesAfter
                    + (fetchesAfter == fetches ? " (the second call was a cache hit)" : ""));

            step(env, "What `eval \"$(ssokit env --profile " + PROFILE + ")\"` runs in your shell (bash here; zsh, fish,",
                    "PowerShell and cmd too). `eval \"$(ssokit shell init bash)\"` adds `ssokit use PROFILE` and a prompt.")
                    .run("env", "--profile", PROFILE, "--shell", "bash");

            step(env, "A console sign-in URL for the same role (`--print`; without it, ssokit opens the browser).",
                    "Here it points at the sandbox's sign-in page instead of signin.aws.amazon.com.")
                    .run("console", "launch", "--profile", PROFILE, "--print");

            step(env, "Administration with AWS credentials (here the " + ADMIN_PROFILE + " profile): who has which",
                    "permission set in which account, from the sso-admin, identitystore and organizations APIs.")
                    .run("admin", "assignments", "--profile", ADMIN_PROFILE, "--arn-style", "id");

            narrate("Finally, sign an STS GetCallerIdentity request with those credentials",
                    "(the sandbox verifies the SigV4 signature, like AWS):");
            out.println(callerArn(env, json));
            out.flush();
            narrate("", "That was ssokit. Next: README.md and `ssokit --help`.");
            return ExitCodes.OK;
        } finally {
            if (keepHome) {
                log.info("ssokit demo: kept the temporary HOME at " + home);
            } else {
                deleteTree(home);
            }
        }
    }

    private void narrate(String... lines) {
        PrintWriter err = ctx.err();
        for (String l : lines) {
            err.println(l.isEmpty() ? "" : "# " + l);
        }
        err.flush();
    }

    private Step step(Env env, String... explanation) {
        narrate("");
        narrate(explanation);
        return new Step(env);
    }

    /** Runs one real command line in-process; its stdout is the demo's stdout. */
    private final class Step {
        private final Env env;

        Step(Env env) {
            this.env = env;
        }

        String run(String... args) {
            ctx.err().println("$ ssokit " + String.join(" ", args));
            ctx.err().flush();
            StringWriter captured = new StringWriter();
            int code;
            try (PrintWriter o = new PrintWriter(captured)) {
                code = Main.run(args, env, o, ctx.err());
            }
            ctx.out().print(captured);
            ctx.out().flush();
            if (code != 0) {
                throw new SsokitException(ExitCodes.ERROR, "demo step 'ssokit " + String.join(" ", args)
                        + "' failed with exit code " + code);
            }
            return captured.toString();
        }
    }

    private static String callerArn(Env env, String credentialProcessJson) {
        com.fasterxml.jackson.databind.JsonNode c;
        try {
            c = new com.fasterxml.jackson.databind.ObjectMapper().readTree(credentialProcessJson);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        AwsSessionCredentials creds = AwsSessionCredentials.create(c.get("AccessKeyId").asText(),
                c.get("SecretAccessKey").asText(), c.get("SessionToken").asText());
        try (AwsClients clients = new AwsClients(env);
                StsClient sts = clients.sts("us-east-1", StaticCredentialsProvider.create(creds))) {
            GetCallerIdentityResponse id = sts.getCallerIdentity();
            return id.arn();
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            List<Path> all = files.sorted(Comparator.reverseOrder()).toList();
            for (Path p : all) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not remove the demo's temporary HOME " + root, e);
        }
    }
}
