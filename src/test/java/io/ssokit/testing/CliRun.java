package io.ssokit.testing;

import io.ssokit.Env;
import io.ssokit.Main;
import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the CLI in-process with its own writers: exit code, stdout, stderr. */
public record CliRun(int code, String out, String err) {

    public static CliRun run(Env env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code;
        try (PrintWriter o = new PrintWriter(out); PrintWriter e = new PrintWriter(err)) {
            code = Main.run(args, env, o, e);
        }
        return new CliRun(code, out.toString(), err.toString());
    }
}
