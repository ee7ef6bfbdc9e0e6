package io.ssokit.sso;

import java.util.List;

/**
 * An Identity Center instance as ssokit logs in to it: the start URL and SSO region, and, for
 * instances configured as an {@code [sso-session NAME]} section, the session name and its
 * registration scopes. Session instances get refresh tokens and a token cache keyed by the
 * session name (as the AWS CLI v2 does); legacy instances are keyed by the start URL.
 *
 * @param sessionName null for a legacy (inline {@code sso_start_url}) instance
 * @param scopes the parsed {@code sso_registration_scopes}, or null when not configured
 */
public record Instance(String startUrl, String region, String sessionName, List<String> scopes) {

    public Instance {
        if (startUrl == null || startUrl.isEmpty() || region == null || region.isEmpty()) {
            throw new IllegalArgumentException("an instance needs a start URL and a region");
        }
        scopes = scopes == null ? null : List.copyOf(scopes);
    }

    public static Instance legacy(String startUrl, String region) {
        return new Instance(startUrl, region, null, null);
    }

    public static Instance session(String name, String startUrl, String region, List<String> scopes) {
        return new Instance(startUrl, region, name, scopes);
    }

    public boolean isSession() {
        return sessionName != null;
    }

    /** What {@link TokenCache#cacheKey} hashes for this instance's token file. */
    public String tokenKey() {
        return isSession() ? sessionName : startUrl;
    }

    /** For messages: {@code https://x.awsapps.com/start (us-east-1)} or with the session name. */
    public String describe() {
        String base = startUrl + " (" + region + ")";
        return isSession() ? "sso-session " + sessionName + ": " + base : base;
    }

    /** Same URL and region (the identity aws-sso-util compares on). */
    public boolean sameUrlAndRegion(Instance o) {
        return startUrl.equals(o.startUrl) && region.equals(o.region);
    }
}
