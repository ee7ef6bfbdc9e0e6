package io.ssokit.credentials;

import io.ssokit.Env;
import io.ssokit.SsokitException;
import software.amazon.awssdk.services.sts.model.GetSessionTokenResponse;

/**
 * {@code sts:GetSessionToken}: long-term keys (an IAM user's) exchanged for session credentials
 * of the same user, as aws-export-credentials' {@code --ensure-temporary} does. A class of its
 * own so that its SDK types load only when an exchange happens.
 */
final class StsSessionToken {
    private StsSessionToken() {
    }

    /**
     * @param longTerm the long-term keys (the request is signed with them)
     * @param mfaSerial the MFA device's serial number, or null
     * @param tokenCode its code (with {@code mfaSerial}), or null
     * @param durationSeconds or null for STS's default (12 hours)
     * @param profile the profile asking, or null (for messages)
     * @throws SsokitException {@link SsoRoleCredentials#AWS_ERROR} when STS answers with an error,
     *     {@link SsoRoleCredentials#OTHER_ERROR} when it cannot be reached
     */
    static Credentials call(Env env, String region, Credentials longTerm, String mfaSerial, String tokenCode,
            Integer durationSeconds, String profile) {
        String subject = profile == null ? "long-term keys" : "long-term keys of profile " + profile;
        GetSessionTokenResponse response = StsCalls.call(env, region, longTerm, "GetSessionToken", subject,
                sts -> sts.getSessionToken(b -> b.serialNumber(mfaSerial).tokenCode(tokenCode).durationSeconds(durationSeconds)));
        return StsCalls.temporary(response.credentials(), longTerm.accountId(), "GetSessionToken", subject);
    }
}
