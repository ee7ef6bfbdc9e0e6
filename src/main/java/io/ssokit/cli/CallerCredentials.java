package io.ssokit.cli;

import io.ssokit.Env;
import io.ssokit.ExitCodes;
import io.ssokit.SsokitException;
import io.ssokit.config.AwsConfig;
import io.ssokit.config.Profile;
import io.ssokit.credentials.ProfileChain;
import io.ssokit.credentials.ProfilePlan;

/**
 * Whose credentials a command signs its own AWS calls with (assume-role's source, the admin
 * APIs), chosen as botocore chooses for {@code boto3.Session(profile_name=...)}: {@code --profile},
 * else the environment's keys (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY), else AWS_PROFILE /
 * AWS_DEFAULT_PROFILE, else the default profile. Not on the hot path: env and credential-process
 * never need it.
 *
 * @param profile the profile the caller is in ({@code --profile} or the variables), or null for the environment's keys
 * @param config that profile's section, or null
 * @param plan how its credentials are resolved
 */
record CallerCredentials(String profile, Profile config, ProfilePlan plan) {

    /**
     * @param purpose what the credentials are for, in the error: "no PURPOSE: pass --profile NAME"
     * @throws SsokitException exit 2 when there are none, or the profile does not exist
     */
    static CallerCredentials choose(Env env, AwsConfig config, String profile, String purpose) {
        String name = profile;
        if (name == null && (env.get("AWS_ACCESS_KEY_ID") == null || env.get("AWS_SECRET_ACCESS_KEY") == null)) {
            name = env.profileFromEnv();
            if (name == null && config.profile("default").isPresent()) {
                name = "default";
            }
            if (name == null) {
                throw new SsokitException(ExitCodes.USAGE, "no " + purpose + ": pass --profile NAME"
                        + " (AWS_ACCESS_KEY_ID, AWS_PROFILE and a default profile are all absent)");
            }
        }
        if (name == null) {
            return new CallerCredentials(null, null, new ProfilePlan.Environment(null));
        }
        ProfilePlan plan = ProfileChain.plan(config, env, name);
        return new CallerCredentials(name, config.profile(name).orElseThrow(), plan);
    }
}
