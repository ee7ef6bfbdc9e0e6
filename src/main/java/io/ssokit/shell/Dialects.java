package io.ssokit.shell;

import java.util.List;
import java.util.Locale;

/** The dialects, and parsing a {@code --shell} value into one. */
public final class Dialects {
    public static final Dialect BASH = new PosixDialect("bash");
    public static final Dialect ZSH = new PosixDialect("zsh");
    public static final Dialect FISH = new FishDialect();
    public static final Dialect POWERSHELL = new PowerShellDialect();
    public static final Dialect CMD = new CmdDialect();

    private static final List<Dialect> ALL = List.of(BASH, ZSH, FISH, POWERSHELL, CMD);
    private static final String IDS = joinIds();

    private Dialects() {
    }

    /** Every dialect, in the order the {@code --shell} help lists them. */
    public static List<Dialect> all() {
        return ALL;
    }

    /** "bash, zsh, fish, powershell, cmd": for help texts and error messages. */
    public static String ids() {
        return IDS;
    }

    // A loop, not a stream: a lambda's first use costs milliseconds of bootstrap on the hot path.
    private static String joinIds() {
        StringBuilder sb = new StringBuilder();
        for (Dialect d : ALL) {
            sb.append(sb.length() == 0 ? "" : ", ").append(d.id());
        }
        return sb.toString();
    }

    /**
     * A {@code --shell} value: one of {@link #ids()}, case-insensitive; {@code pwsh} is accepted
     * for powershell because that is the command users type.
     *
     * @throws io.ssokit.SsokitException (exit code 2) listing the supported values
     */
    public static Dialect parse(String value) {
        Dialect d = value == null ? null : byName(value.toLowerCase(Locale.ROOT));
        if (d == null) {
            throw Checks.usage("unsupported shell " + (value == null ? "(none given)" : Checks.printable(value))
                    + "; --shell must be one of: " + ids());
        }
        return d;
    }

    /** The dialect for an exact lowercase name, or null. Shared with detection. */
    static Dialect byName(String name) {
        return switch (name) {
            case "bash" -> BASH;
            case "zsh" -> ZSH;
            case "fish" -> FISH;
            case "powershell", "pwsh" -> POWERSHELL;
            case "cmd" -> CMD;
            default -> null;
        };
    }
}
