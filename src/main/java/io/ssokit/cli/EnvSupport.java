package io.ssokit.cli;

import io.ssokit.Env;
import io.ssokit.ExitCodes;
import io.ssokit.SsokitException;
import io.ssokit.credentials.CredentialProcessRequest;
import io.ssokit.credentials.MfaCodes;
import io.ssokit.shell.DataFormat;
import io.ssokit.shell.Dialects;
import io.ssokit.shell.EnvRenderer;
import io.ssokit.shell.ShellDetector;
import io.ssokit.shellenv.CredentialSource;
import io.ssokit.shellenv.ProfileCredentialSource;
import io.ssokit.sso.SsoTokens;
import java.time.Clock;

/** What the credential-exporting commands share: where credentials come from, and the output target. */
final class EnvSupport {
    private EnvSupport() {
    }

    /** The terminal MFA codes are asked for on (stdout is captured by eval, stdin may be a pipe). */
    static final String TTY = "/dev/tty";

    /** The one place the shell commands get their {@link CredentialSource}; MFA codes are prompted for on the terminal. */
    static ProfileCredentialSource credentialSource(Ctx ctx) {
        return credentialSource(ctx, null);
    }

    /**
     * @param mfaCode {@code --mfa-code}: used for the first MFA device a role chain needs (a code
     *     is good once); further ones are prompted for on the terminal
     */
    static ProfileCredentialSource credentialSource(Ctx ctx, String mfaCode) {
        // before any SDK class logs: the SDK warns on stderr about profile names it cannot read
        io.ssokit.aws.AwsClients.configureSdkLogging(ctx.log().level());
        return new ProfileCredentialSource(ctx.env(), SsoTokens.create(ctx.env(), ctx.log()), ctx.log(), Clock.systemUTC(),
                refreshMargin(ctx.env()), new MfaCodes(mfaCode, TTY));
    }

    /** credential-process's margin (SSOKIT_CREDENTIAL_REFRESH_MARGIN, else 15 minutes), so both reuse the same entries. */
    static java.time.Duration refreshMargin(Env env) {
        return CredentialProcessRequest.forProfile(env, null).refreshMargin();
    }

    /**
     * {@code --format} if given, else the {@code --shell} dialect, else the detected shell (the
     * parent process, then {@code $SHELL}, then bash).
     */
    static EnvRenderer target(String shell, String format, Env env) {
        if (shell != null && format != null) {
            throw new SsokitException(ExitCodes.USAGE, "--shell and --format cannot be combined: choose one");
        }
        if (format != null) {
            return DataFormat.parse(format);
        }
        return shell != null ? Dialects.parse(shell) : ShellDetector.detect(null, env.get("SHELL"));
    }
}
