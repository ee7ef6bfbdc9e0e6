package io.ssokit.server;

/**
 * What the servers say about whose credentials they serve, beyond the keys themselves.
 *
 * @param name the role name IMDS lists under {@code iam/security-credentials/}; required
 * @param arn the role's ARN for the container protocol's {@code RoleArn}, or null when unknown
 *     (Identity Center roles live under a generated path that only IAM knows)
 * @param region the region IMDS reports under {@code placement/}, or null when the profile has none
 */
public record ServedRole(String name, String arn, String region) {
    public ServedRole {
        if (name == null || name.isEmpty() || name.contains("/")) {
            throw new IllegalArgumentException("a role name is needed, without '/'");
        }
    }
}
