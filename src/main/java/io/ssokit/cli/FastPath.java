package io.ssokit.cli;

import io.ssokit.Env;
import io.ssokit.credentials.CredentialProcess;
import io.ssokit.credentials.CredentialProcessRequest;
import java.io.PrintWriter;
import java.time.Clock;

/**
 * Command lines answered before picocli is loaded: the calls that run on every SDK start, in their
 * commonest form, when the answer is already cached. Building the picocli model alone costs more
 * than the whole cache hit, and these calls are where start-up time is felt.
 *
 * <p>The rule that keeps this safe: a fast path understands a tiny, exact subset of a command's
 * syntax, prints only on success, and otherwise returns {@link #NOT_HANDLED} without a word, so
 * that the full command re-parses everything and answers (or reports the problem) itself. Both
 * share the same core code, so they cannot disagree. Keep this class free of lambdas, streams,
 * {@code String.format} and regular expressions: each one costs class loading on every call.
 */
public final class FastPath {
    /** Not answered here: run the full command. */
    public static final int NOT_HANDLED = -1;

    private FastPath() {
    }

    /** The exit code when answered (stdout written, not flushed), else {@link #NOT_HANDLED}. */
    public static int run(String[] args, Env env, PrintWriter out) {
        if (args.length > 0 && args[0].equals("credential-process")) {
            return credentialProcess(args, env, out);
        }
        return NOT_HANDLED;
    }

    /**
     * {@code credential-process --profile NAME} or {@code --profile=NAME}, nothing else, no debug
     * log requested, and fresh credentials in the role cache.
     */
    static int credentialProcess(String[] args, Env env, PrintWriter out) {
        String profile = null;
        if (args.length == 3 && args[1].equals("--profile")) {
            profile = args[2];
        } else if (args.length == 2 && args[1].startsWith("--profile=")) {
            profile = args[1].substring("--profile=".length());
        }
        // picocli reads "@file" arguments and rejects option-like values: leave those to it
        if (profile == null || profile.isEmpty() || profile.charAt(0) == '-' || profile.charAt(0) == '@'
                || CredentialProcessRequest.debugFromEnv(env)) {
            return NOT_HANDLED;
        }
        String json;
        try {
            json = CredentialProcess.cachedJson(env, CredentialProcessRequest.forProfile(env, profile),
                    Clock.systemUTC());
        } catch (RuntimeException e) {
            return NOT_HANDLED;
        }
        if (json == null) {
            return NOT_HANDLED;
        }
        out.print(json);
        out.print('\n');
        return 0;
    }
}
