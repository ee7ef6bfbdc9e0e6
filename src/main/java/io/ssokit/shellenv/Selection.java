package io.ssokit.shellenv;

import io.ssokit.Env;
import io.ssokit.ExitCodes;
import io.ssokit.Log;
import io.ssokit.SsokitException;
import io.ssokit.config.AwsConfig;
import io.ssokit.config.Profile;
import io.ssokit.credentials.CredentialProcess;
import io.ssokit.credentials.CredentialProcessRequest;
import io.ssokit.sso.Instance;
import io.ssokit.sso.InstanceResolver;
import io.ssokit.sso.SsoProfile;
import java.time.Duration;

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
     *       else {@code default} when it exists. It must be an Identity Center profile with an
     *       account and a role.
     * </ul>
     *
     * @throws SsokitException exit 2 for a contradictory or incomplete selection or a bad profile
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
        if (p.get("sso_session").isEmpty() && p.get("sso_start_url").isEmpty()) {
            throw usage(new StringBuilder("profile '").append(name)
                    .append("' is not an Identity Center profile (no sso_session or sso_start_url)").toString());
        }
        // credential-process's resolution: the same role for the same profile, and no lambdas on the hot path
        SsoProfile sso = CredentialProcess.resolve(config, env,
                new CredentialProcessRequest(name, null, null, null, null, null, false, Duration.ZERO));
        String r = region != null ? region : nonEmpty(p.get("region").orElse(null));
        return new Identity(name, sso.instance(), sso.accountId(), nonEmpty(p.get("sso_account_name").orElse(null)),
                sso.roleName(), r);
    }

    private static String nonEmpty(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    private static SsokitException usage(String msg) {
        return new SsokitException(ExitCodes.USAGE, msg);
    }
}
