package io.ssokit.shellenv;

import io.ssokit.sso.Instance;

/**
 * Whose credentials are being exported: what {@code ssokit env} writes into the {@code SSOKIT_*}
 * identity variables and {@code AWS_PROFILE}, and what the credential source is asked for.
 *
 * @param profile the config profile the request named, or null for {@code --account-id/--role-name}
 * @param instance the Identity Center instance
 * @param accountId the AWS account
 * @param accountName the profile's {@code sso_account_name}, or null
 * @param roleName the permission set's role
 * @param region the region for the credentials' users ({@code --region}, else the profile's
 *     {@code region}), or null when neither says
 */
public record Identity(String profile, Instance instance, String accountId, String accountName, String roleName,
        String region) {

    /** The same identity with another region (the command line's {@code --region} wins). */
    public Identity withRegion(String newRegion) {
        return new Identity(profile, instance, accountId, accountName, roleName, newRegion);
    }
}
