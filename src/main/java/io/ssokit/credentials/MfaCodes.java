package io.ssokit.credentials;

import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Where the one-time codes of MFA devices ({@code mfa_serial}) come from: a code given on the
 * command line ({@code --mfa-code}, used once: a TOTP code is not accepted twice), else a prompt on
 * the terminal ({@code /dev/tty}, like botocore's getpass: stdout is being captured by
 * {@code eval "$(...)"} and stdin may be a pipe).
 */
public final class MfaCodes {
    private String given;
    private final String tty;

    /**
     * @param given {@code --mfa-code}, or null
     * @param tty the terminal device to prompt on ({@code /dev/tty}), or null never to prompt
     */
    public MfaCodes(String given, String tty) {
        this.given = given;
        this.tty = tty;
    }

    /** A source that only has {@code given} (null: none at all) and never prompts. */
    public static MfaCodes of(String given) {
        return new MfaCodes(given, null);
    }

    /**
     * @param serial the device's serial number (ARN)
     * @param profile the profile that needs it, or null (for the message)
     * @param mayPrompt false in non-interactive mode
     * @throws MfaRequiredException when there is no code and no prompt can be made
     */
    public String code(String serial, String profile, boolean mayPrompt) {
        if (given != null) {
            String c = given;
            given = null;
            return c;
        }
        String who = profile == null ? "the role" : "profile '" + profile + "'";
        if (!mayPrompt || tty == null) {
            throw new MfaRequiredException(who + " needs an MFA code from " + serial
                    + (mayPrompt ? "" : " and prompting is off") + ": pass --mfa-code CODE (ssokit env, exec,"
                    + " assume-role), or run 'ssokit env --profile " + (profile == null ? "NAME" : profile)
                    + "' in a terminal once to cache the role's credentials");
        }
        try (OutputStream out = new FileOutputStream(tty); InputStream in = new FileInputStream(tty)) {
            out.write(("Enter MFA code for " + serial + ": ").getBytes(StandardCharsets.UTF_8));
            out.flush();
            StringBuilder line = new StringBuilder();
            int b;
            while ((b = in.read()) >= 0 && b != '\n') {
                line.append((char) b);
            }
            String code = line.toString().strip();
            if (code.isEmpty()) {
                throw new MfaRequiredException("no MFA code was entered for " + serial);
            }
            return code;
        } catch (IOException e) {
            throw new MfaRequiredException(who + " needs an MFA code from " + serial + ", and there is no terminal to"
                    + " ask on (" + e.getMessage() + "): pass --mfa-code CODE");
        }
    }

    /** No MFA code could be had: exit 1, like a sign-in that is needed. */
    public static final class MfaRequiredException extends io.ssokit.SsokitException {
        private static final long serialVersionUID = 1L;

        MfaRequiredException(String message) {
            super(SsoRoleCredentials.LOGIN_REQUIRED, message);
        }
    }
}
