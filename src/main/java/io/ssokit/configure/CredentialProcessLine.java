package io.ssokit.configure;

import io.ssokit.Env;
import io.ssokit.shell.Dialects;
import java.util.regex.Pattern;

/**
 * The {@code credential_process} value configure writes: {@code <prefix> --profile <name>}. The
 * SDKs split it like a POSIX shell (botocore with {@code shlex.split}), so the name is quoted as
 * Python's {@code shlex.quote} would: left bare when it is made only of characters no shell treats
 * specially, else single-quoted by the POSIX dialect (the one quoter for POSIX shells).
 */
public final class CredentialProcessLine {
    /** aws-sso-util's variable for the command that precedes {@code --profile}. */
    public static final String PREFIX_VARIABLE = "AWS_SSO_CREDENTIAL_PROCESS_NAME";
    public static final String DEFAULT_PREFIX = "ssokit credential-process";

    /** {@code shlex.quote}'s safe set: {@code [\w@%+=:,./-]} with ASCII {@code \w}. */
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

    private CredentialProcessLine() {
    }

    /** The command before {@code --profile}: {@value #PREFIX_VARIABLE} when set and not blank. */
    public static String prefix(Env env) {
        String v = env.get(PREFIX_VARIABLE);
        return v == null || v.isBlank() ? DEFAULT_PREFIX : v.strip();
    }

    public static String of(String prefix, String profileName) {
        return prefix + " --profile " + quote(profileName);
    }

    static String quote(String word) {
        return SAFE.matcher(word).matches() ? word : Dialects.BASH.quote(word);
    }
}
