package io.ssokit.credentials;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The parameters of one sts:AssumeRole call, from a profile ({@code role_arn}, {@code
 * role_session_name}, {@code external_id}, {@code mfa_serial}, {@code duration_seconds}) or from
 * {@code ssokit assume-role}'s options.
 *
 * @param roleArn the role to assume
 * @param roleSessionName the session name, or null for botocore's default
 *     ({@code botocore-session-<epoch seconds>}, generated at call time and left out of the cache key)
 * @param externalId or null
 * @param mfaSerial the MFA device's serial number (ARN), or null when no code is needed
 * @param durationSeconds or null for the role's default (one hour)
 * @param sourceIdentity or null (only from the command line: the AWS CLI has no profile setting for it)
 */
public record AssumeRoleRequest(String roleArn, String roleSessionName, String externalId, String mfaSerial,
        Integer durationSeconds, String sourceIdentity) {

    /**
     * The role-credential cache key, botocore's {@code AssumeRoleCredentialFetcher._create_cache_key}:
     * the AssumeRole arguments that are set, a generated session name excluded, so an entry the
     * AWS CLI wrote for the same profile settings is the same file.
     */
    public String cacheKey() {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("RoleArn", roleArn);
        put(args, "RoleSessionName", roleSessionName);
        put(args, "ExternalId", externalId);
        put(args, "SerialNumber", mfaSerial);
        put(args, "DurationSeconds", durationSeconds);
        put(args, "SourceIdentity", sourceIdentity);
        return CredentialCache.assumeRoleKey(args);
    }

    /** The session name to send: the configured one, else botocore's default for this moment. */
    public String sessionNameAt(long epochSecond) {
        return roleSessionName != null ? roleSessionName : "botocore-session-" + epochSecond;
    }

    /** The account in the role ARN ({@code arn:PARTITION:iam::ACCOUNT:role/...}), or null when it is not one. */
    public String accountId() {
        String[] parts = roleArn.split(":", 6);
        return parts.length == 6 && parts[0].equals("arn") && parts[2].equals("iam") ? emptyToNull(parts[4]) : null;
    }

    /** The role's name (the last path segment after {@code role/}), or null when the ARN is not a role's. */
    public String roleName() {
        String[] parts = roleArn.split(":", 6);
        if (parts.length != 6 || !parts[5].startsWith("role/")) {
            return null;
        }
        return emptyToNull(parts[5].substring(parts[5].lastIndexOf('/') + 1));
    }

    private static void put(Map<String, Object> args, String name, Object value) {
        if (value != null) {
            args.put(name, value);
        }
    }

    private static String emptyToNull(String s) {
        return s.isEmpty() ? null : s;
    }
}
