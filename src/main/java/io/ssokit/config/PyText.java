package io.ssokit.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The few pieces of Python's string semantics that decide how botocore (through configparser and
 * shlex) reads an AWS config file. They differ from Java's in ways that matter here: Python's
 * {@code str.strip()} and regex {@code \s} treat NBSP, U+2007 and U+202F as whitespace while
 * {@link Character#isWhitespace} does not, and {@code str.splitlines()} breaks on more than CR and
 * LF. Tests compare these tables against the Python interpreter itself.
 */
final class PyText {

    private PyText() {
    }

    /** Python's {@code str.isspace()} for one UTF-16 unit; no supplementary character is space. */
    static boolean isSpace(char c) {
        if (c <= ' ') {
            return c == ' ' || (c >= '\t' && c <= '\r') || (c >= 0x1c && c <= 0x1f);
        }
        if (c < 0x85) {
            return false;
        }
        switch (c) {
            case 0x85: case 0xa0: case 0x1680:
            case 0x2028: case 0x2029: case 0x202f: case 0x205f: case 0x3000:
                return true;
            default:
                return c >= 0x2000 && c <= 0x200a;
        }
    }

    /** A character at which Python's {@code str.splitlines()} breaks a line. */
    static boolean isLineBreak(char c) {
        switch (c) {
            case '\n': case 0x0b: case 0x0c: case '\r': case 0x1c: case 0x1d: case 0x1e:
            case 0x85: case 0x2028: case 0x2029:
                return true;
            default:
                return false;
        }
    }

    /** Index of the first non-space character in {@code b[from, to)}, or -1 when there is none. */
    static int firstNonSpace(char[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = b[i];
            // most characters are printable ASCII: decide those without a call
            if ((c > ' ' && c < 0x85) || !isSpace(c)) {
                return i;
            }
        }
        return -1;
    }

    /** One past the last non-space character in {@code b[from, to)}; {@code from} when none. */
    static int endOfNonSpace(char[] b, int from, int to) {
        int end = to;
        while (end > from) {
            char c = b[end - 1];
            if ((c > ' ' && c < 0x85) || !isSpace(c)) {
                break;
            }
            end--;
        }
        return end;
    }

    /** Index of the first non-space character, or -1 when the string is all space. */
    static int firstNonSpace(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (!isSpace(s.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    /** One past the last non-space character at or after {@code from}; {@code from} when none. */
    static int endOfNonSpace(String s, int from) {
        int end = s.length();
        while (end > from && isSpace(s.charAt(end - 1))) {
            end--;
        }
        return end;
    }

    static String strip(String s) {
        int start = firstNonSpace(s);
        return start < 0 ? "" : s.substring(start, endOfNonSpace(s, start));
    }

    static String rstrip(String s) {
        return s.substring(0, endOfNonSpace(s, 0));
    }

    /**
     * Python's {@code str.lower()}, which configparser applies to every option name. Per code
     * point Java's root-locale mapping agrees with Python's (up to scripts added after Unicode
     * 13), but for the context-dependent capital sigma Java looks at word boundaries where Python
     * applies Unicode's Final_Sigma rule, so that one is done here.
     */
    static String lower(String s) {
        int n = s.length();
        int i = 0;
        while (i < n) {
            char c = s.charAt(i);
            if (c >= 0x80 || (c >= 'A' && c <= 'Z')) {
                break;
            }
            i++;
        }
        if (i == n) {
            return s;
        }
        StringBuilder sb = new StringBuilder(n);
        sb.append(s, 0, i);
        while (i < n) {
            int cp = s.codePointAt(i);
            if (cp == 0x3a3) {
                sb.append(finalSigma(s, i) ? '\u03c2' : '\u03c3');
            } else if (cp < 0x80) {
                sb.append(cp >= 'A' && cp <= 'Z' ? (char) (cp + 32) : (char) cp);
            } else {
                sb.append(new String(Character.toChars(cp)).toLowerCase(Locale.ROOT));
            }
            i += Character.charCount(cp);
        }
        return sb.toString();
    }

    /** Unicode's Final_Sigma: cased (case-ignorable)* SIGMA, not followed by (case-ignorable)* cased. */
    private static boolean finalSigma(String s, int at) {
        int j = at;
        int before = -1;
        while (j > 0) {
            int cp = s.codePointBefore(j);
            j -= Character.charCount(cp);
            if (!isCaseIgnorable(cp)) {
                before = cp;
                break;
            }
        }
        if (before < 0 || !isCased(before)) {
            return false;
        }
        j = at + 1;
        while (j < s.length()) {
            int cp = s.codePointAt(j);
            j += Character.charCount(cp);
            if (!isCaseIgnorable(cp)) {
                return !isCased(cp);
            }
        }
        return true;
    }

    private static boolean isCased(int cp) {
        return Character.isLowerCase(cp) || Character.isUpperCase(cp) || Character.isTitleCase(cp);
    }

    /** Unicode's Case_Ignorable: marks, format, modifiers, and the word-internal punctuation. */
    private static boolean isCaseIgnorable(int cp) {
        switch (Character.getType(cp)) {
            case Character.NON_SPACING_MARK:
            case Character.ENCLOSING_MARK:
            case Character.FORMAT:
            case Character.MODIFIER_LETTER:
            case Character.MODIFIER_SYMBOL:
                return true;
            default:
                break;
        }
        switch (cp) {
            case '\'': case '.': case ':': case 0xb7: case 0x387: case 0x55f: case 0x5f4:
            case 0x2018: case 0x2019: case 0x2024: case 0x2027:
            case 0xfe13: case 0xfe52: case 0xfe55: case 0xff07: case 0xff0e: case 0xff1a:
                return true;
            default:
                return false;
        }
    }

    /** Python's {@code str.splitlines()} (line breaks dropped, CR LF counted once). */
    static List<String> splitLines(String s) {
        List<String> out = new ArrayList<>();
        int start = 0;
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (isLineBreak(c)) {
                out.add(s.substring(start, i));
                i += (c == '\r' && i + 1 < s.length() && s.charAt(i + 1) == '\n') ? 2 : 1;
                start = i;
            } else {
                i++;
            }
        }
        if (start < s.length()) {
            out.add(s.substring(start));
        }
        return out;
    }

    /**
     * Python's {@code shlex.split(s)} (POSIX mode, no comments), or null where it raises
     * ValueError (an unclosed quote, a trailing backslash). botocore uses it to split section
     * headers such as {@code profile "my name"}.
     */
    static List<String> shlexSplit(String s) {
        List<String> tokens = new ArrayList<>();
        if (s.indexOf('\'') < 0 && s.indexOf('"') < 0 && s.indexOf('\\') < 0) {
            // the usual header, e.g. "profile dev": only whitespace to split on
            int i = 0;
            int n = s.length();
            while (i < n) {
                while (i < n && isShlexSpace(s.charAt(i))) {
                    i++;
                }
                int start = i;
                while (i < n && !isShlexSpace(s.charAt(i))) {
                    i++;
                }
                if (i > start) {
                    tokens.add(s.substring(start, i));
                }
            }
            return tokens;
        }
        StringBuilder token = new StringBuilder();
        boolean inToken = false;
        boolean quoted = false;
        int i = 0;
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i++);
            if (isShlexSpace(c)) {
                if (inToken || quoted) {
                    tokens.add(token.toString());
                    token.setLength(0);
                    inToken = false;
                    quoted = false;
                }
            } else if (c == '\\') {
                if (i == n) {
                    return null;
                }
                token.append(s.charAt(i++));
                inToken = true;
            } else if (c == '\'') {
                int close = s.indexOf('\'', i);
                if (close < 0) {
                    return null;
                }
                token.append(s, i, close);
                i = close + 1;
                inToken = true;
                quoted = true;
            } else if (c == '"') {
                boolean closed = false;
                while (i < n) {
                    char d = s.charAt(i++);
                    if (d == '"') {
                        closed = true;
                        break;
                    }
                    if (d == '\\') {
                        if (i == n) {
                            return null;
                        }
                        char e = s.charAt(i++);
                        // In POSIX double quotes a backslash escapes only '"' and itself.
                        if (e != '"' && e != '\\') {
                            token.append('\\');
                        }
                        token.append(e);
                    } else {
                        token.append(d);
                    }
                }
                if (!closed) {
                    return null;
                }
                inToken = true;
                quoted = true;
            } else {
                token.append(c);
                inToken = true;
            }
        }
        if (inToken || quoted) {
            tokens.add(token.toString());
        }
        return tokens;
    }

    private static boolean isShlexSpace(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    /**
     * Quotes a name for a section header the way aws-sso-util does (POSIX single quotes when it
     * holds a space or tab), and also when it holds a quote or backslash, which
     * {@link #shlexSplit} would otherwise mangle or reject.
     */
    static String shQuoteIfNeeded(String name) {
        boolean needs = false;
        for (int i = 0; i < name.length() && !needs; i++) {
            char c = name.charAt(i);
            needs = c == ' ' || c == '\t' || c == '\'' || c == '"' || c == '\\';
        }
        return needs ? "'" + name.replace("'", "'\\''") + "'" : name;
    }
}
