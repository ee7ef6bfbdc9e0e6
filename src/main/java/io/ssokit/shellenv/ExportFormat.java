package io.ssokit.shellenv;

import io.ssokit.ExitCodes;
import io.ssokit.SsokitException;
import io.ssokit.credentials.CredentialProcessOutput;
import io.ssokit.credentials.Credentials;
import io.ssokit.shell.Dialects;
import io.ssokit.shell.EnvOp;
import java.util.List;

/**
 * The printed forms of {@code export-credentials}: aws-export-credentials' modes and the AWS CLI's
 * {@code configure export-credentials --format} values, all rendered from
 * {@link CredentialEnv#credentialsOnly} by the same dialects as {@code ssokit env}, so every value
 * is quoted by its shell's one quoter (the AWS CLI prints values unquoted).
 */
public enum ExportFormat {
    /** One line of compact JSON ({@code --json}). */
    JSON("json"),
    /** JSON indented by two spaces ({@code --pretty}, no mode at all, {@code --format process}). */
    PRETTY_JSON("process"),
    /** {@code export NAME='value'} ({@code --env-export}, {@code --format env}). */
    ENV_EXPORT("env"),
    /** {@code NAME='value'} ({@code --env}, {@code --format env-no-export}). */
    ENV("env-no-export"),
    POWERSHELL("powershell"),
    WINDOWS_CMD("windows-cmd"),
    FISH("fish");

    /** The {@code --format} values, in the AWS CLI's order. */
    public static final String FORMAT_IDS = "process, env, env-no-export, powershell, windows-cmd, fish";

    private final String id;

    ExportFormat(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    /** A {@code --format} value, as the AWS CLI names them. */
    public static ExportFormat parse(String value) {
        for (ExportFormat f : values()) {
            if (f != JSON && f.id.equals(value)) {
                return f;
            }
        }
        throw new SsokitException(ExitCodes.USAGE, "unsupported --format '" + value + "'; it must be one of: " + FORMAT_IDS);
    }

    /** The complete text, ending with a line break. */
    public String render(Credentials c) {
        List<EnvOp> ops = CredentialEnv.credentialsOnly(c);
        switch (this) {
            case JSON:
                return CredentialProcessOutput.json(c) + "\n";
            case PRETTY_JSON:
                return CredentialProcessOutput.prettyJson(c) + "\n";
            case ENV_EXPORT:
                return Dialects.BASH.render(ops);
            case POWERSHELL:
                return Dialects.POWERSHELL.render(ops);
            case WINDOWS_CMD:
                return Dialects.CMD.render(ops);
            case FISH:
                return Dialects.FISH.render(ops);
            case ENV:
            default:
                // a POSIX assignment without export: the bash quoter's word after NAME=
                StringBuilder sb = new StringBuilder();
                for (EnvOp op : ops) {
                    EnvOp.Set s = (EnvOp.Set) op;
                    sb.append(s.name()).append('=').append(Dialects.BASH.quote(s.value())).append('\n');
                }
                return sb.toString();
        }
    }
}
