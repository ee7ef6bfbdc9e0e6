package io.ssokit;

import io.ssokit.cli.CommandFactory;
import io.ssokit.cli.FastPath;
import java.io.BufferedWriter;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/** The process entry point. {@link #run} does the work so tests can pass their own writers. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        // stdout is product output (often eval'd): UTF-8 always, flushed once at the end.
        PrintWriter out = new PrintWriter(new BufferedWriter(new OutputStreamWriter(
                new FileOutputStream(FileDescriptor.out), StandardCharsets.UTF_8), 1 << 14), false);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(
                new FileOutputStream(FileDescriptor.err), StandardCharsets.UTF_8), true);
        int code = run(args, Env.system(), out, err);
        out.flush();
        err.flush();
        System.exit(code);
    }

    public static int run(String[] args, Env env, PrintWriter out, PrintWriter err) {
        // the hot calls, answered from cache before picocli is loaded; anything else falls through
        int fast = FastPath.run(args, env, out);
        if (fast != FastPath.NOT_HANDLED) {
            return fast;
        }
        return CommandFactory.execute(args, env, out, err);
    }
}
