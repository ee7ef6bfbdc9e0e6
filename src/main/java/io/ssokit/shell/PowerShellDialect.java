package io.ssokit.shell;

/**
 * PowerShell (Windows PowerShell 5.1 and PowerShell 7+).
 *
 * <p>Quoting: a single-quoted (verbatim) string, in which nothing is expanded and the only special
 * characters are the five that PowerShell takes for a single quote: U+0027 {@code '} and the
 * typographic U+2018 ‘, U+2019 ’, U+201A ‚ and U+201B ‛. Inside the string a quote is written
 * twice. On top of that the output is kept to printable ASCII: every character outside U+0020..U+007E
 * (control characters, CR, LF, all non-ASCII including the four typographic quotes, each half of a
 * surrogate pair) is written as {@code [char]0xHHHH} and joined with {@code +}, in parentheses:
 * {@code ('line1' + [char]0x000A + 'caf' + [char]0x00E9)}. Two reasons:
 *
 * <ul>
 *   <li>{@code ssokit env | Invoke-Expression} hands Invoke-Expression one LINE at a time, so a value
 *       with a newline inside quotes would end the string mid-way and run its second line as code.
 *   <li>PowerShell decodes a native command's output with {@code [Console]::OutputEncoding}, which
 *       is often not UTF-8; under Windows-1252 the UTF-8 continuation bytes 0x82, 0x91 and 0x92 read
 *       as ‚ ‘ ’, which close a single-quoted string. Pure ASCII reads the same in every code page.
 * </ul>
 *
 * The expression always starts with a string literal ({@code ''} if need be) so {@code +} is string
 * concatenation, never char arithmetic. Rejects only NUL and unpaired surrogates.
 *
 * <p>{@code $Env:NAME = ''} removes the variable before PowerShell 7.5 (Windows could not hold an
 * empty variable); 7.5 and later keep it as empty.
 */
public final class PowerShellDialect implements Dialect {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    PowerShellDialect() {
    }

    @Override
    public String id() {
        return "powershell";
    }

    @Override
    public String quote(String value) {
        return quote(null, value);
    }

    private static String quote(String name, String value) {
        Checks.universal("powershell", name, value);
        StringBuilder sb = new StringBuilder(value.length() + 8);
        boolean inLiteral = false;
        boolean joined = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c >= 0x20 && c <= 0x7e) {
                if (!inLiteral) {
                    if (sb.length() > 0) {
                        sb.append(" + ");
                        joined = true;
                    }
                    sb.append('\'');
                    inLiteral = true;
                }
                if (c == '\'') {
                    sb.append('\'');
                }
                sb.append(c);
            } else {
                if (inLiteral) {
                    sb.append('\'');
                    inLiteral = false;
                }
                sb.append(sb.length() == 0 ? "'' + " : " + ");
                joined = true;
                sb.append("[char]0x").append(HEX[(c >> 12) & 0xf]).append(HEX[(c >> 8) & 0xf])
                        .append(HEX[(c >> 4) & 0xf]).append(HEX[c & 0xf]);
            }
        }
        if (inLiteral) {
            sb.append('\'');
        } else if (sb.length() == 0) {
            sb.append("''");
        }
        return joined ? "(" + sb + ")" : sb.toString();
    }

    /** {@code $Env:NAME = 'value'}. */
    @Override
    public String set(String name, String value) {
        Checks.name(name);
        return "$Env:" + name + " = " + quote(name, value);
    }

    /** Removing a variable that does not exist is not an error, and prints nothing. */
    @Override
    public String unset(String name) {
        return "Remove-Item Env:" + Checks.name(name) + " -ErrorAction SilentlyContinue";
    }

    @Override
    public String toString() {
        return id();
    }
}
