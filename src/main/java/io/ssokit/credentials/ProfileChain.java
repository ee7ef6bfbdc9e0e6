package io.ssokit.credentials;

import io.ssokit.Env;
import io.ssokit.SsokitException;
import io.ssokit.config.AwsConfig;
import io.ssokit.config.Profile;
import java.util.ArrayList;
import java.util.List;

/**
 * Which way a profile's credentials come, decided like the AWS CLI v2 (botocore's credential
 * resolver with the environment provider left out: a named profile is what was asked for).
 *
 * <p>For the profile asked for:
 * <ol>
 *   <li>{@code role_arn} (without {@code web_identity_token_file}): AssumeRole, with the source
 *       named by {@code source_profile} or {@code credential_source} (exactly one of them);
 *   <li>otherwise the profile's own providers, first that applies: Identity Center
 *       ({@code sso_session} or any {@code sso_*} key), static keys in the credentials file,
 *       {@code credential_process}, static keys in the config file.
 * </ol>
 * A {@code source_profile} with static keys, or without {@code role_arn}, gives credentials through
 * its own providers (static keys beat its {@code role_arn}, as in botocore); otherwise it is
 * assumed in turn, to any depth. A profile may name itself as source only when it has static keys;
 * any other repetition is a loop, reported with the whole cycle.
 *
 * <p>Config only: no file but the two config files is read, nothing is run, no SDK class is
 * loaded, so the hot path may call this.
 */
public final class ProfileChain {
    /** The credential_source values botocore knows; only Environment can be served by ssokit. */
    private static final List<String> KNOWN_SOURCES = List.of("Environment", "Ec2InstanceMetadata", "EcsContainer");

    private ProfileChain() {
    }

    /**
     * @throws SsokitException exit {@value SsoRoleCredentials#INVALID_CONFIG} when the profile does
     *     not exist, has no credentials, or its chain is broken (a missing source, a loop, both or
     *     neither of source_profile and credential_source, an unusable credential_source)
     */
    public static ProfilePlan plan(AwsConfig config, Env env, String profileName) {
        Profile top = config.profile(profileName).orElse(null);
        if (top == null) {
            throw invalid(new StringBuilder("profile '").append(profileName).append("' does not exist in ")
                    .append(env.awsConfigFile()).append(" or ").append(env.awsCredentialsFile()).toString());
        }
        List<String> visited = new ArrayList<>(4);
        visited.add(profileName);
        if (isRole(top)) {
            return assumeRole(config, env, top, visited, stsRegion(top, env));
        }
        return own(config, env, top);
    }

    /** Whether the profile is assumed with sts:AssumeRole when asked for by name. */
    public static boolean isRole(Profile p) {
        return p.get("role_arn").isPresent() && p.get("web_identity_token_file").isEmpty();
    }

    /** Whether the profile has Identity Center settings (botocore's SSO provider takes it). */
    public static boolean isSso(Profile p) {
        return p.get("sso_session").isPresent() || p.get("sso_start_url").isPresent() || p.get("sso_region").isPresent()
                || p.get("sso_account_id").isPresent() || p.get("sso_role_name").isPresent();
    }

    private static ProfilePlan assumeRole(AwsConfig config, Env env, Profile p, List<String> visited, String stsRegion) {
        String name = p.name();
        String sourceProfile = p.get("source_profile").orElse(null);
        String credentialSource = p.get("credential_source").orElse(null);
        if (sourceProfile != null && credentialSource != null) {
            throw invalid("profile '" + name + "' has both source_profile and credential_source: keep one");
        }
        if (sourceProfile == null && credentialSource == null) {
            throw invalid("profile '" + name + "' has role_arn but neither source_profile nor credential_source,"
                    + " so there are no credentials to assume the role with");
        }
        AssumeRoleRequest request = request(p);
        ProfilePlan source;
        if (credentialSource != null) {
            if (credentialSource.equals("Environment")) {
                source = new ProfilePlan.Environment(name);
            } else if (KNOWN_SOURCES.contains(credentialSource)) {
                throw invalid("profile '" + name + "' has credential_source = " + credentialSource
                        + ", which ssokit cannot use (it serves Environment only; on an EC2 instance or in an ECS"
                        + " task, use the AWS CLI or SDK there)");
            } else {
                throw invalid("profile '" + name + "' has credential_source = " + credentialSource
                        + ", which is not valid: use Environment, Ec2InstanceMetadata or EcsContainer");
            }
        } else {
            Profile src = config.profile(sourceProfile).orElse(null);
            if (src == null) {
                throw invalid("the source_profile '" + sourceProfile + "' of profile '" + name + "' does not exist in "
                        + env.awsConfigFile() + " or " + env.awsCredentialsFile());
            }
            if (visited.contains(sourceProfile) && !(sourceProfile.equals(name) && hasStaticKeys(src))) {
                StringBuilder cycle = new StringBuilder();
                for (int i = visited.indexOf(sourceProfile); i < visited.size(); i++) {
                    cycle.append(visited.get(i)).append(" -> ");
                }
                cycle.append(sourceProfile);
                throw invalid("the source_profile chain of profile '" + visited.get(0) + "' loops: " + cycle);
            }
            visited.add(sourceProfile);
            if (hasStaticKeys(src) || !isRole(src)) {
                source = own(config, env, src);
            } else {
                source = assumeRole(config, env, src, visited, stsRegion);
            }
        }
        return new ProfilePlan.AssumeRole(name, source, request, stsRegion);
    }

    private static AssumeRoleRequest request(Profile p) {
        Integer duration = null;
        String d = p.get("duration_seconds").orElse(null);
        if (d != null) {
            // botocore ignores a value that is not an integer
            try {
                duration = Integer.valueOf(d.strip());
            } catch (NumberFormatException e) {
                duration = null;
            }
        }
        return new AssumeRoleRequest(p.get("role_arn").orElseThrow(), p.get("role_session_name").orElse(null),
                p.get("external_id").orElse(null), p.get("mfa_serial").orElse(null), duration, null);
    }

    /** The profile's own providers: SSO, credentials-file keys, credential_process, config-file keys. */
    private static ProfilePlan own(AwsConfig config, Env env, Profile p) {
        String name = p.name();
        if (p.get("web_identity_token_file").isPresent()) {
            throw invalid("profile '" + name + "' uses web_identity_token_file (AssumeRoleWithWebIdentity),"
                    + " which ssokit does not resolve");
        }
        if (isSso(p)) {
            return new ProfilePlan.Sso(name, CredentialProcess.resolve(config, env,
                    // the profile's own settings: the AWS_SSO_* variables are credential-process's, not a chain's
                    new CredentialProcessRequest(name, null, null, null, null, null, false, java.time.Duration.ZERO)));
        }
        if (keysFrom(p, Profile.Source.CREDENTIALS_FILE)) {
            return statics(p, "credentials file");
        }
        String process = p.get("credential_process").orElse(null);
        if (process != null && !process.isBlank()) {
            return new ProfilePlan.Process(name, process);
        }
        if (keysFrom(p, Profile.Source.CONFIG_FILE)) {
            return statics(p, "config file");
        }
        if (p.get("aws_access_key_id").isPresent() || p.get("aws_secret_access_key").isPresent()) {
            throw invalid("profile '" + name + "' has only one of aws_access_key_id and aws_secret_access_key");
        }
        throw invalid("profile '" + name + "' has no credentials: no role_arn, Identity Center settings,"
                + " static keys or credential_process");
    }

    private static boolean hasStaticKeys(Profile p) {
        return p.get("aws_access_key_id").isPresent() || p.get("aws_secret_access_key").isPresent();
    }

    private static boolean keysFrom(Profile p, Profile.Source file) {
        return p.source("aws_access_key_id") == file && p.source("aws_secret_access_key") == file;
    }

    private static ProfilePlan statics(Profile p, String file) {
        String token = p.get("aws_session_token").orElse(p.get("aws_security_token").orElse(null));
        String expiration = p.get("aws_credential_expiration").orElse(null);
        java.time.Instant expires = null;
        if (expiration != null) {
            try {
                expires = io.ssokit.json.Timestamps.parse(expiration);
            } catch (IllegalArgumentException e) {
                expires = null;
            }
        }
        return new ProfilePlan.StaticKeys(p.name(), new Credentials(p.get("aws_access_key_id").orElseThrow(),
                p.get("aws_secret_access_key").orElseThrow(), emptyToNull(token), expires, null), file);
    }

    /**
     * The STS client's region: the profile's, else the environment's, else us-east-1 (the global
     * endpoint's).
     *
     * @param top the profile asked for, or null when the credentials do not come from one
     */
    public static String stsRegion(Profile top, Env env) {
        String r = top == null ? null : top.get("region").orElse(null);
        if (r == null || r.isEmpty()) {
            r = env.first("AWS_REGION", "AWS_DEFAULT_REGION");
        }
        return r == null || r.isEmpty() ? "us-east-1" : r;
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    private static SsokitException invalid(String message) {
        return new SsokitException(SsoRoleCredentials.INVALID_CONFIG, message);
    }
}
