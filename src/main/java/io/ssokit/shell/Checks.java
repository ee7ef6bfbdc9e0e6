package io.ssokit.shell;

import io.ssokit.ExitCodes;
import io.ssokit.SsokitException;

/**
 * Checks shared by every dialect and data format: variable names, and the characters that no
 * target can carry. Error messages name the variable and the offending character class, never the
 * value, because values are usually credentials.
 */
final class Checks {
    private Checks() {
    }

    /** Validates {@code [A-Za-z_][A-Za-z0-9_]*} by hand: no regex on the hot path. */
    static String name(String name) {
        if (name == null) {
            throw usage("a variable name is missing");
        }
        boolean ok = !name.isEmpty();
        for (int i = 0; ok && i < name.length(); i++) {
            char c = name.charAt(i);
            ok = c == '_' || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (i > 0 && c >= '0' && c <= '9');
        }
        if (!ok) {
            throw usage("invalid variable name " + printable(name) + ": a name must match [A-Za-z_][A-Za-z0-9_]*");
        }
        return name;
    }

    /**
     * Rejects what no target can carry: NUL (C strings, hence every environment, end there) and an
     * unpaired UTF-16 surrogate (it has no UTF-8 encoding, so it would silently become '?').
     */
    static void universal(String target, String name, String value) {
        if (value == null) {
            throw usage(subject(target, name) + " is missing");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == 0) {
                throw unsafe(target, name, "contains a NUL character (U+0000), which no shell or environment can carry");
            }
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                    i++;
                } else {
                    throw unsafe(target, name, "contains an unpaired UTF-16 surrogate, which has no UTF-8 encoding");
                }
            }
        }
    }

    /** "cannot set NAME for fish: its value contains ..." or "cannot quote a value for fish: it contains ...". */
    static SsokitException unsafe(String target, String name, String why) {
        String msg = name == null
                ? "cannot quote a value for " + target + ": it " + why
                : "cannot set " + name + " for " + target + ": its value " + why;
        return usage(msg);
    }

    static SsokitException usage(String msg) {
        return new SsokitException(ExitCodes.USAGE, msg);
    }

    private static String subject(String target, String name) {
        return name == null ? "the value to quote for " + target : "the value of " + name + " for " + target;
    }

    /** A user-supplied word (a name, a --shell value) made safe for a one-line message on a terminal. */
    static String printable(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        int limit = Math.min(s.length(), 64);
        for (int i = 0; i < limit; i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') {
                sb.append(c);
            } else {
                sb.append(String.format("\\u%04X", (int) c));
            }
        }
        if (s.length() > limit) {
            sb.append("...");
        }
        return sb.append('"').toString();
    }
}
