package io.ssokit.shellenv;

import io.ssokit.Env;
import io.ssokit.ExitCodes;
import io.ssokit.Log;
import io.ssokit.SsokitException;
import io.ssokit.config.AwsConfig;
import io.ssokit.config.Profile;
import io.ssokit.credentials.ProfileChain;
import io.ssokit.credentials.ProfilePlan;
import io.ssokit.sso.Instance;
import io.ssokit.sso.InstanceResolver;

/**
 * What the command line selected: a profile, or an account and role on an instance (given or
 * resolved like aws-sso-util's run-as does it). All fields may be null.
 *
 * @param region {@code --region}: the region exported for the credentials' users
 */
public record Selection(String profile, String accountId, String roleName, String startUrl, String ssoRegion,
        String ssoSession, String region) {

    /** Whether the selection names an account or role rather than a profile. */
    public boolean byRole() {
        return accountId != null || roleName != null;
    }

    /**
     * The identity selected.
     *
     * <ul>
     *   <li>{@code --account-id} and {@code --role-name} (both needed) on the instance from
     *       {@code --sso-start-url}/{@code --sso-region}/{@code --sso-session}, the
     *       {@code AWS_DEFAULT_SSO_*} variables, or the only instance configured;
     *   <li>otherwise the profile: {@code --profile}, else AWS_PROFILE, else AWS_DEFAULT_PROFILE,
     *       else {@code default} when it exists: any kind of profile ({@link ProfileChain}).
     * </ul>
     *
     * @throws SsokitException exit 2 for a contradictory or incomplete selection or a bad profile
     *     (including a broken role chain)
     */
    public Identity resolve(Env env, AwsConfig config, Log log) {
        if (byRole()) {
            if (profile != null) {
                throw usage("--profile cannot be combined with --account-id/--role-name: choose one");
            }
            if (accountId == null || roleName == null) {
                throw usage(accountId == null ? "--role-name needs --account-id" : "--account-id needs --role-name");
            }
            Instance instance = new InstanceResolver(env, config, log)
                    .resolve(new InstanceResolver.Request(startUrl, ssoRegion, null, ssoSession, InstanceResolver.Vars.DEFAULT))
                    .instance();
            return new Identity(null, instance, accountId, null, roleName, region);
        }
        if (startUrl != null || ssoRegion != null || ssoSession != null) {
            throw usage("--sso-start-url, --sso-region and --sso-session go with --account-id and --role-name;"
                    + " a profile names its own instance");
        }
        String name = profile;
        if (name == null) {
            name = env.profileFromEnv();
        }
        if (name == null) {
            if (config.profile("default").isEmpty()) {
                throw usage("no profile selected: pass --profile NAME, or --account-id and --role-name"
                        + " (AWS_PROFILE is not set and there is no default profile)");
            }
            name = "default";
        }
        Profile p = config.profile(name).orElse(null);
        if (p == null) {
            throw usage(new StringBuilder("profile '").append(name).append("' does not exist in ").append(env.awsConfigFile())
                    .append(" or ").append(env.awsCredentialsFile()).toString());
        }
        ProfilePlan plan = ProfileChain.plan(config, env, name);
        String r = region != null ? region : nonEmpty(p.get("region").orElse(null));
        if (plan instanceof ProfilePlan.Sso sso) {
            // credential-process's resolution: the same role for the same profile
            return new Identity(name, sso.role().instance(), sso.accountId(), nonEmpty(p.get("sso_account_name").orElse(null)),
                    sso.roleName(), r, plan);
        }
        return new Identity(name, null, plan.accountId(), nonEmpty(p.get("sso_account_name").orElse(null)), plan.roleName(),
                r, plan);
    }

    private static String nonEmpty(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    private static SsokitException usage(String msg) {
        return new SsokitException(ExitCodes.USAGE, msg);
    }
}
