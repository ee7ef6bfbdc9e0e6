package io.ssokit.credentials;

import io.ssokit.Env;
import io.ssokit.SsokitException;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;

/**
 * The one STS call of role chaining, {@code sts:AssumeRole}. A class of its own so that the SDK
 * types it names are loaded only when a role is actually assumed.
 */
final class StsAssumeRole {
    private StsAssumeRole() {
    }

    /**
     * @param source the caller's credentials (the request is signed with them)
     * @param tokenCode the MFA code, or null
     * @param profile the profile asking, or null (for messages)
     * @throws SsokitException {@link SsoRoleCredentials#AWS_ERROR} when STS answers with an error,
     *     {@link SsoRoleCredentials#OTHER_ERROR} when it cannot be reached
     */
    static Credentials call(Env env, String region, Credentials source, AssumeRoleRequest r, String sessionName,
            String tokenCode, String profile) {
        String subject = "role " + r.roleArn() + (profile == null ? "" : ", profile " + profile);
        AssumeRoleResponse response = StsCalls.call(env, region, source, "AssumeRole", subject,
                sts -> sts.assumeRole(b -> b.roleArn(r.roleArn()).roleSessionName(sessionName)
                        .externalId(r.externalId()).serialNumber(r.mfaSerial()).tokenCode(tokenCode)
                        .durationSeconds(r.durationSeconds()).sourceIdentity(r.sourceIdentity())));
        return StsCalls.temporary(response.credentials(), r.accountId(), "AssumeRole", r.roleArn());
    }
}
