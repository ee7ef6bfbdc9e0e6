package io.ssokit.sso;

import io.ssokit.ExitCodes;
import io.ssokit.SsokitException;
import io.ssokit.shell.Dialects;

/**
 * No usable token and no way to get one without the user: the message says which command to
 * run. Exit code 1, like aws-sso-util's credential-process "login required".
 */
public class LoginRequiredException extends SsokitException {
    private static final long serialVersionUID = 1L;
    private final transient Instance instance;

    public LoginRequiredException(Instance instance, String reason, String loginHint) {
        super(ExitCodes.ERROR, reason + "; run: " + loginHint);
        this.instance = instance;
    }

    public Instance instance() {
        return instance;
    }

    /** A word as the user would type it in a POSIX shell: bare when safe, else quoted. */
    static String word(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean safe = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "._/:@+=,-".indexOf(c) >= 0;
            if (!safe) {
                return Dialects.BASH.quote(s);
            }
        }
        return s.isEmpty() ? "''" : s;
    }

    /** The login command that fixes it: by profile when known, else by session or URL and region. */
    public static String hint(Instance instance, String profile) {
        if (profile != null) {
            return "ssokit login --profile " + word(profile);
        }
        if (instance.isSession()) {
            return "ssokit login --sso-session " + word(instance.sessionName());
        }
        return "ssokit login " + word(instance.startUrl()) + " " + instance.region();
    }
}
