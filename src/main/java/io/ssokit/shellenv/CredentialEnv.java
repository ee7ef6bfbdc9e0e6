package io.ssokit.shellenv;

import io.ssokit.Env;
import io.ssokit.credentials.Credentials;
import io.ssokit.json.Timestamps;
import io.ssokit.shell.EnvOp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What exporting credentials does to an environment, as {@link EnvOp} lists that any dialect or
 * data format renders, and as the environment of a child process. Every command that hands out
 * credentials as variables ({@code env}, {@code unset}, {@code exec}, {@code run-as},
 * {@code export-credentials}) builds its variables here, so they agree on names and formats.
 */
public final class CredentialEnv {
    private CredentialEnv() {
    }

    /**
     * {@code ssokit env}: first unset every managed variable (so nothing of a previous identity,
     * a stale session token above all, survives the switch), then set the credentials, the
     * region, {@code AWS_PROFILE} when the identity came from a profile (which exists: it was just
     * read from the config), and the {@code SSOKIT_*} identity variables.
     *
     * <p>The region is {@link Identity#region()} when known, marked as ssokit's with
     * {@code SSOKIT_REGION}. Otherwise a region the user exported themselves is set again as it
     * was (it is unset first like everything else), and a region a previous {@code env} exported
     * is dropped: it belonged to the previous identity.
     *
     * @param current the environment ssokit runs in: the shell's, whose variables the output changes
     */
    public static List<EnvOp> export(Credentials c, Identity id, Env current) {
        List<EnvOp> ops = new ArrayList<>(ManagedVars.ALL.size() + 16);
        for (String name : ManagedVars.ALL) {
            ops.add(new EnvOp.Unset(name));
        }
        addCredentials(ops, c);
        if (id.region() != null) {
            ops.add(new EnvOp.Set(ManagedVars.REGION, id.region()));
            ops.add(new EnvOp.Set(ManagedVars.DEFAULT_REGION, id.region()));
        } else {
            for (String name : ManagedVars.REGIONS) {
                String users = usersRegion(current, name);
                if (users != null) {
                    ops.add(new EnvOp.Set(name, users));
                }
            }
        }
        if (id.profile() != null) {
            ops.add(new EnvOp.Set(ManagedVars.PROFILE, id.profile()));
            ops.add(new EnvOp.Set(ManagedVars.SSOKIT_PROFILE, id.profile()));
        }
        // a role chain or static keys have no instance, and static keys may not say their account
        String account = id.accountId() != null ? id.accountId() : c.accountId();
        if (account != null) {
            ops.add(new EnvOp.Set(ManagedVars.SSOKIT_ACCOUNT_ID, account));
        }
        if (id.accountName() != null) {
            ops.add(new EnvOp.Set(ManagedVars.SSOKIT_ACCOUNT_NAME, id.accountName()));
        }
        if (id.roleName() != null) {
            ops.add(new EnvOp.Set(ManagedVars.SSOKIT_ROLE_NAME, id.roleName()));
        }
        if (id.instance() != null) {
            ops.add(new EnvOp.Set(ManagedVars.SSOKIT_START_URL, id.instance().startUrl()));
            ops.add(new EnvOp.Set(ManagedVars.SSOKIT_SSO_REGION, id.instance().region()));
        }
        if (id.instance() != null && id.instance().isSession()) {
            ops.add(new EnvOp.Set(ManagedVars.SSOKIT_SSO_SESSION, id.instance().sessionName()));
        }
        if (id.region() != null) {
            ops.add(new EnvOp.Set(ManagedVars.SSOKIT_REGION, id.region()));
        }
        return ops;
    }

    /**
     * {@code ssokit unset}: remove every variable {@link #export} may set. AWS_REGION and
     * AWS_DEFAULT_REGION go only while they hold the region ssokit exported ({@code SSOKIT_REGION}):
     * otherwise they are the user's own.
     */
    public static List<EnvOp> clear(Env current) {
        List<EnvOp> ops = new ArrayList<>(ManagedVars.ALL.size());
        for (String name : ManagedVars.ALL) {
            if (!ManagedVars.REGIONS.contains(name) || usersRegion(current, name) == null) {
                ops.add(new EnvOp.Unset(name));
            }
        }
        return ops;
    }

    /**
     * Only the credential variables, in the order the AWS CLI's {@code configure export-credentials}
     * and aws-export-credentials print them: key id, secret, then token and expiration when the
     * credentials have them.
     */
    public static List<EnvOp> credentialsOnly(Credentials c) {
        List<EnvOp> ops = new ArrayList<>(4);
        addCredentials(ops, c);
        return ops;
    }

    /**
     * The environment of a child process run with the credentials ({@code exec}, {@code run-as}):
     * {@code parent} with {@link #export}'s changes applied, then without AWS_PROFILE and
     * AWS_DEFAULT_PROFILE, so that no SDK in the child can prefer a profile over the credentials.
     *
     * @param extra variables set last (e.g. aws-sso-util run-as's AWS_CREDENTIALS_EXPIRATION)
     */
    public static Map<String, String> child(Map<String, String> parent, Credentials c, Identity id, Env current,
            Map<String, String> extra) {
        Map<String, String> env = new HashMap<>(parent);
        for (EnvOp op : export(c, id, current)) {
            if (op instanceof EnvOp.Set s) {
                env.put(s.name(), s.value());
            } else {
                env.remove(op.name());
            }
        }
        for (String name : ManagedVars.PROFILES) {
            env.remove(name);
        }
        env.putAll(extra);
        return env;
    }

    private static void addCredentials(List<EnvOp> ops, Credentials c) {
        ops.add(new EnvOp.Set(ManagedVars.ACCESS_KEY_ID, c.accessKeyId()));
        ops.add(new EnvOp.Set(ManagedVars.SECRET_ACCESS_KEY, c.secretAccessKey()));
        if (c.sessionToken() != null) {
            ops.add(new EnvOp.Set(ManagedVars.SESSION_TOKEN, c.sessionToken()));
        }
        if (c.expiration() != null) {
            ops.add(new EnvOp.Set(ManagedVars.CREDENTIAL_EXPIRATION, Timestamps.format(c.expiration())));
        }
    }

    /**
     * The value of AWS_REGION or AWS_DEFAULT_REGION when it is the user's own, or null when it is
     * unset or still holds the region ssokit exported.
     */
    static String usersRegion(Env current, String name) {
        String value = current.get(name);
        if (value == null) {
            return null;
        }
        return value.equals(current.get(ManagedVars.SSOKIT_REGION)) ? null : value;
    }
}
