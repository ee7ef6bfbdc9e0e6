package io.ssokit.shell;

import java.util.ArrayList;
import java.util.List;

/** Representative op lists: what `ssokit env` does (unset the managed set, then set), with hostile values. */
final class Fixtures {
    /** Everything at once; every shell dialect except cmd can carry it. */
    static final String HOSTILE = "dev's \"prod\" $(touch pwned) `id` ; & | * ? [a] {b,c} ~ -n # \\ \\' % ! é ü 😀 ‘’‚‛";

    private Fixtures() {
    }

    static List<EnvOp> representative(EnvRenderer target) {
        List<EnvOp> ops = new ArrayList<>();
        ops.add(new EnvOp.Unset("AWS_ACCESS_KEY_ID"));
        ops.add(new EnvOp.Unset("AWS_SECRET_ACCESS_KEY"));
        ops.add(new EnvOp.Unset("AWS_SESSION_TOKEN"));
        if (target == Dialects.CMD) {
            ops.add(new EnvOp.Set("AWS_PROFILE", "dev's prod $(touch pwned) `id` ; & | < > ^ ( ) * ? [a] ~ -n # \\ é ü 😀 ‘’‚‛"));
            ops.add(new EnvOp.Set("SSOKIT_PATH", "C:\\Program Files\\ssokit\\"));
        } else if (target == DataFormat.DOTENV) {
            ops.add(new EnvOp.Set("AWS_PROFILE", "dev \"prod\" $(touch pwned) `id` ; & | * ? [a] ~ -n # % ! $HOME é ü 😀 ‘’‚‛"));
            ops.add(new EnvOp.Set("SSOKIT_MULTILINE", "line1\nline2\tend"));
            ops.add(new EnvOp.Set("SSOKIT_EMPTY", ""));
        } else {
            ops.add(new EnvOp.Set("AWS_PROFILE", HOSTILE));
            ops.add(new EnvOp.Set("SSOKIT_MULTILINE", "line1\nline2\r\nline3\t$HOME\n"));
            ops.add(new EnvOp.Set("SSOKIT_EMPTY", ""));
        }
        ops.add(new EnvOp.Set("AWS_ACCESS_KEY_ID", "ASIAEXAMPLEEXAMPLE01"));
        ops.add(new EnvOp.Set("AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"));
        ops.add(new EnvOp.Set("SSOKIT_DASH", "-e"));
        ops.add(new EnvOp.Unset("SSOKIT_NEVER_SET"));
        return ops;
    }

    /** One variable per hostile fragment, for the static checkers. */
    static List<EnvOp> everyFragment() {
        List<EnvOp> ops = new ArrayList<>();
        for (int i = 0; i < Hostile.FRAGMENTS.size(); i++) {
            ops.add(new EnvOp.Set("F" + i, Hostile.FRAGMENTS.get(i)));
            ops.add(new EnvOp.Unset("G" + i));
        }
        return ops;
    }
}
