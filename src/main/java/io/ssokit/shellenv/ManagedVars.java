package io.ssokit.shellenv;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The environment variables ssokit manages in a shell: what {@code ssokit env} may set, what
 * {@code ssokit unset} and the shell integration's {@code clear} remove. One list, used by the
 * Java renderers and handed to the shell-init templates, so the two can never disagree.
 *
 * <p>The {@code SSOKIT_*} identity variables are a documented contract for prompts and scripts:
 * they describe the credentials that are exported, and are set only together with them.
 */
public final class ManagedVars {
    public static final String ACCESS_KEY_ID = "AWS_ACCESS_KEY_ID";
    public static final String SECRET_ACCESS_KEY = "AWS_SECRET_ACCESS_KEY";
    public static final String SESSION_TOKEN = "AWS_SESSION_TOKEN";
    public static final String CREDENTIAL_EXPIRATION = "AWS_CREDENTIAL_EXPIRATION";
    public static final String PROFILE = "AWS_PROFILE";
    public static final String DEFAULT_PROFILE = "AWS_DEFAULT_PROFILE";
    public static final String REGION = "AWS_REGION";
    public static final String DEFAULT_REGION = "AWS_DEFAULT_REGION";

    /** The profile the exported credentials came from (unset for {@code --account-id/--role-name}). */
    public static final String SSOKIT_PROFILE = "SSOKIT_PROFILE";
    public static final String SSOKIT_ACCOUNT_ID = "SSOKIT_ACCOUNT_ID";
    /** The profile's {@code sso_account_name} (written by populate), when it has one. */
    public static final String SSOKIT_ACCOUNT_NAME = "SSOKIT_ACCOUNT_NAME";
    public static final String SSOKIT_ROLE_NAME = "SSOKIT_ROLE_NAME";
    public static final String SSOKIT_START_URL = "SSOKIT_START_URL";
    public static final String SSOKIT_SSO_REGION = "SSOKIT_SSO_REGION";
    /** The sso-session name, for instances configured as an {@code [sso-session]} section. */
    public static final String SSOKIT_SSO_SESSION = "SSOKIT_SSO_SESSION";
    /**
     * The region ssokit exported in AWS_REGION and AWS_DEFAULT_REGION (from {@code --region} or the
     * profile). It marks those two as ssokit's: {@code unset}/{@code clear} remove them only while
     * they still hold this value, so a region the user exported in their rc file survives.
     */
    public static final String SSOKIT_REGION = "SSOKIT_REGION";

    /**
     * Credential variables. Beyond the four ssokit sets: {@code AWS_SECURITY_TOKEN} (the legacy
     * name old boto and some SDKs still read), {@code AWS_CREDENTIALS_EXPIRATION} (aws-sso-util
     * run-as's spelling) and {@code AWS_SESSION_EXPIRATION} (granted's), so that a stale value left
     * by another tool never survives a switch.
     */
    public static final List<String> CREDENTIALS = List.of(ACCESS_KEY_ID, SECRET_ACCESS_KEY, SESSION_TOKEN,
            "AWS_SECURITY_TOKEN", CREDENTIAL_EXPIRATION, "AWS_CREDENTIALS_EXPIRATION", "AWS_SESSION_EXPIRATION");

    public static final List<String> PROFILES = List.of(PROFILE, DEFAULT_PROFILE);

    public static final List<String> REGIONS = List.of(REGION, DEFAULT_REGION);

    public static final List<String> IDENTITY = List.of(SSOKIT_PROFILE, SSOKIT_ACCOUNT_ID, SSOKIT_ACCOUNT_NAME,
            SSOKIT_ROLE_NAME, SSOKIT_START_URL, SSOKIT_SSO_REGION, SSOKIT_SSO_SESSION, SSOKIT_REGION);

    /** Everything, in the order {@code env} unsets it. */
    public static final List<String> ALL = concat(CREDENTIALS, PROFILES, REGIONS, IDENTITY);

    private ManagedVars() {
    }

    @SafeVarargs
    private static List<String> concat(List<String>... lists) {
        List<String> all = new ArrayList<>();
        for (List<String> l : lists) {
            all.addAll(l);
        }
        return Collections.unmodifiableList(all);
    }
}
