package io.ssokit.json;

import io.ssokit.ExitCodes;
import io.ssokit.SsokitException;
import java.nio.file.Path;

/**
 * A cache file under ~/.aws that cannot be used. The message names the file and says what to do;
 * it never contains the file's content (the files hold tokens and keys), so JSON parser messages,
 * which quote the offending text, are never passed through.
 */
public final class CacheFileException extends SsokitException {
    private static final long serialVersionUID = 1L;

    /** What is wrong with the file. */
    public enum Problem {
        /** Not JSON, not a JSON object, or a field of the wrong type. The file is left as it is. */
        CORRUPT,
        /** Group or others may read or write it. */
        INSECURE_PERMISSIONS,
        /** Owned by another user, typically root after a {@code sudo aws sso login}. */
        FOREIGN_OWNER,
        /** The operating system refused to read it. */
        UNREADABLE,
        /** Writing, renaming or deleting failed. */
        WRITE_FAILED
    }

    private final Problem problem;
    private final transient Path file;

    public CacheFileException(Problem problem, Path file, String message) {
        super(ExitCodes.ERROR, message);
        this.problem = problem;
        this.file = file;
    }

    public Problem problem() {
        return problem;
    }

    public Path file() {
        return file;
    }

    /**
     * True for the problems aws-sso-util's {@code check} calls a "file permission problem":
     * modes, ownership, a refused read.
     */
    public boolean isPermissionProblem() {
        return problem == Problem.INSECURE_PERMISSIONS || problem == Problem.FOREIGN_OWNER
                || problem == Problem.UNREADABLE;
    }
}
