package io.ssokit.shellenv;

import io.ssokit.credentials.ProfilePlan;
import io.ssokit.sso.Instance;

/**
 * Whose credentials are being exported: what {@code ssokit env} writes into the {@code SSOKIT_*}
 * identity variables and {@code AWS_PROFILE}, and what the credential source is asked for.
 *
 * @param profile the config profile the request named, or null for {@code --account-id/--role-name}
 *     and {@code assume-role}
 * @param instance the Identity Center instance, or null when the credentials do not come from one
 *     (a role chain, static keys, credential_process)
 * @param accountId the AWS account, or null when the configuration does not say (static keys)
 * @param accountName the profile's {@code sso_account_name}, or null
 * @param roleName the permission set's role, or the IAM role's name, or null
 * @param region the region for the credentials' users ({@code --region}, else the profile's
 *     {@code region}), or null when neither says
 * @param plan how to get the credentials, or null for an Identity Center role given by account and role
 */
public record Identity(String profile, Instance instance, String accountId, String accountName, String roleName,
        String region, ProfilePlan plan) {

    /** An Identity Center role selected by account and role (no profile plan). */
    public Identity(String profile, Instance instance, String accountId, String accountName, String roleName,
            String region) {
        this(profile, instance, accountId, accountName, roleName, region, null);
    }

    /** The same identity with another region (the command line's {@code --region} wins). */
    public Identity withRegion(String newRegion) {
        return new Identity(profile, instance, accountId, accountName, roleName, newRegion, plan);
    }
}
