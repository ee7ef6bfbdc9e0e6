package io.ssokit;

/**
 * Exit codes shared by every command. Commands that mirror aws-sso-util keep that tool's own
 * codes (login 1-4, credential-process 1-5, check 101-204); those are defined next to the
 * command and listed in {@code ssokit --help} and the README.
 */
public final class ExitCodes {
    public static final int OK = 0;
    /** A general failure: a missing profile, a failed call, a refused operation. */
    public static final int ERROR = 1;
    /** Bad command-line usage, or a bad value in a config file (nothing was done). */
    public static final int USAGE = 2;
    /** An unexpected internal error (a bug): run again with --debug for the stack trace. */
    public static final int INTERNAL = 70;
    /** Interrupted by SIGINT. */
    public static final int INTERRUPTED = 130;

    private ExitCodes() {
    }
}
