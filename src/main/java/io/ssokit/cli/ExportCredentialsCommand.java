package io.ssokit.cli;

import io.ssokit.ExitCodes;
import io.ssokit.SsokitException;
import io.ssokit.config.AwsConfig;
import io.ssokit.config.ConfigFile;
import io.ssokit.config.IniDocument;
import io.ssokit.credentials.Credentials;
import io.ssokit.credentials.ExportCredentialsCache;
import io.ssokit.json.Timestamps;
import io.ssokit.shellenv.CredentialEnv;
import io.ssokit.shellenv.ExportFormat;
import io.ssokit.shellenv.Identity;
import io.ssokit.shellenv.Selection;
import io.ssokit.sso.TokenSource;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
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
                    + "-c/--credentials-file-profile, or --format. Shell forms quote every value with that shell's quoter. "
                    + "Messages go to stderr; on an error stdout stays empty.",
            "",
            "Any profile the AWS CLI resolves: Identity Center, role_arn with source_profile or credential_source, static keys, "
                    + "credential_process (see 'ssokit env --help'). MFA codes are asked for on the terminal."},
        exitCodeListHeading = "%nExit codes (aws-export-credentials'):%n",
        exitCodeList = {
            "0:success",
            "2:unable to locate credentials (no such profile, not an Identity Center profile) or bad usage",
            "3:any other error (a login is needed, no access, the portal failed)",
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

    @Option(names = "--ensure-temporary", description = "Fail (exit 3) instead of exporting long-term keys (a profile with static keys and no "
            + "session token); every other kind of profile gives temporary credentials already.")
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
                c = EnvSupport.credentialSource(ctx).credentials(id, TokenSource.Mode.INTERACTIVE, false);
                if (cache != null) {
                    cache.save(c);
                }
            }
        } catch (SsokitException e) {
            throw new SsokitException(e.exitCode() == ExitCodes.USAGE ? NO_CREDENTIALS : OTHER_ERROR, e.getMessage(), e);
        }
        if (ensureTemporary && c.sessionToken() == null) {
            // aws-export-credentials would call sts:GetSessionToken; ssokit refuses rather than export long-term keys
            throw new SsokitException(OTHER_ERROR, "--ensure-temporary: profile " + (id == null ? "" : "'" + id.profile() + "' ")
                    + "has long-term keys, which ssokit does not exchange with sts:GetSessionToken; use a role profile instead");
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
