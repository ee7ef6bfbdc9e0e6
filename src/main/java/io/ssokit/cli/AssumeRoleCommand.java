package io.ssokit.cli;

import io.ssokit.Env;
import io.ssokit.ExitCodes;
import io.ssokit.SsokitException;
import io.ssokit.config.AwsConfig;
import io.ssokit.config.Profile;
import io.ssokit.credentials.AssumeRoleRequest;
import io.ssokit.credentials.Credentials;
import io.ssokit.credentials.ProfileChain;
import io.ssokit.credentials.ProfilePlan;
import io.ssokit.shell.EnvRenderer;
import io.ssokit.shellenv.CredentialEnv;
import io.ssokit.shellenv.Identity;
import io.ssokit.shellenv.ProfileCredentialSource;
import io.ssokit.sso.TokenSource;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ssokit assume-role}: sts:AssumeRole into the shell, replacing
 * {@code source <(aws sts assume-role ... | jq ...)}, rendered by {@code env}'s code.
 */
@Command(name = "assume-role",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        modelTransformer = ExecSupport.StopAtCommand.class,
        description = {
            "Assume an IAM role and print code that exports its credentials (the same code as 'ssokit env'):",
            "  eval \"$(ssokit assume-role --role-arn arn:aws:iam::222222222222:role/Deployer --profile dev)\"",
            "  ssokit assume-role --role-arn ARN --profile dev --shell fish | source",
            "  ssokit assume-role --role-arn ARN --profile dev --exec aws s3 ls",
            "",
            "The caller is --profile (any kind of profile); without it, credentials in the environment "
                    + "(AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, e.g. from an earlier env or assume-role), else AWS_PROFILE, "
                    + "AWS_DEFAULT_PROFILE or the default profile. The role's credentials are cached in ~/.aws/cli/cache under "
                    + "the AWS CLI's key for the same parameters, and reused while fresh. AWS_PROFILE is unset (the credentials "
                    + "are not a profile's); SSOKIT_ACCOUNT_ID and SSOKIT_ROLE_NAME come from the role ARN. 'ssokit unset' "
                    + "clears it all. Messages go to stderr; on any error stdout stays empty."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the code was printed (with --exec: the command's status; 126 cannot run, 127 not found)",
            "1:no credentials: a login or an MFA code is needed, or STS refused (the message says why)",
            "2:bad usage or configuration"})
public final class AssumeRoleCommand extends BaseCommand {

    @Option(names = "--role-arn", required = true, paramLabel = "ARN", description = "The role to assume (arn:aws:iam::ACCOUNT:role/NAME).")
    String roleArn;

    @Option(names = "--profile", paramLabel = "NAME", description = "Profile whose credentials assume the role (any kind; default: the "
            + "environment's credentials, else AWS_PROFILE, AWS_DEFAULT_PROFILE, default).")
    String profile;

    @Option(names = "--role-session-name", paramLabel = "NAME", description = "Session name in the assumed role's ARN (default: "
            + "botocore-session-<epoch seconds>, like the AWS CLI).")
    String roleSessionName;

    @Option(names = {"--duration", "--duration-seconds"}, paramLabel = "SECONDS", description = "Lifetime of the credentials, "
            + "900 to the role's maximum (default: one hour).")
    Integer duration;

    @Option(names = "--external-id", paramLabel = "ID", description = "External id the role's trust policy requires.")
    String externalId;

    @Option(names = "--mfa-serial", paramLabel = "ARN", description = "MFA device the role requires; the code comes from --mfa-code or "
            + "is asked for on the terminal.")
    String mfaSerial;

    @Option(names = "--mfa-code", paramLabel = "CODE", description = "One-time code of the MFA device (with --mfa-serial, or for a "
            + "role in --profile's chain).")
    String mfaCode;

    @Option(names = "--source-identity", paramLabel = "NAME", description = "Source identity to set on the session (it stays along a chain).")
    String sourceIdentity;

    @Option(names = "--region", paramLabel = "REGION", description = "Region to export as AWS_REGION and AWS_DEFAULT_REGION (default: the "
            + "profile's region; else a region you exported yourself is kept).")
    String region;

    @Option(names = "--shell", paramLabel = "SHELL", description = "Shell to print code for: bash, zsh, fish, powershell (or pwsh), cmd "
            + "(default: the shell that runs ssokit, then $SHELL, then bash).")
    String shell;

    @Option(names = "--format", paramLabel = "FORMAT", description = "Print data instead of code: dotenv or json, as 'ssokit env'.")
    String format;

    @Option(names = "--force-refresh", description = "Assume the role again even when cached credentials are still fresh.")
    boolean forceRefresh;

    @Option(names = "--non-interactive", description = "Never log in or prompt: fail with exit code 1 when a login or an MFA code is needed.")
    boolean nonInteractive;

    @Option(names = "--exec", description = "Run the command that follows (all the remaining arguments) with the credentials, "
            + "instead of printing code.")
    boolean exec;

    @Parameters(arity = "0..*", paramLabel = "COMMAND", description = "With --exec: the command and its arguments, passed on exactly.")
    List<String> command;

    @Override
    protected int run() throws InterruptedException {
        if (exec != (command != null && !command.isEmpty())) {
            throw new SsokitException(ExitCodes.USAGE, exec ? "--exec needs a command to run"
                    : "unexpected argument '" + command.get(0) + "' (a command to run goes after --exec)");
        }
        if (mfaCode != null && mfaSerial == null && profile == null) {
            throw new SsokitException(ExitCodes.USAGE, "--mfa-code goes with --mfa-serial (or a --profile whose chain needs one)");
        }
        EnvRenderer target = exec ? null : EnvSupport.target(shell, format, ctx.env());
        Env env = ctx.env();
        AwsConfig config = AwsConfig.load(env);
        CallerCredentials caller = CallerCredentials.choose(env, config, profile, "credentials to assume the role with");
        String name = caller.profile();
        ProfilePlan source = caller.plan();
        Profile sourceProfile = caller.config();
        AssumeRoleRequest request = new AssumeRoleRequest(roleArn, roleSessionName, externalId, mfaSerial, duration,
                sourceIdentity);
        String exported = region != null ? region : sourceProfile == null ? null : sourceProfile.get("region").orElse(null);
        Identity id = new Identity(null, null, request.accountId(), null, request.roleName(),
                exported == null || exported.isEmpty() ? null : exported, null);
        ProfileCredentialSource credentials = EnvSupport.credentialSource(ctx, mfaCode);
        Credentials c;
        try {
            c = credentials.resolver().assumeRole(name, source, request, ProfileChain.stsRegion(sourceProfile, env),
                    nonInteractive ? TokenSource.Mode.NON_INTERACTIVE : TokenSource.Mode.INTERACTIVE, forceRefresh);
        } catch (RuntimeException e) {
            throw ProfileCredentialSource.translate(e, id);
        }
        if (exec) {
            Map<String, String> childEnv = CredentialEnv.child(env.vars(), c, id, env, Map.of());
            ctx.out().flush();
            return ExecSupport.run(command, childEnv, ctx.log());
        }
        ctx.out().print(target.render(CredentialEnv.export(c, id, env)));
        return ExitCodes.OK;
    }
}
