package io.ssokit.sso;

import io.ssokit.ExitCodes;
import io.ssokit.SsokitException;
import io.ssokit.config.AwsConfig;
import io.ssokit.config.Profile;
import io.ssokit.config.Section;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The SSO settings of one profile, resolved the way the AWS CLI v2 and SDKs resolve them: an
 * {@code sso_session} reference wins and brings the session's start URL, region and scopes (a
 * profile that repeats {@code sso_start_url}/{@code sso_region} must agree with its session);
 * otherwise the legacy inline keys. Cheap and SDK-free: it runs on the credential-process hot path.
 *
 * @param accountId null when the profile names no account (a login-only profile)
 * @param roleName null when the profile names no role
 */
public record SsoProfile(String profileName, Instance instance, String accountId, String roleName) {

    /** The profile's SSO settings, or empty when it has no SSO keys at all. Errors are exit 2. */
    public static Optional<SsoProfile> of(AwsConfig config, Profile p) {
        String session = p.get("sso_session").orElse(null);
        String url = p.get("sso_start_url").orElse(null);
        String region = p.get("sso_region").orElse(null);
        String account = p.get("sso_account_id").orElse(null);
        String role = p.get("sso_role_name").orElse(null);
        if (session == null && url == null && region == null && account == null && role == null) {
            return Optional.empty();
        }
        Instance instance;
        if (session != null) {
            Section s = config.ssoSession(session).orElseThrow(() -> invalid(
                    "profile '" + p.name() + "' refers to sso_session '" + session
                            + "', but the config file has no [sso-session " + session + "] section"));
            String sUrl = s.get("sso_start_url").orElse(null);
            String sRegion = s.get("sso_region").orElse(null);
            List<String> missing = new ArrayList<>();
            if (sUrl == null) {
                missing.add("sso_start_url");
            }
            if (sRegion == null) {
                missing.add("sso_region");
            }
            if (!missing.isEmpty()) {
                throw invalid("[sso-session " + session + "] is missing " + String.join(" and ", missing));
            }
            if (url != null && !url.equals(sUrl)) {
                throw invalid("profile '" + p.name() + "' has sso_start_url " + url
                        + " but its sso-session '" + session + "' has " + sUrl);
            }
            if (region != null && !region.equals(sRegion)) {
                throw invalid("profile '" + p.name() + "' has sso_region " + region
                        + " but its sso-session '" + session + "' has " + sRegion);
            }
            instance = Instance.session(session, sUrl, sRegion,
                    RegistrationCache.parseScopes(s.get("sso_registration_scopes").orElse(null)));
        } else {
            List<String> missing = new ArrayList<>();
            if (url == null) {
                missing.add("sso_start_url");
            }
            if (region == null) {
                missing.add("sso_region");
            }
            if (!missing.isEmpty()) {
                throw invalid("profile '" + p.name() + "' is missing " + String.join(" and ", missing)
                        + " (or an sso_session)");
            }
            instance = Instance.legacy(url, region);
        }
        return Optional.of(new SsoProfile(p.name(), instance, account, role));
    }

    /** Like {@link #of} for a profile that must exist and must name an account and a role. */
    public static SsoProfile require(AwsConfig config, String profileName) {
        Profile p = config.profile(profileName).orElseThrow(() -> invalid("profile '" + profileName
                + "' does not exist in the config file"));
        SsoProfile sp = of(config, p).orElseThrow(() -> invalid("profile '" + profileName
                + "' is not an Identity Center profile (no sso_session or sso_start_url)"));
        List<String> missing = new ArrayList<>();
        if (sp.accountId == null) {
            missing.add("sso_account_id");
        }
        if (sp.roleName == null) {
            missing.add("sso_role_name");
        }
        if (!missing.isEmpty()) {
            throw invalid("profile '" + profileName + "' is missing " + String.join(" and ", missing));
        }
        return sp;
    }

    private static SsokitException invalid(String msg) {
        return new SsokitException(ExitCodes.USAGE, msg);
    }
}
