package io.ssokit.shell;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which dialect to emit when the user did not say: the shell that will read our output.
 *
 * <p>The rule is a pure function of the explicit value, the ancestor processes' commands and
 * {@code $SHELL}, so it is tested over fake process lists; {@link #ancestorCommands} is the small
 * adapter that reads the real process tree: from {@code /proc} where there is one, because the
 * first use of {@link ProcessHandle} spins up lambdas (measured 6 to 15 ms on a 2-core machine,
 * against a whole {@code ssokit env} of well under 100 ms); through {@link ProcessHandle}
 * elsewhere (macOS, Windows).
 *
 * <ol>
 *   <li>An explicit {@code --shell} value wins (and an unknown one is an error).
 *   <li>Else walk the ancestors, nearest first. Skip {@code env}, {@code java}, {@code ssokit} and
 *       unreadable entries: they run us but do not read our output. The first shell decides:
 *       bash, zsh, fish, pwsh/powershell, cmd; {@code sh}, {@code dash}, {@code ash}, {@code ksh},
 *       {@code mksh} and {@code busybox} mean a POSIX sh, which reads the bash dialect. A shell
 *       ssokit has no dialect for (csh, tcsh, nu, xonsh, elvish) is an error asking for
 *       {@code --shell}: guessing would emit code that shell cannot run. Other programs (sudo,
 *       make, tmux, an IDE) are walked past.
 *   <li>Else the basename of {@code $SHELL}, by the same table.
 *   <li>Else bash.
 * </ol>
 *
 * Why {@code sh} counts as a shell here rather than as the launcher: {@code shell/ssokit} ends in
 * {@code exec java}, so the JVM takes over the launcher's process and its parent is whatever ran
 * the launcher. An {@code sh} parent is therefore a real reader of our output, e.g. a Makefile
 * recipe or a {@code #!/bin/sh} script doing {@code eval "$(ssokit env)"}, for which the fish
 * dialect of a fish user's login shell would be wrong.
 */
public final class ShellDetector {
    /** How far up the process tree to look; a shell is normally the parent or grandparent. */
    public static final int MAX_ANCESTORS = 16;

    private ShellDetector() {
    }

    /**
     * @param explicit the {@code --shell} value, or null
     * @param ancestors commands (paths or names) of the ancestor processes, nearest first; null or
     *     empty entries stand for processes that could not be read
     * @param shellVar the value of {@code $SHELL}, or null
     * @throws io.ssokit.SsokitException (exit code 2) for an unknown explicit value, or when the
     *     shell found is one ssokit has no dialect for
     */
    public static Dialect detect(String explicit, List<String> ancestors, String shellVar) {
        if (explicit != null) {
            return Dialects.parse(explicit);
        }
        for (String command : ancestors) {
            String name = normalize(command);
            if (name.isEmpty() || name.equals("env") || name.equals("java") || name.equals("ssokit")) {
                continue;
            }
            Dialect d = classify(name);
            if (d != null) {
                return d;
            }
        }
        if (shellVar != null) {
            String name = normalize(shellVar);
            if (!name.isEmpty()) {
                Dialect d = classify(name);
                if (d != null) {
                    return d;
                }
            }
        }
        return Dialects.BASH;
    }

    /** {@link #detect(String, List, String)} over the live process tree of this JVM. */
    public static Dialect detect(String explicit, String shellVar) {
        if (explicit != null) {
            return Dialects.parse(explicit);
        }
        Path proc = Path.of("/proc");
        List<String> ancestors = Files.isReadable(proc.resolve("self/stat"))
                ? ancestorCommands(proc, MAX_ANCESTORS)
                : ancestorCommands(ProcessHandle.current(), MAX_ANCESTORS);
        return detect(null, ancestors, shellVar);
    }

    /**
     * The same list as {@link #ancestorCommands(ProcessHandle, int)}, read from a Linux
     * {@code /proc}: the parent pid from {@code <pid>/stat}, the executable from the
     * {@code <pid>/exe} link (empty when it cannot be read, as for another user's process).
     */
    public static List<String> ancestorCommands(Path proc, int max) {
        List<String> out = new ArrayList<>();
        long pid = parentPid(proc.resolve("self/stat"));
        while (pid > 0 && out.size() < max) {
            Path dir = proc.resolve(Long.toString(pid));
            String exe;
            try {
                exe = Files.readSymbolicLink(dir.resolve("exe")).toString();
            } catch (IOException | UnsupportedOperationException | SecurityException e) {
                exe = "";
            }
            out.add(exe);
            pid = parentPid(dir.resolve("stat"));
        }
        return out;
    }

    /**
     * Field 4 of a stat file: "pid (comm) state ppid ...". The command name may itself contain
     * spaces and parentheses, so the fields are counted from the last ')'. 0 when unreadable.
     */
    static long parentPid(Path stat) {
        String s;
        try {
            s = new String(Files.readAllBytes(stat), StandardCharsets.ISO_8859_1);
        } catch (IOException | SecurityException e) {
            return 0;
        }
        int i = s.lastIndexOf(')') + 1;
        int n = s.length();
        for (int field = 0; field < 2; field++) {
            while (i < n && s.charAt(i) == ' ') {
                i++;
            }
            if (field == 1) {
                break;
            }
            while (i < n && s.charAt(i) != ' ') {
                i++;
            }
        }
        long ppid = 0;
        while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            ppid = ppid * 10 + (s.charAt(i++) - '0');
        }
        return ppid;
    }

    /**
     * The executable paths of {@code start}'s ancestors, nearest first, at most {@code max}; an
     * empty string where the OS does not let us read one (another user's process, say).
     */
    public static List<String> ancestorCommands(ProcessHandle start, int max) {
        List<String> out = new ArrayList<>();
        Optional<ProcessHandle> p = start.parent();
        while (p.isPresent() && out.size() < max) {
            ProcessHandle h = p.get();
            out.add(h.info().command().orElse(""));
            p = h.parent();
        }
        return out;
    }

    /** The dialect for a normalized shell name; null for a program that is not a shell. */
    private static Dialect classify(String name) {
        Dialect d = Dialects.byName(name);
        if (d != null) {
            return d;
        }
        switch (name) {
            case "sh", "dash", "ash", "ksh", "ksh93", "mksh", "busybox":
                return Dialects.BASH;
            case "csh", "tcsh", "nu", "xonsh", "elvish":
                throw Checks.usage("detected the shell " + name + ", for which ssokit has no dialect; pass --shell with one of: "
                        + Dialects.ids());
            default:
                return null;
        }
    }

    /**
     * "/usr/bin/zsh" -> "zsh", "-bash" (a login shell) -> "bash", "C:\...\pwsh.exe" -> "pwsh",
     * "zsh-5.9" or "zsh5" -> "zsh" (versioned binaries), "PowerShell.EXE" -> "powershell".
     */
    static String normalize(String command) {
        if (command == null) {
            return "";
        }
        String s = command.strip();
        int slash = Math.max(s.lastIndexOf('/'), s.lastIndexOf('\\'));
        s = s.substring(slash + 1).toLowerCase(Locale.ROOT);
        if (s.endsWith(".exe")) {
            s = s.substring(0, s.length() - 4);
        }
        if (s.startsWith("-")) {
            s = s.substring(1);
        }
        int end = s.length();
        while (end > 0 && (Character.isDigit(s.charAt(end - 1)) || s.charAt(end - 1) == '.')) {
            end--;
        }
        if (end > 0 && end < s.length()) {
            String base = s.charAt(end - 1) == '-' ? s.substring(0, end - 1) : s.substring(0, end);
            if (Dialects.byName(base) != null) {
                s = base;
            }
        }
        return s;
    }
}
