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
        if (args.length > 0 && args[0].equals("env")) {
            return env(args, env, out);
        }
        if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
            // what picocli prints for the root's version option, without building the command tree
            out.println(io.ssokit.Version.get());
            return 0;
        }
        return NOT_HANDLED;
    }

    /**
     * {@code env --profile NAME}, optionally with {@code --shell S} or {@code --format F} (each as
     * two words or {@code --opt=value}, in any order), nothing else, and fresh credentials for the
     * profile in the role cache: what {@code ssokit use --env} and {@code eval "$(ssokit env ...)"}
     * run. Same core code as the full command (Selection, CredentialEnv, the dialects).
     */
    static int env(String[] args, Env env, PrintWriter out) {
        String profile = null;
        String shell = null;
        String format = null;
        for (int i = 1; i < args.length; i++) {
            String a = args[i];
            int eq = a.indexOf('=');
            String name;
            String value;
            if (a.startsWith("--") && eq > 0) {
                name = a.substring(0, eq);
                value = a.substring(eq + 1);
            } else if (i + 1 < args.length) {
                name = a;
                value = args[++i];
            } else {
                return NOT_HANDLED;
            }
            if (value.isEmpty() || value.charAt(0) == '-') {
                return NOT_HANDLED;
            }
            if (name.equals("--profile") && profile == null) {
                profile = value;
            } else if (name.equals("--shell") && shell == null) {
                shell = value;
            } else if (name.equals("--format") && format == null) {
                format = value;
            } else {
                return NOT_HANDLED;
            }
        }
        if (profile == null) {
            return NOT_HANDLED;
        }
        String text;
        try {
            io.ssokit.shell.EnvRenderer target = EnvSupport.target(shell, format, env);
            io.ssokit.shellenv.Identity id = new io.ssokit.shellenv.Selection(profile, null, null, null, null, null, null)
                    .resolve(env, io.ssokit.config.AwsConfig.load(env), io.ssokit.Log.silent());
            // a role chain's last entry, an SSO role's, or static keys; never a process or the environment
            io.ssokit.credentials.Credentials c = CredentialProcess.cachedPlan(env, id.plan(), EnvSupport.refreshMargin(env),
                    Clock.systemUTC());
            if (c == null) {
                return NOT_HANDLED;
            }
            text = target.render(io.ssokit.shellenv.CredentialEnv.export(c, id, env));
        } catch (RuntimeException e) {
            return NOT_HANDLED;
        }
        out.print(text);
        return 0;
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
