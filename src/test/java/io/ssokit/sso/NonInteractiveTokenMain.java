package io.ssokit.sso;

import io.ssokit.Env;
import io.ssokit.Log;
import io.ssokit.SsokitException;
import java.io.PrintWriter;

/**
 * Run in child JVMs (HOME and AWS_ENDPOINT_URL from the environment): gets the token of
 * sso-session {@code args[0]} (start URL {@code args[1]}, region {@code args[2]}) the way
 * credential-process does, NON_INTERACTIVE, and prints the access token; on failure the exit code
 * and message.
 */
public final class NonInteractiveTokenMain {
    private NonInteractiveTokenMain() {
    }

    public static void main(String[] args) {
        PrintWriter err = new PrintWriter(System.err, true);
        try {
            SsoToken t = SsoTokens.create(Env.system(), new Log(err, 0))
                    .token(Instance.session(args[0], args[1], args[2], null), TokenSource.Mode.NON_INTERACTIVE);
            System.out.println(t.accessToken());
        } catch (SsokitException e) {
            err.println("ssokit: " + e.getMessage());
            System.exit(e.exitCode());
        }
    }
}
