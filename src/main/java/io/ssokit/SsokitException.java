package io.ssokit;

/**
 * A failure a user can act on: it carries the exit code and a one-line message. The CLI prints
 * {@code ssokit: <message>} on stderr and exits with the code; stdout stays empty.
 */
public class SsokitException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int exitCode;

    public SsokitException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public SsokitException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
