package io.ssokit.shell;

import io.ssokit.ExitCodes;
import io.ssokit.SsokitException;
import java.util.ArrayList;
import java.util.List;

/**
 * Word splitting of user-given command lines and names exactly as Python's {@code shlex.split}
 * does it (POSIX mode), because every place ssokit splits mirrors a Python tool that uses it:
 * botocore's config section headers, the {@code BROWSER} variable, aws-sso-util's namer command.
 */
public final class ShellWords {
    private ShellWords() {
    }

    /** {@link #trySplit}, with a usage error for unbalanced quoting. The text is not echoed: it may hold secrets. */
    public static List<String> split(String s) {
        List<String> words = trySplit(s);
        if (words == null) {
            throw new SsokitException(ExitCodes.USAGE,
                    "cannot split the command line: unbalanced quotes or a trailing backslash");
        }
        return words;
    }

    /**
     * Python's {@code shlex.split(s)} (POSIX mode, no comments), or null where it raises
     * ValueError (an unclosed quote, a trailing backslash). botocore uses it to split config
     * section headers such as {@code profile "my name"}; Python's webbrowser splits
     * {@code BROWSER} with it, aws-sso-util its {@code --profile-name-process}. Note that inside
     * double quotes a backslash escapes only {@code "} and itself (unlike sh).
     */
    public static List<String> trySplit(String s) {
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

}
