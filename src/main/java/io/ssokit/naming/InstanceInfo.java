package io.ssokit.naming;

import java.util.Objects;

/**
 * The Identity Center instance the profiles are populated from; constant for one run.
 *
 * @param ssoSession the sso-session section name, or null when profiles use the legacy inline form
 */
public record InstanceInfo(String startUrl, String ssoRegion, String ssoSession) {
    public InstanceInfo {
        Objects.requireNonNull(startUrl, "startUrl");
        Objects.requireNonNull(ssoRegion, "ssoRegion");
    }
}
