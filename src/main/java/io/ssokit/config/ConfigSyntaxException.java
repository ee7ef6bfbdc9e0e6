package io.ssokit.config;

import io.ssokit.ExitCodes;
import io.ssokit.SsokitException;

/**
 * A config or credentials file that the AWS CLI would refuse to read. The message starts with
 * {@code file:line:} so that editors and terminals can jump to it; it never quotes the line,
 * which may hold a secret.
 */
public final class ConfigSyntaxException extends SsokitException {
    private static final long serialVersionUID = 1L;
    private final String file;
    private final int line;

    public ConfigSyntaxException(String file, int line, String problem) {
        super(ExitCodes.USAGE, file + ":" + line + ": " + problem);
        this.file = file;
        this.line = line;
    }

    /** The file as shown to the user, e.g. {@code ~/.aws/config}. */
    public String file() {
        return file;
    }

    /** 1-based line number. */
    public int line() {
        return line;
    }
}
