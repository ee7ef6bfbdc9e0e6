package io.ssokit.credentials;

import io.ssokit.sso.SsoProfile;
import java.util.List;

/**
 * How a profile's credentials are obtained, worked out from the config files alone (no network, no
 * process run): what {@link ProfileChain#plan} decides with the AWS CLI v2's precedence, and what
 * {@link ProfileResolver} then executes. Because a plan is pure configuration, the hot path can
 * compute the cache entry of a whole role chain without touching the SDK.
 */
public sealed interface ProfilePlan {

    /** The profile this step reads, or null for a step that comes from the command line. */
    String profile();

    /**
     * The account the resulting credentials belong to, when the configuration says (an SSO
     * account, a role ARN's account), else null.
     */
    String accountId();

    /** The role the resulting credentials are for, when there is one (SSO role, IAM role name), else null. */
    String roleName();

    /** Static keys from the credentials file or the config file; temporary when they carry a session token. */
    record StaticKeys(String profile, Credentials credentials, String file) implements ProfilePlan {
        @Override
        public String accountId() {
            return credentials.accountId();
        }

        @Override
        public String roleName() {
            return null;
        }

        @Override
        public String toString() {
            return "static keys of profile '" + profile + "' (" + file + ")";
        }
    }

    /** An Identity Center role (legacy or sso-session profile), through the SSO core. */
    record Sso(String profile, SsoProfile role) implements ProfilePlan {
        @Override
        public String accountId() {
            return role.accountId();
        }

        @Override
        public String roleName() {
            return role.roleName();
        }
    }

    /** {@code credential_process}: a command that prints credential_process JSON, cached by its command line. */
    record Process(String profile, String commandLine) implements ProfilePlan {
        @Override
        public String accountId() {
            return null;
        }

        /** The program only: a command line may carry a secret, and this ends up in debug logs. */
        @Override
        public String toString() {
            int space = commandLine.strip().indexOf(' ');
            return "credential_process of profile '" + profile + "' (" + (space < 0 ? commandLine.strip()
                    : commandLine.strip().substring(0, space) + " ...") + ")";
        }

        @Override
        public String roleName() {
            return null;
        }
    }

    /** {@code credential_source = Environment}: the ssokit process's own AWS_* credential variables. */
    record Environment(String profile) implements ProfilePlan {
        @Override
        public String accountId() {
            return null;
        }

        @Override
        public String roleName() {
            return null;
        }
    }

    /**
     * {@code role_arn}: sts:AssumeRole with the source's credentials.
     *
     * @param source where the caller's credentials come from
     * @param request the AssumeRole parameters (and the cache key they give)
     * @param stsRegion the region of the STS client
     */
    record AssumeRole(String profile, ProfilePlan source, AssumeRoleRequest request, String stsRegion)
            implements ProfilePlan {
        @Override
        public String accountId() {
            return request.accountId();
        }

        @Override
        public String roleName() {
            return request.roleName();
        }
    }

    /** The steps from the first source to this plan, e.g. static keys, role, role. */
    static List<ProfilePlan> steps(ProfilePlan plan) {
        java.util.ArrayList<ProfilePlan> steps = new java.util.ArrayList<>();
        for (ProfilePlan p = plan; p != null; p = p instanceof AssumeRole a ? a.source() : null) {
            steps.add(0, p);
        }
        return steps;
    }
}
