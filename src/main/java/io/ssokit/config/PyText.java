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
     * Python's {@code str.lower()}, which configparser applies to every option name. Java's
     * root-locale mapping agrees with it except for scripts added after Unicode 13.
     */
    static String lower(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x80 || (c >= 'A' && c <= 'Z')) {
                return s.toLowerCase(Locale.ROOT);
            }
        }
        return s;
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
        StringBuilder token = new StringBuilder();
        boolean inToken = false;
        boolean quoted = false;
        int i = 0;
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i++);
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
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
