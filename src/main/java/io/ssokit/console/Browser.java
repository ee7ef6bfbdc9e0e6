package io.ssokit.console;

import io.ssokit.Env;
import io.ssokit.Log;
import io.ssokit.shell.ShellWords;
import java.io.File;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Opens a URL in the user's browser without ever blocking on it or letting it write to our
 * stdout. {@code BROWSER} is honoured like Python's webbrowser module (which aws-sso-util users
 * rely on): a {@code :}-separated list of commands, each split shell-style, {@code %s} replaced by
 * the URL (appended when absent), {@code %%} a literal percent; the first that starts wins.
 * Otherwise the platform opener ({@code xdg-open} on a Linux desktop, {@code open} on macOS,
 * the URL handler on Windows). Failure is never fatal: callers always print the URL too.
 */
public final class Browser {
    private final Env env;
    private final Log log;

    public Browser(Env env, Log log) {
        this.env = env;
        this.log = log;
    }

    /** True when a browser should not be launched at all (AWS_SSO_DISABLE_BROWSER). */
    public boolean disabledByEnv() {
        return env.flag("AWS_SSO_DISABLE_BROWSER");
    }

    /** Tries to open the URL; returns whether some opener was started. */
    public boolean open(String url) {
        return open(url, Duration.ZERO);
    }

    /**
     * Tries to open the URL and waits up to {@code waitForOpener} for the opener command to
     * exit, so that a URL opened next reaches the browser after this one (an opener like
     * {@code xdg-open} exits once it has handed the URL over; a browser run directly does not,
     * hence the bound). Returns whether some opener was started.
     */
    public boolean open(String url, Duration waitForOpener) {
        Process p = launch(url);
        if (p != null && !waitForOpener.isZero()) {
            try {
                if (!p.waitFor(waitForOpener.toMillis(), TimeUnit.MILLISECONDS)) {
                    log.debug("the browser command is still running; going on");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return p != null;
    }

    private Process launch(String url) {
        String browser = env.get("BROWSER");
        if (browser != null) {
            for (String cmd : browser.split(File.pathSeparator)) {
                Process p = cmd.isBlank() ? null : start(command(cmd, url));
                if (p != null) {
                    return p;
                }
            }
            log.warn("could not start the browser from BROWSER=" + browser);
            return null;
        }
        List<String> platform = platformOpener(url);
        if (platform.isEmpty()) {
            log.debug("no browser opener on this system; open the URL yourself");
            return null;
        }
        return start(platform);
    }

    static List<String> command(String template, String url) {
        List<String> words = ShellWords.split(template);
        List<String> out = new ArrayList<>(words.size() + 1);
        boolean substituted = false;
        for (String w : words) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < w.length(); i++) {
                char c = w.charAt(i);
                if (c == '%' && i + 1 < w.length()) {
                    char n = w.charAt(i + 1);
                    if (n == 's') {
                        b.append(url);
                        substituted = true;
                        i++;
                        continue;
                    }
                    if (n == '%') {
                        b.append('%');
                        i++;
                        continue;
                    }
                }
                b.append(c);
            }
            out.add(b.toString());
        }
        if (!substituted) {
            out.add(url);
        }
        return out;
    }

    private List<String> platformOpener(String url) {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.contains("mac")) {
            return List.of("open", url);
        }
        if (os.contains("win")) {
            return List.of("rundll32", "url.dll,FileProtocolHandler", url);
        }
        if (env.get("DISPLAY") != null || env.get("WAYLAND_DISPLAY") != null) {
            return List.of("xdg-open", url);
        }
        return List.of();
    }

    private Process start(List<String> cmd) {
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd)
                    .redirectInput(ProcessBuilder.Redirect.from(new File(nullDevice())))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD);
            pb.environment().clear();
            pb.environment().putAll(env.vars());
            Process p = pb.start();
            log.debug("started browser: " + cmd.get(0));
            // Never wait: a real browser may live for hours. Reap it when it ends.
            p.onExit().thenAccept(done -> log.debug("browser command exited with " + done.exitValue()));
            return p;
        } catch (IOException e) {
            log.debug("could not start " + cmd.get(0) + ": " + e.getMessage());
            return null;
        }
    }

    private static String nullDevice() {
        return File.separatorChar == '\\' ? "NUL" : "/dev/null";
    }
}
