package io.ssokit.cli;

import io.ssokit.Env;
import io.ssokit.ExitCodes;
import io.ssokit.SsokitException;
import io.ssokit.config.AwsConfig;
import io.ssokit.config.ConfigFile;
import io.ssokit.config.IniDocument;
import io.ssokit.config.Profile;
import io.ssokit.credentials.Credentials;
import io.ssokit.credentials.ProfileChain;
import io.ssokit.credentials.ExportCredentialsCache;
import io.ssokit.credentials.ProfilePlan;
import io.ssokit.server.BindAddress;
import io.ssokit.server.ContainerEndpoint;
import io.ssokit.server.CredentialEndpoint;
import io.ssokit.server.CredentialFeed;
import io.ssokit.server.ImdsEndpoint;
import io.ssokit.server.RefreshingCredentials;
import io.ssokit.server.ServedRole;
import io.ssokit.json.Timestamps;
import io.ssokit.shell.Dialect;
import io.ssokit.shell.Dialects;
import io.ssokit.shellenv.CredentialEnv;
import io.ssokit.shellenv.ProfileCredentialSource;
import io.ssokit.shellenv.ExportFormat;
import io.ssokit.shellenv.Identity;
import io.ssokit.shellenv.Selection;
import io.ssokit.sso.TokenSource;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Stack;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.IParameterConsumer;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/**
 * {@code ssokit export-credentials}: aws-export-credentials' interface (§9) and the AWS CLI's
 * {@code configure export-credentials --format}, rendered by the same code as {@code env}.
 */
@Command(name = "export-credentials",
        mixinStandardHelpOptions = true,
        versionProvider = RootCommand.VersionProvider.class,
        sortOptions = false,
        modelTransformer = ExecSupport.StopAtCommand.class,
        description = {
            "Export a profile's credentials (aws-export-credentials, and the AWS CLI's 'configure export-credentials'):",
            "  ssokit export-credentials --profile dev                  # credential_process JSON, indented",
            "  eval \"$(ssokit export-credentials --profile dev --env-export)\"",
            "  ssokit export-credentials --profile dev --format powershell | Invoke-Expression",
            "  ssokit export-credentials --profile dev --exec aws s3 ls",
            "  ssokit export-credentials --profile dev -c dev-static     # write [dev-static] in the credentials file",
            "",
            "One mode at most: --json (the default; indented unless --json is given), --env, --env-export, --exec, "
                    + "-c/--credentials-file-profile, --format, --container or --imds. Shell forms quote every value with that shell's quoter. "
                    + "Messages go to stderr; on an error stdout stays empty.",
            "",
            "Any profile the AWS CLI resolves: Identity Center, role_arn with source_profile or credential_source, static keys, "
                    + "credential_process (see 'ssokit env --help'). MFA codes are asked for on the terminal.",
            "",
            "--container and --imds serve the credentials over HTTP until Ctrl-C or SIGTERM (exit 0), refreshing them "
                    + "before they expire; long-term keys are always exchanged for session credentials first, as with "
                    + "--ensure-temporary. Once listening, stdout gets the export lines a client needs (the URL, and the "
                    + "container token) and nothing else; the token never appears on stderr:",
            "  ssokit export-credentials --profile dev --container 0 > creds.env &",
            "  . ./creds.env; aws s3 ls          # the SDKs and the AWS CLI fetch from it",
            "  ssokit export-credentials --profile dev --imds 8090"},
        exitCodeListHeading = "%nExit codes (aws-export-credentials'):%n",
        exitCodeList = {
            "0:success; --container and --imds: stopped by Ctrl-C or SIGTERM",
            "2:unable to locate credentials (no such profile, not an Identity Center profile) or bad usage",
            "3:any other error (a login is needed, no access, the portal failed, STS refused an exchange, the port is taken)",
            "N:with --exec, the command's status (126 cannot run, 127 not found)"})
public final class ExportCredentialsCommand extends BaseCommand {
    /** aws-export-credentials' code for "Unable to locate credentials" and usage errors. */
    static final int NO_CREDENTIALS = 2;
    /** aws-export-credentials' code for every other error. */
    static final int OTHER_ERROR = 3;

    @Option(names = "--profile", paramLabel = "NAME", description = "The profile (default: AWS_PROFILE, then AWS_DEFAULT_PROFILE, then default).")
    String profile;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Mode mode;

    /** The mutually exclusive output modes. */
    static final class Mode {
        @Option(names = "--json", description = "credential_process JSON on one line (the default mode, indented when no mode is given).")
        boolean json;

        @Option(names = "--env", description = "NAME='value' lines (no export), e.g. for 'set -a; . file'.")
        boolean env;

        @Option(names = "--env-export", description = "export NAME='value' lines, for eval in bash, zsh and sh.")
        boolean envExport;

        @Option(names = "--exec", description = "Run the command that follows (all the remaining arguments) with the credentials in its "
                + "environment (no AWS_PROFILE; AWS_CLI_AUTO_PROMPT=off; the profile's region).")
        boolean exec;

        @Option(names = {"-c", "--credentials-file-profile"}, paramLabel = "NAME", description = "Write the credentials to section "
                + "[NAME] of the shared credentials file (aws_access_key_id, aws_secret_access_key, aws_session_token, "
                + "aws_credential_expiration), leaving the file's other content as it is.")
        String credentialsFileProfile;

        @Option(names = "--format", paramLabel = "FORMAT", description = "The AWS CLI's formats: " + ExportFormat.FORMAT_IDS
                + " (process is indented JSON).")
        String format;

        @Option(names = "--imds", paramLabel = "[HOST:]PORT", description = "Serve the credentials as the EC2 instance metadata "
                + "service (IMDSv2) does, for AWS_EC2_METADATA_SERVICE_ENDPOINT, on HOST:PORT (HOST defaults to 127.0.0.1; "
                + "port 0 picks a free one).")
        String imds;
    }

    /**
     * Outside the {@link Mode} group because picocli checks a group's exclusivity only for options
     * it parses itself, not for one with its own {@link ContainerArgs}: {@link #run} checks it.
     */
    @Option(names = "--container", arity = "1..2", paramLabel = "[HOST:]PORT [TOKEN]", hideParamSyntax = true,
            parameterConsumer = ContainerArgs.class,
            description = "Serve the credentials by the ECS container credentials protocol (AWS_CONTAINER_CREDENTIALS_FULL_URI "
                    + "with AWS_CONTAINER_AUTHORIZATION_TOKEN) on HOST:PORT (HOST defaults to 127.0.0.1; ':PORT' listens on "
                    + "every interface; port 0 picks a free one). Clients must send TOKEN as their Authorization header; "
                    + "without one (a word starting with '-' is an option, not a TOKEN) a random token is made and printed "
                    + "with the URL.")
    List<String> container;

    /**
     * {@code --container [HOST:]PORT [TOKEN]}: the TOKEN is optional, so a following word is the
     * token only when it cannot be an option. The command line's getopt rule (an option's value
     * is the next word, whatever it looks like) holds for the first word; applied to the optional
     * second it would swallow {@code -v} or {@code --profile} as a token.
     */
    static final class ContainerArgs implements IParameterConsumer {
        @Override
        public void consumeParameters(Stack<String> args, ArgSpec argSpec, CommandSpec commandSpec) {
            if (args.isEmpty()) {
                throw new ParameterException(commandSpec.commandLine(), "--container needs [HOST:]PORT (and optionally a TOKEN)");
            }
            List<String> values = new ArrayList<>(2);
            values.add(args.pop());
            if (!args.isEmpty() && !args.peek().startsWith("-")) {
                values.add(args.pop());
            }
            argSpec.setValue(values);
        }
    }

    @Option(names = "--pretty", description = "Indent the JSON by two spaces.")
    boolean pretty;

    @Option(names = "--cache-file", paramLabel = "PATH", description = "Reuse credentials cached in this file, and cache new ones there (0600)."
            + " Not keyed by profile: use one file per profile.")
    Path cacheFile;

    @Option(names = "--cache-expiration-buffer", paramLabel = "MINUTES", description = "Cached credentials count as expired this many minutes "
            + "before they do (default: ${DEFAULT-VALUE}).")
    int cacheExpirationBuffer = 10;

    @Option(names = "--refresh", description = "Ignore --cache-file's content (it is still written).")
    boolean refresh;

    @Option(names = "--ensure-temporary", description = "Exchange long-term keys (static keys without a session token) for session "
            + "credentials with sts:GetSessionToken (12 hours; the profile's mfa_serial code is asked for) and export those. "
            + "Other profiles give temporary credentials already.")
    boolean ensureTemporary;

    @Parameters(arity = "0..*", paramLabel = "COMMAND", description = "With --exec: the command and its arguments, passed on exactly.")
    List<String> command;

    @Override
    protected int run() throws InterruptedException {
        boolean exec = mode != null && mode.exec;
        if (exec && (command == null || command.isEmpty())) {
            throw new SsokitException(NO_CREDENTIALS, "--exec needs a command to run");
        }
        if (!exec && command != null && !command.isEmpty()) {
            throw new SsokitException(NO_CREDENTIALS, "unexpected argument '" + command.get(0) + "' (a command to run goes after --exec)");
        }
        if (cacheExpirationBuffer < 0) {
            throw new SsokitException(NO_CREDENTIALS, "--cache-expiration-buffer must not be negative");
        }
        if (container != null && mode != null) {
            throw new SsokitException(NO_CREDENTIALS, "--container cannot be combined with another mode (--json, --env, --env-export, "
                    + "--exec, -c, --format, --imds)");
        }
        if (container != null || mode != null && mode.imds != null) {
            return serve();
        }
        ExportFormat format = format();
        Credentials c;
        Identity id = null;
        ExportCredentialsCache cache = cacheFile == null ? null : new ExportCredentialsCache(cacheFile, ctx.log());
        Credentials cached = cache == null || refresh ? null : cache.load(Duration.ofMinutes(cacheExpirationBuffer), Clock.systemUTC());
        try {
            AwsConfig config = AwsConfig.load(ctx.env());
            if (cached == null || exec || mode != null && mode.credentialsFileProfile != null) {
                // --exec needs the profile's region, and -c checks it is not writing over its own source
                id = new Selection(profile, null, null, null, null, null, null).resolve(ctx.env(), config, ctx.log());
            }
            if (cached != null) {
                c = cached;
            } else {
                ProfileCredentialSource source = EnvSupport.credentialSource(ctx);
                c = source.credentials(id, TokenSource.Mode.INTERACTIVE, false);
                if (ensureTemporary) {
                    c = temporary(source, config, id, ctx.env(), c, TokenSource.Mode.INTERACTIVE);
                }
                // long-term keys are not cached (ExportCredentialsCache keeps only what expires)
                if (cache != null) {
                    cache.save(c);
                }
            }
        } catch (SsokitException e) {
            throw new SsokitException(e.exitCode() == ExitCodes.USAGE ? NO_CREDENTIALS : OTHER_ERROR, e.getMessage(), e);
        }
        if (exec) {
            Map<String, String> env = CredentialEnv.child(ctx.env().vars(), c, id, ctx.env(), Map.of("AWS_CLI_AUTO_PROMPT", "off"));
            ctx.out().flush();
            return ExecSupport.run(command, env, ctx.log());
        }
        if (mode != null && mode.credentialsFileProfile != null) {
            writeCredentialsFile(mode.credentialsFileProfile, id, c);
            return ExitCodes.OK;
        }
        ctx.out().print(format.render(c));
        return ExitCodes.OK;
    }

    /**
     * What {@code --container} and {@code --imds} serve (their one seam): the same resolution as
     * {@code --json}, forced temporary, because botocore's container provider requires a Token and
     * real IMDS never serves long-term keys. Exchanged keys are not cached, so each refresh of them
     * is a new GetSessionToken.
     */
    static Function<TokenSource.Mode, Credentials> served(ProfileCredentialSource source, AwsConfig config, Identity id, Env env) {
        return m -> temporary(source, config, id, env, source.credentials(id, m, false), m);
    }

    /**
     * The credentials as they are when temporary; long-term keys exchanged with sts:GetSessionToken,
     * with the MFA code of the profile's {@code mfa_serial} and for its {@code duration_seconds}
     * (an integer, else STS's default of 12 hours), through the profile's STS region.
     */
    static Credentials temporary(ProfileCredentialSource source, AwsConfig config, Identity id, Env env, Credentials c,
            TokenSource.Mode m) {
        if (c.sessionToken() != null) {
            return c;
        }
        Profile p = id.profile() == null ? null : config.profile(id.profile()).orElse(null);
        String mfaSerial = p == null ? null : p.get("mfa_serial").filter(v -> !v.isBlank()).orElse(null);
        Integer duration = null;
        try {
            duration = p == null ? null : p.get("duration_seconds").map(v -> Integer.valueOf(v.strip())).orElse(null);
        } catch (NumberFormatException e) {
            // botocore ignores a duration_seconds that is not an integer; so does the exchange
            duration = null;
        }
        try {
            return source.resolver().temporary(c, id.profile(), mfaSerial, duration, ProfileChain.stsRegion(p, env), m);
        } catch (RuntimeException e) {
            throw ProfileCredentialSource.translate(e, id);
        }
    }

    /**
     * The role name IMDS lists: the role's, else (a credential_process profile, say) the profile's
     * name in the characters IAM allows in role names, else "ssokit".
     */
    static String servedRoleName(Identity id) {
        if (id.roleName() != null && !id.roleName().isEmpty() && !id.roleName().contains("/")) {
            return id.roleName();
        }
        String name = id.profile() == null ? "" : id.profile().replaceAll("[^A-Za-z0-9+=,.@_-]", "_");
        return name.isEmpty() ? "ssokit" : name;
    }

    /**
     * {@code --container} and {@code --imds}: resolve once (a sign-in may happen here, before
     * anything is served, and a failure exits with stdout empty), then serve until SIGINT/SIGTERM.
     */
    private int serve() throws InterruptedException {
        if (cacheFile != null || refresh) {
            throw new SsokitException(NO_CREDENTIALS, "--cache-file and --refresh cannot be combined with --container or --imds"
                    + " (the server keeps its credentials fresh itself)");
        }
        boolean serveContainer = container != null;
        String option = serveContainer ? "--container" : "--imds";
        BindAddress bind;
        try {
            bind = BindAddress.parse(serveContainer ? container.get(0) : mode.imds);
        } catch (IllegalArgumentException e) {
            throw new SsokitException(NO_CREDENTIALS, option + ": " + e.getMessage());
        }
        String token = !serveContainer ? null : container.size() > 1 ? container.get(1) : ContainerEndpoint.newToken();
        if (serveContainer && !ContainerEndpoint.validToken(token)) {
            throw new SsokitException(NO_CREDENTIALS, "--container: the token must be printable ASCII without surrounding spaces");
        }
        Identity id;
        Function<TokenSource.Mode, Credentials> resolve;
        Credentials first;
        try {
            AwsConfig config = AwsConfig.load(ctx.env());
            id = new Selection(profile, null, null, null, null, null, null).resolve(ctx.env(), config, ctx.log());
            resolve = served(EnvSupport.credentialSource(ctx), config, id, ctx.env());
            first = resolve.apply(TokenSource.Mode.INTERACTIVE);
        } catch (SsokitException e) {
            throw new SsokitException(e.exitCode() == ExitCodes.USAGE ? NO_CREDENTIALS : OTHER_ERROR, e.getMessage(), e);
        }
        // a refresh must not start a sign-in: a request cannot wait for one, and the user may be elsewhere
        CredentialFeed feed = () -> resolve.apply(TokenSource.Mode.NON_INTERACTIVE);
        RefreshingCredentials credentials = new RefreshingCredentials(feed, first, EnvSupport.refreshMargin(ctx.env()),
                Clock.systemUTC(), ctx.log());
        String roleArn = id.plan() instanceof ProfilePlan.AssumeRole a ? a.request().roleArn() : null;
        ServedRole role = new ServedRole(servedRoleName(id), roleArn, id.region());
        CredentialEndpoint server;
        try {
            server = serveContainer
                    ? new ContainerEndpoint(bind, token, credentials, role, Clock.systemUTC(), ctx.log())
                    : new ImdsEndpoint(bind, credentials, role, Clock.systemUTC(), ctx.log());
        } catch (SsokitException e) {
            throw new SsokitException(OTHER_ERROR, e.getMessage(), e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(server), "ssokit-endpoint-shutdown"));
        Dialect sh = Dialects.BASH;
        if (serveContainer) {
            ctx.out().println(sh.set("AWS_CONTAINER_CREDENTIALS_FULL_URI", server.url().toString()));
            ctx.out().println(sh.set("AWS_CONTAINER_AUTHORIZATION_TOKEN", token));
        } else {
            ctx.out().println(sh.set("AWS_EC2_METADATA_SERVICE_ENDPOINT", server.url().toString()));
        }
        ctx.out().flush();
        if (!bind.isLoopback()) {
            ctx.log().warn(option + " listens on " + bind.host().getHostAddress() + ", not on loopback: anyone who can reach it "
                    + (serveContainer ? "and knows the token " : "") + "gets the credentials, over plain HTTP"
                    + (serveContainer ? "; and the SDKs accept an http:// container URI on loopback only" : ""));
        }
        List<String> whose = new ArrayList<>();
        if (id.profile() != null) {
            whose.add("profile " + id.profile());
        }
        if (id.roleName() != null) {
            whose.add("role " + id.roleName() + (id.accountId() == null ? "" : " in account " + id.accountId()));
        }
        whose.add("at " + server.url());
        ctx.log().info("ssokit: serving the credentials of " + String.join(", ", whose)
                + (serveContainer ? " (ECS container credentials protocol)" : " (EC2 instance metadata, IMDSv2)") + "; stop with Ctrl-C");
        new CountDownLatch(1).await();
        return ExitCodes.OK;
    }

    /**
     * Runs on SIGINT/SIGTERM. A stop on request is a success, so the hook ends the process with 0
     * itself (the JVM would exit with 130/143 after the hooks).
     */
    private void stop(CredentialEndpoint server) {
        server.close();
        ctx.log().debug("server stopped");
        ctx.err().flush();
        ctx.out().flush();
        Runtime.getRuntime().halt(ExitCodes.OK);
    }

    private ExportFormat format() {
        if (mode == null) {
            return ExportFormat.PRETTY_JSON;
        }
        if (mode.format != null) {
            try {
                return ExportFormat.parse(mode.format);
            } catch (SsokitException e) {
                throw new SsokitException(NO_CREDENTIALS, e.getMessage());
            }
        }
        if (mode.env) {
            return ExportFormat.ENV;
        }
        if (mode.envExport) {
            return ExportFormat.ENV_EXPORT;
        }
        return pretty ? ExportFormat.PRETTY_JSON : ExportFormat.JSON;
    }

    /**
     * Section [NAME] of the credentials file gets the keys; a key the credentials do not have is
     * removed, so no stale session token or expiration is left next to new keys. Everything else
     * in the file stays byte for byte (ConfigFile's lossless edits, atomic 0600 save).
     */
    private void writeCredentialsFile(String name, Identity id, Credentials c) {
        if (name.equals(id.profile())) {
            throw new SsokitException(NO_CREDENTIALS, "-c " + name + " would put static keys in front of the profile they come from"
                    + " (the credentials file wins over its Identity Center settings); choose another name");
        }
        ConfigFile file = ConfigFile.openCredentials(ctx.env());
        IniDocument doc = file.document();
        doc.set(name, "aws_access_key_id", c.accessKeyId());
        doc.set(name, "aws_secret_access_key", c.secretAccessKey());
        setOrRemove(doc, name, "aws_session_token", c.sessionToken());
        setOrRemove(doc, name, "aws_credential_expiration", c.expiration() == null ? null : Timestamps.format(c.expiration()));
        file.save();
        ctx.log().debug("wrote [" + name + "] in " + file.displayName());
    }

    private static void setOrRemove(IniDocument doc, String section, String key, String value) {
        if (value != null) {
            doc.set(section, key, value);
        } else {
            doc.remove(section, key);
        }
    }
}
