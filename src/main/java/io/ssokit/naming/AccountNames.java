package io.ssokit.naming;

import io.ssokit.text.PyText;

/** Account-name clean-ups that profile names use. */
public final class AccountNames {
    private AccountNames() {
    }

    /**
     * aws-sso-util's {@code --safe-account-names} as its code does it: every run of whitespace,
     * {@code [} or {@code ]} becomes one {@code -}, then leading and trailing {@code -} are
     * removed ({@code "  My  [Account] "} → {@code My-Account}). Its help text promises to
     * replace everything outside {@code A-Za-z0-9-._}; the code never did, and ssokit follows
     * the code so that populated names stay the same when users switch tools.
     * Whitespace is Python's (see {@link PyText#isSpace}), which includes NBSP.
     */
    public static String safe(String name) {
        StringBuilder out = new StringBuilder(name.length());
        boolean inRun = false;
        for (int i = 0; i < name.length(); ) {
            int cp = name.codePointAt(i);
            if (cp == '[' || cp == ']' || PyText.isSpace(cp)) {
                if (!inRun) {
                    out.append('-');
                    inRun = true;
                }
            } else {
                out.appendCodePoint(cp);
                inRun = false;
            }
            i += Character.charCount(cp);
        }
        int start = 0;
        int end = out.length();
        while (start < end && out.charAt(start) == '-') {
            start++;
        }
        while (end > start && out.charAt(end - 1) == '-') {
            end--;
        }
        return out.substring(start, end);
    }

    /** Granted's rule for its default {@code AccountName/RoleName} profile names: each space becomes {@code -}. */
    public static String spacesToDashes(String name) {
        return name.replace(' ', '-');
    }
}
