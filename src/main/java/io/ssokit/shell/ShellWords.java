package io.ssokit.shell;

import io.ssokit.ExitCodes;
import io.ssokit.SsokitException;
import java.util.ArrayList;
import java.util.List;

/** POSIX-shell-style word splitting (Python's shlex.split in POSIX mode), for user-given commands. */
public final class ShellWords {
    private ShellWords() {
    }

    public static List<String> split(String s) {
        List<String> words = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean inWord = false;
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '\'') {
                int end = s.indexOf('\'', i + 1);
                if (end < 0) {
                    throw unbalanced(s, "single quote");
                }
                cur.append(s, i + 1, end);
                inWord = true;
                i = end + 1;
            } else if (c == '"') {
                i++;
                boolean closed = false;
                while (i < s.length()) {
                    char d = s.charAt(i);
                    if (d == '"') {
                        closed = true;
                        i++;
                        break;
                    }
                    if (d == '\\' && i + 1 < s.length() && "\\\"$`\n".indexOf(s.charAt(i + 1)) >= 0) {
                        cur.append(s.charAt(i + 1));
                        i += 2;
                        continue;
                    }
                    cur.append(d);
                    i++;
                }
                if (!closed) {
                    throw unbalanced(s, "double quote");
                }
                inWord = true;
            } else if (c == '\\') {
                if (i + 1 >= s.length()) {
                    throw unbalanced(s, "trailing backslash");
                }
                cur.append(s.charAt(i + 1));
                inWord = true;
                i += 2;
            } else if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                if (inWord) {
                    words.add(cur.toString());
                    cur.setLength(0);
                    inWord = false;
                }
                i++;
            } else {
                cur.append(c);
                inWord = true;
                i++;
            }
        }
        if (inWord) {
            words.add(cur.toString());
        }
        return words;
    }

    private static SsokitException unbalanced(String s, String what) {
        return new SsokitException(ExitCodes.USAGE, "cannot split command (" + what + "): " + s);
    }
}
