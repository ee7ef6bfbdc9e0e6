package io.ssokit.cli;

import io.ssokit.ExitCodes;
import io.ssokit.Log;
import io.ssokit.SsokitException;
import io.ssokit.config.AwsConfig;
import io.ssokit.credentials.Credentials;
import io.ssokit.json.Timestamps;
import io.ssokit.shellenv.CredentialEnv;
import io.ssokit.shellenv.CredentialSource;
import io.ssokit.shellenv.Identity;
import io.ssokit.shellenv.Selection;
import io.ssokit.sso.TokenSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.IModelTransformer;
import picocli.CommandLine.Model.CommandSpec;
import sun.misc.Signal;

/**
 * Runs a command the way {@code exec} would have: directly (argv as given, no shell), with
 * stdin, stdout and stderr inherited, signals passed on, and its exit status returned.
 *
 * <p>Java cannot replace itself with the command, so ssokit stays as the parent and waits:
 * <ul>
 *   <li>TERM, HUP, USR1 and ALRM sent to ssokit are sent on to the command (JVM shutdown on
 *       them is disabled while it runs), and ssokit goes on waiting for it;
 *   <li>INT (Ctrl-C) is the keyboard's: when ssokit runs in the foreground of its terminal the
 *       kernel has already sent it to the command, which shares the terminal's process group, so
 *       it is not sent twice; otherwise (a background job, no terminal, a supervisor's
 *       {@code kill -INT}) it is passed on like TERM. QUIT belongs to the JVM and is not handled.
 * </ul>
 * The status is the command's; a command killed by signal N gives 128+N, as a shell reports it.
 */
final class ExecSupport {
    /** A command that cannot be found, as POSIX shells report it. */
    static final int NOT_FOUND = 127;
    /** A command that exists but cannot be run. */
    static final int CANNOT_RUN = 126;

    private static final String[] FORWARDED = {"TERM", "HUP", "INT", "USR1", "ALRM"};

    private ExecSupport() {
    }

    /**
     * For the commands that take a command line: options end at the first positional argument,
     * so {@code exec --profile p ls -la} gives {@code -la} to ls (and every later {@code --} too).
     */
    static final class StopAtCommand implements IModelTransformer {
        @Override
        public CommandSpec transform(CommandSpec spec) {
            spec.parser().stopAtPositional(true);
            return spec;
        }
    }

    /**
     * exec and run-as: resolve the selection, get its credentials, and run the command with them
     * in its environment (profile variables removed; with {@code legacyExpiration} also
     * aws-sso-util's {@code AWS_CREDENTIALS_EXPIRATION}).
     */
    static int runWithCredentials(Ctx ctx, Selection selection, CredentialSource source, TokenSource.Mode mode,
            boolean forceRefresh, boolean legacyExpiration, List<String> command) throws InterruptedException {
        Identity id = selection.resolve(ctx.env(), AwsConfig.load(ctx.env()), ctx.log());
        Credentials c = source.credentials(id, mode, forceRefresh);
        Map<String, String> extra = !legacyExpiration || c.expiration() == null ? Map.of()
                : Map.of("AWS_CREDENTIALS_EXPIRATION", Timestamps.format(c.expiration()));
        Map<String, String> env = CredentialEnv.child(ctx.env().vars(), c, id, ctx.env(), extra);
        ctx.out().flush();
        return run(command, env, ctx.log());
    }

    static int run(List<String> argv, Map<String, String> env, Log log) throws InterruptedException {
        if (argv == null || argv.isEmpty() || argv.get(0).isEmpty()) {
            throw new SsokitException(ExitCodes.USAGE, "no command given to run");
        }
        ProcessBuilder pb = new ProcessBuilder(argv).inheritIO();
        pb.environment().clear();
        pb.environment().putAll(env);
        AtomicReference<Process> child = new AtomicReference<>();
        AtomicReference<String> early = new AtomicReference<>();
        boolean foreground = inForegroundOfTerminal(Path.of("/proc/self/stat"));
        for (String name : FORWARDED) {
            try {
                Signal.handle(new Signal(name), sig -> {
                    if (sig.getName().equals("INT") && foreground) {
                        return;
                    }
                    Process p = child.get();
                    if (p == null) {
                        early.set(sig.getName());
                    } else {
                        send(sig.getName(), p.pid(), log);
                    }
                });
            } catch (IllegalArgumentException e) {
                log.debug("signal " + name + " cannot be handled on this JVM: not forwarded");
            }
        }
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            String msg = String.valueOf(e.getMessage());
            if (msg.contains("error=2,") || msg.contains("No such file")) {
                throw new SsokitException(NOT_FOUND, argv.get(0) + ": command not found");
            }
            throw new SsokitException(CANNOT_RUN, argv.get(0) + ": cannot run it (" + reason(msg) + ")");
        }
        child.set(p);
        log.debug("started " + argv.get(0) + " as process " + p.pid());
        String pending = early.getAndSet(null);
        if (pending != null) {
            send(pending, p.pid(), log);
        }
        while (true) {
            try {
                return p.waitFor();
            } catch (InterruptedException e) {
                // keep waiting: the command decides when this ends
                Thread.interrupted();
            }
        }
    }

    private static String reason(String msg) {
        int i = msg.indexOf("error=");
        return i < 0 ? msg : msg.substring(i);
    }

    /** Sends a signal by name with kill(1): Java itself can only send TERM and KILL. */
    private static void send(String name, long pid, Log log) {
        try {
            new ProcessBuilder("kill", "-s", name, Long.toString(pid)).inheritIO().start().waitFor();
            log.debug("passed SIG" + name + " on to process " + pid);
        } catch (IOException e) {
            if (name.equals("TERM")) {
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Whether this process is in the foreground process group of its controlling terminal, read
     * from Linux's {@code /proc/self/stat} (fields 5 pgrp, 7 tty_nr, 8 tpgid, counted after the
     * command name). False where that file does not exist: then every signal is passed on.
     */
    static boolean inForegroundOfTerminal(Path stat) {
        String s;
        try {
            s = new String(Files.readAllBytes(stat), StandardCharsets.ISO_8859_1);
        } catch (IOException | SecurityException e) {
            return false;
        }
        int close = s.lastIndexOf(')');
        if (close < 0 || close + 2 > s.length()) {
            return false;
        }
        String[] f = s.substring(close + 2).trim().split(" ");
        // f[0] state, f[1] ppid, f[2] pgrp, f[3] session, f[4] tty_nr, f[5] tpgid
        if (f.length < 6) {
            return false;
        }
        return !f[4].equals("0") && f[5].equals(f[2]);
    }
}
