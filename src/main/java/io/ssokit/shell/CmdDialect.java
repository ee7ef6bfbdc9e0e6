package io.ssokit.shell;

/**
 * cmd.exe, for a batch file or for {@code for /f "delims=" %i in ('ssokit env --shell cmd') do %i}.
 *
 * <p>cmd has no quoting that makes every character literal, so this dialect carries what it can
 * exactly and rejects the rest. Inside {@code "..."} cmd's parser takes {@code & | < > ( ) ^},
 * spaces, tabs, {@code ; , =} and {@code '} literally. It cannot carry, and so this rejects:
 *
 * <ul>
 *   <li>{@code %}: percent expansion runs before quotes are looked at, and batch files and the
 *       interactive prompt disagree on how to escape it ({@code %%} vs. nothing);
 *   <li>{@code !}: with delayed expansion enabled, {@code !NAME!} is expanded inside quotes too,
 *       and whether it is enabled is the caller's setting, not ours;
 *   <li>{@code "}: it toggles cmd's quote state, after which {@code &} or {@code |} would run code;
 *   <li>LF and Ctrl-Z (U+001A, which cmd reads as a line end): they end the command;
 *   <li>CR: cmd deletes every CR from a line, so it would silently vanish;
 *   <li>NUL and unpaired surrogates, as every dialect does.
 * </ul>
 *
 * Non-ASCII characters are carried as they are; they reach cmd intact only when ssokit writes in
 * the console's code page, which is outside the quoter's control.
 *
 * <p>Set is {@code set "NAME=value"}: {@code set} takes the text between the first and the last
 * quote, so nothing after the closing quote (such as trailing blanks) becomes part of the value.
 * An empty value is rejected because {@code set "NAME="} deletes the variable: cmd cannot hold an
 * empty one; use an unset op for that. Unset is {@code set "NAME="}, silent when NAME is not set.
 */
public final class CmdDialect implements Dialect {

    CmdDialect() {
    }

    @Override
    public String id() {
        return "cmd";
    }

    /**
     * {@code "value"}: one word for cmd's own parser, as its builtins ({@code cd}, {@code pushd},
     * {@code if}) read it. A value ending in {@code \} is rejected as well, because a program that
     * parses its command line with the Microsoft C runtime rules would read {@code \"} as an
     * escaped quote and lose the end of the word.
     */
    @Override
    public String quote(String value) {
        check(null, value);
        if (!value.isEmpty() && value.charAt(value.length() - 1) == '\\') {
            throw Checks.unsafe("cmd", null, "ends with a backslash, which a program would read as escaping the closing quote");
        }
        return '"' + value + '"';
    }

    @Override
    public String set(String name, String value) {
        Checks.name(name);
        check(name, value);
        if (value.isEmpty()) {
            throw Checks.unsafe("cmd", name, "is empty, and cmd.exe cannot hold an empty variable (set \"NAME=\" deletes it); unset it instead");
        }
        return "set \"" + name + "=" + value + '"';
    }

    @Override
    public String unset(String name) {
        return "set \"" + Checks.name(name) + "=\"";
    }

    /** Batch files are CRLF; cmd drops the CR, and other readers expect it. */
    @Override
    public String lineSeparator() {
        return "\r\n";
    }

    private static void check(String name, String value) {
        Checks.universal("cmd", name, value);
        for (int i = 0; i < value.length(); i++) {
            String why = switch (value.charAt(i)) {
                case '%' -> "contains '%', which cmd.exe expands even inside quotes";
                case '!' -> "contains '!', which cmd.exe expands inside quotes when delayed expansion is on";
                case '"' -> "contains '\"', which would end cmd.exe's quoting and let the rest run as code";
                case '\n' -> "contains a line feed, which ends a cmd.exe command";
                case '\r' -> "contains a carriage return, which cmd.exe silently deletes";
                case '\u001a' -> "contains Ctrl-Z (U+001A), which cmd.exe reads as the end of a line";
                default -> null;
            };
            if (why != null) {
                throw Checks.unsafe("cmd", name, why);
            }
        }
    }

    @Override
    public String toString() {
        return id();
    }
}
