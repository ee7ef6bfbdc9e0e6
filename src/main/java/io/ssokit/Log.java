package io.ssokit;

import java.io.PrintWriter;

/**
 * Messages for people, always on stderr. Level 0 prints info and warnings; each {@code -v}
 * adds a level of detail. Secrets must never be passed here.
 */
public final class Log {
    private final PrintWriter err;
    private volatile int level;

    public Log(PrintWriter err, int level) {
        this.err = err;
        this.level = level;
    }

    public static Log silent() {
        return new Log(new PrintWriter(PrintWriter.nullWriter()), -1);
    }

    public void setLevel(int level) {
        this.level = level;
    }

    public int level() {
        return level;
    }

    public boolean enabled(int atLevel) {
        return level >= atLevel;
    }

    /** A normal progress message (shown unless quiet). */
    public void info(String msg) {
        if (level >= 0) {
            line(msg);
        }
    }

    public void warn(String msg) {
        if (level >= 0) {
            line("warning: " + msg);
        }
    }

    /** Shown with -v. */
    public void debug(String msg) {
        if (level >= 1) {
            line("debug: " + msg);
        }
    }

    /** Shown with -vv. */
    public void trace(String msg) {
        if (level >= 2) {
            line("trace: " + msg);
        }
    }

    private void line(String msg) {
        synchronized (err) {
            err.println(msg);
            err.flush();
        }
    }
}
