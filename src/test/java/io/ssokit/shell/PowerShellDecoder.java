package io.ssokit.shell;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads what {@link PowerShellDialect} emits the way PowerShell would, for a machine without pwsh.
 *
 * <p>Verbatim strings follow PowerShell's tokenizer (ScanStringLiteral): a string opens and closes
 * with any of the five characters PowerShell treats as a single quote (U+0027, U+2018, U+2019,
 * U+201A, U+201B), and inside it two consecutive quote characters stand for one, the second of the
 * pair. So a raw typographic quote in our output would end the string early and the rest would
 * fail to parse. Scripts are split into lines exactly as {@code | Invoke-Expression} receives a
 * native command's output (at CR, LF or CRLF) and each line must be a complete statement.
 *
 * <p>Only the statement shapes we emit are understood; anything else is an error, so an emitter
 * bug shows up as a parse failure or a different value, never as a silently accepted script.
 */
final class PowerShellDecoder {
    private final String s;
    private int pos;

    private PowerShellDecoder(String s) {
        this.s = s;
    }

    static boolean isQuote(char c) {
        return c == '\'' || c == '\u2018' || c == '\u2019' || c == '\u201a' || c == '\u201b';
    }

    /** The value of one expression as our quoter writes it. */
    static String expression(String text) {
        PowerShellDecoder d = new PowerShellDecoder(text);
        String v = d.expression();
        if (d.pos != text.length()) {
            throw new IllegalArgumentException("unparsed text after the expression at " + d.pos + ": " + text.substring(d.pos));
        }
        return v;
    }

    /** Applies a rendered script's statements, line by line, to a copy of {@code env}. */
    static Map<String, String> run(String script, Map<String, String> env) {
        Map<String, String> out = new LinkedHashMap<>(env);
        int i = 0;
        while (i < script.length()) {
            int end = i;
            while (end < script.length() && script.charAt(end) != '\n' && script.charAt(end) != '\r') {
                end++;
            }
            statement(script.substring(i, end), out);
            i = end;
            if (i < script.length() && script.charAt(i) == '\r') {
                i++;
            }
            if (i < script.length() && script.charAt(i) == '\n') {
                i++;
            }
        }
        return out;
    }

    private static void statement(String line, Map<String, String> env) {
        if (line.isEmpty()) {
            return;
        }
        if (line.startsWith("$Env:")) {
            int eq = line.indexOf(" = ");
            if (eq < 0) {
                throw new IllegalArgumentException("not an assignment: " + line);
            }
            String name = line.substring(5, eq);
            requireName(name);
            String value = expression(line.substring(eq + 3));
            env.put(name, value);
            return;
        }
        String prefix = "Remove-Item Env:";
        String suffix = " -ErrorAction SilentlyContinue";
        if (line.startsWith(prefix) && line.endsWith(suffix)) {
            String name = line.substring(prefix.length(), line.length() - suffix.length());
            requireName(name);
            env.remove(name);
            return;
        }
        throw new IllegalArgumentException("unexpected statement: " + line);
    }

    private static void requireName(String name) {
        if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("bad variable name: " + name);
        }
    }

    private String expression() {
        if (pos < s.length() && s.charAt(pos) == '(') {
            pos++;
            StringBuilder sb = new StringBuilder();
            boolean first = true;
            while (true) {
                boolean isChar = s.startsWith("[char]", pos);
                if (first && isChar) {
                    // [char] + ... would be char arithmetic, not concatenation
                    throw new IllegalArgumentException("a chain starting with [char] adds numbers");
                }
                sb.append(isChar ? charCast() : verbatim());
                first = false;
                if (s.startsWith(" + ", pos)) {
                    pos += 3;
                } else if (pos < s.length() && s.charAt(pos) == ')') {
                    pos++;
                    return sb.toString();
                } else {
                    throw new IllegalArgumentException("expected ' + ' or ')' at " + pos);
                }
            }
        }
        return verbatim();
    }

    private String charCast() {
        pos += "[char]".length();
        if (!s.startsWith("0x", pos)) {
            throw new IllegalArgumentException("expected a hex literal at " + pos);
        }
        pos += 2;
        int start = pos;
        while (pos < s.length() && Character.digit(s.charAt(pos), 16) >= 0) {
            pos++;
        }
        if (pos == start || pos - start > 4) {
            throw new IllegalArgumentException("bad char code at " + start);
        }
        return String.valueOf((char) Integer.parseInt(s.substring(start, pos), 16));
    }

    private String verbatim() {
        if (pos >= s.length() || !isQuote(s.charAt(pos))) {
            throw new IllegalArgumentException("expected a single-quoted string at " + pos);
        }
        pos++;
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (pos >= s.length()) {
                throw new IllegalArgumentException("unterminated single-quoted string");
            }
            char c = s.charAt(pos++);
            if (isQuote(c)) {
                if (pos < s.length() && isQuote(s.charAt(pos))) {
                    sb.append(s.charAt(pos++));
                    continue;
                }
                return sb.toString();
            }
            sb.append(c);
        }
    }
}
