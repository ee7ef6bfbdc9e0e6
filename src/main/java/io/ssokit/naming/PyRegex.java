package io.ssokit.naming;

import io.ssokit.ExitCodes;
import io.ssokit.SsokitException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Compiles a Python {@code re} pattern (as given to aws-sso-util's {@code --trim-account-name})
 * into a java.util.regex Pattern with the same meaning for the patterns people write.
 *
 * <p>Flags: Python str patterns are Unicode-aware ({@code \w \d \s \b} and IGNORECASE), so
 * {@link Pattern#UNICODE_CHARACTER_CLASS}; Python's {@code . ^ $} know only {@code \n} as a line
 * end, so {@link Pattern#UNIX_LINES}.
 *
 * <p>Rewritten because the same text means something else in Java: {@code \Z} (Python's is
 * Java's {@code \z}), {@code \v} (one character in Python, a class in Java), {@code \0}, {@code
 * \UXXXXXXXX}, {@code (?P<name>…)}, {@code (?P=name)}, {@code (?#comment)}, a {@code [} or
 * {@code &&} or leading {@code ]} inside a character class (literal in Python, nesting or
 * intersection in Java), and braces that are not a quantifier (literal in Python, an error in
 * Java) or the quantifier forms {@code {,n}} and {@code {,}}.
 *
 * <p>Left as is (documented differences): Unicode tables for {@code \w} and {@code \s} differ
 * slightly (Java's {@code \w} includes combining marks, Python's {@code \s} includes U+001C..1F);
 * Python-only constructs ({@code (?a)}, {@code (?L)}, conditionals {@code (?(1)…)}) are rejected
 * by Java with its own message; Java-only syntax ({@code \h}, {@code \Q…\E}, {@code \p{…}}) is
 * accepted although Python would reject it.
 */
final class PyRegex {
    private static final Pattern BRACES = Pattern.compile("\\{(\\d*)(?:(,)(\\d*))?}");
    private static final int FLAGS = Pattern.UNICODE_CHARACTER_CLASS | Pattern.UNIX_LINES;

    private PyRegex() {
    }

    /** @param option the command-line option the pattern came from, for the error message */
    static Pattern compile(String python, String option) {
        String java = toJava(python);
        try {
            return Pattern.compile(java, FLAGS);
        } catch (PatternSyntaxException e) {
            throw new SsokitException(ExitCodes.USAGE, option + ": invalid regular expression '" + python
                    + "': " + e.getDescription());
        }
    }

    static String toJava(String p) {
        StringBuilder out = new StringBuilder(p.length() + 8);
        boolean inClass = false;
        int classBodyStart = -1;
        int i = 0;
        while (i < p.length()) {
            char c = p.charAt(i);
            if (c == '\\') {
                i = escape(p, i, inClass, out);
                continue;
            }
            if (inClass) {
                if (c == ']' && i == classBodyStart) {
                    out.append("\\]");
                } else if (c == ']') {
                    out.append(']');
                    inClass = false;
                } else if (c == '[') {
                    out.append("\\[");
                } else if (c == '&' && i + 1 < p.length() && p.charAt(i + 1) == '&') {
                    out.append("&\\&");
                    i++;
                } else {
                    out.append(c);
                }
                i++;
                continue;
            }
            if (c == '[') {
                out.append('[');
                i++;
                if (i < p.length() && p.charAt(i) == '^') {
                    out.append('^');
                    i++;
                }
                inClass = true;
                classBodyStart = i;
            } else if (p.startsWith("(?P<", i)) {
                out.append("(?<");
                i += 4;
            } else if (p.startsWith("(?P=", i) && p.indexOf(')', i) > 0) {
                int close = p.indexOf(')', i);
                out.append("\\k<").append(p, i + 4, close).append('>');
                i = close + 1;
            } else if (p.startsWith("(?#", i) && p.indexOf(')', i) > 0) {
                i = p.indexOf(')', i) + 1;
            } else if (c == '{') {
                i = braces(p, i, out);
            } else if (c == '}') {
                out.append("\\}");
                i++;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static int escape(String p, int i, boolean inClass, StringBuilder out) {
        if (i + 1 >= p.length()) {
            out.append('\\'); // Java reports the dangling backslash itself
            return i + 1;
        }
        char d = p.charAt(i + 1);
        if (d == 'Z' && !inClass) {
            out.append("\\z");
        } else if (d == 'v') {
            out.append("\\x0B");
        } else if (d == '0' && (i + 2 >= p.length() || p.charAt(i + 2) < '0' || p.charAt(i + 2) > '7')) {
            out.append("\\x00");
        } else if (d == 'U' && i + 10 <= p.length() && p.substring(i + 2, i + 10).matches("[0-9a-fA-F]{8}")) {
            out.append("\\x{").append(p, i + 2, i + 10).append('}');
            return i + 10;
        } else {
            out.append('\\').append(d);
        }
        return i + 2;
    }

    /** Python reads {@code {m,n}} as a quantifier only when it is well formed, else as text. */
    private static int braces(String p, int i, StringBuilder out) {
        Matcher m = BRACES.matcher(p).region(i, p.length());
        if (!m.lookingAt() || (m.group(2) == null && m.group(1).isEmpty())) {
            out.append("\\{");
            return i + 1;
        }
        String lo = m.group(1).isEmpty() ? "0" : m.group(1);
        out.append('{').append(lo);
        if (m.group(2) != null) {
            out.append(',').append(m.group(3));
        }
        out.append('}');
        return m.end();
    }
}
