package io.ssokit.credentials;

import io.ssokit.Env;
import io.ssokit.SsokitException;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.sts.model.GetFederationTokenResponse;

/**
 * {@code sts:GetFederationToken}: an IAM user's long-term keys exchanged for the credentials of a
 * federated user with the user's own permissions (the session policy allows everything, and a
 * session policy only ever narrows), as aws-vault's {@code login} does for the console, whose
 * sign-in takes neither long-term keys nor GetSessionToken's session. GetFederationToken takes
 * no MFA code. A class of its own so that its SDK types load only when an exchange happens.
 */
public final class StsFederationToken {
    /** The session policy: allow all, so the federated user has exactly the IAM user's permissions. */
    static final String ALLOW_ALL = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\","
            + "\"Resource\":\"*\"}]}";
    /** The federated user's name when the profile's name cannot be made one. */
    public static final String DEFAULT_NAME = "ssokit";
    static final int MAX_NAME = 32;
    private static final Pattern NOT_NAME_CHAR = Pattern.compile("[^\\w+=,.@-]");

    private StsFederationToken() {
    }

    /**
     * The federated user's name for a profile: its name with each character STS does not allow
     * (outside {@code [\w+=,.@-]}) replaced by '-', cut to 32 characters; {@link #DEFAULT_NAME}
     * for no profile or a one-character name.
     */
    public static String nameFor(String profile) {
        if (profile == null) {
            return DEFAULT_NAME;
        }
        String name = NOT_NAME_CHAR.matcher(profile).replaceAll("-");
        if (name.length() > MAX_NAME) {
            name = name.substring(0, MAX_NAME);
        }
        return name.length() < 2 ? DEFAULT_NAME : name;
    }

    /**
     * @param longTerm the IAM user's long-term keys (the request is signed with them)
     * @param name the federated user's name (see {@link #nameFor})
     * @param durationSeconds 900..129600, or null for STS's default (12 hours)
     * @param profile the profile asking, or null (for messages)
     * @throws SsokitException {@link SsoRoleCredentials#AWS_ERROR} when STS answers with an error,
     *     {@link SsoRoleCredentials#OTHER_ERROR} when it cannot be reached
     */
    public static Credentials call(Env env, String region, Credentials longTerm, String name, Integer durationSeconds,
            String profile) {
        String subject = profile == null ? "long-term keys" : "long-term keys of profile " + profile;
        GetFederationTokenResponse response = StsCalls.call(env, region, longTerm, "GetFederationToken", subject,
                sts -> sts.getFederationToken(b -> b.name(name).policy(ALLOW_ALL).durationSeconds(durationSeconds)));
        return StsCalls.temporary(response.credentials(), longTerm.accountId(), "GetFederationToken", subject);
    }
}
