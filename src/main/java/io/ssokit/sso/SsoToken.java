package io.ssokit.sso;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One file of the SSO token cache, in the AWS CLI's format.
 *
 * <p>A legacy login (aws-sso-util, AWS CLI with {@code sso_start_url} in the profile) writes
 * {@code startUrl, region, accessToken, expiresAt} and, from aws-sso-util, {@code receivedAt}. An
 * sso-session login adds the client registration it was made with ({@code clientId,
 * clientSecret, registrationExpiresAt}) and a {@code refreshToken}, which is what lets botocore and
 * the SDKs refresh the access token without a browser.
 *
 * @param startUrl the Identity Center start URL; the Java SDK treats it as optional on read
 * @param region the Identity Center (OIDC) region
 * @param accessToken the bearer token for the portal API; required
 * @param expiresAt when the access token expires; null (a file without it) counts as expired
 * @param receivedAt when it was issued, if the writer recorded it
 * @param clientId the OIDC client that issued it (sso-session logins)
 * @param clientSecret that client's secret
 * @param registrationExpiresAt when that client registration expires
 * @param refreshToken the refresh token, if one was issued
 * @param extraFields fields ssokit does not know, name to raw JSON text in file order; written
 *     back unchanged so that a rewrite by ssokit loses nothing another tool put there
 */
public record SsoToken(
        String startUrl,
        String region,
        String accessToken,
        Instant expiresAt,
        Instant receivedAt,
        String clientId,
        String clientSecret,
        Instant registrationExpiresAt,
        String refreshToken,
        Map<String, String> extraFields) {

    /**
     * How close to expiry a token stops being used: the AWS CLI's and aws-sso-util's window, and
     * the point at which botocore starts refreshing an sso-session token.
     */
    public static final Duration EXPIRY_WINDOW = Duration.ofMinutes(15);

    public SsoToken {
        Objects.requireNonNull(accessToken, "accessToken");
        if (extraFields != null) {
            for (String name : extraFields.keySet()) {
                if (TokenCache.isTokenField(name)) {
                    throw new IllegalArgumentException(new StringBuilder("\"").append(name)
                            .append("\" is a token field, not an extra field").toString());
                }
            }
        }
        extraFields = extraFields == null || extraFields.isEmpty()
                ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(extraFields));
    }

    /**
     * True when the token expires in less than {@code window} from now, or has no expiry at all.
     * Exactly {@code window} left is still usable, as in botocore's {@code seconds < window}.
     */
    public boolean expiresWithin(Duration window, Clock clock) {
        return expiresAt == null || expiresAt.isBefore(clock.instant().plus(window));
    }

    /** Usable for calls that must not fail halfway: more than {@link #EXPIRY_WINDOW} left. */
    public boolean isUsable(Clock clock) {
        return !expiresWithin(EXPIRY_WINDOW, clock);
    }

    /**
     * Whether a {@code refresh_token} grant can be attempted, by botocore's rule: refresh token,
     * client id and secret present, and the client registration not yet expired.
     */
    public boolean canRefresh(Clock clock) {
        return refreshToken != null && clientId != null && clientSecret != null
                && registrationExpiresAt != null && registrationExpiresAt.isAfter(clock.instant());
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Never shows the access token, refresh token or client secret. */
    @Override
    public String toString() {
        return new StringBuilder("SsoToken[startUrl=").append(startUrl)
                .append(", region=").append(region)
                .append(", accessToken=").append(redacted(accessToken))
                .append(", expiresAt=").append(expiresAt)
                .append(", receivedAt=").append(receivedAt)
                .append(", clientId=").append(clientId == null ? null : "(set)")
                .append(", clientSecret=").append(redacted(clientSecret))
                .append(", registrationExpiresAt=").append(registrationExpiresAt)
                .append(", refreshToken=").append(redacted(refreshToken))
                .append(", extraFields=").append(extraFields.keySet())
                .append(']').toString();
    }

    private static String redacted(String secret) {
        return secret == null ? null : "(redacted)";
    }

    /** Builds a token; {@link SsoToken#toBuilder()} keeps the unknown fields of the original. */
    public static final class Builder {
        private String startUrl;
        private String region;
        private String accessToken;
        private Instant expiresAt;
        private Instant receivedAt;
        private String clientId;
        private String clientSecret;
        private Instant registrationExpiresAt;
        private String refreshToken;
        private final Map<String, String> extraFields = new LinkedHashMap<>();

        private Builder() {
        }

        private Builder(SsoToken t) {
            startUrl = t.startUrl;
            region = t.region;
            accessToken = t.accessToken;
            expiresAt = t.expiresAt;
            receivedAt = t.receivedAt;
            clientId = t.clientId;
            clientSecret = t.clientSecret;
            registrationExpiresAt = t.registrationExpiresAt;
            refreshToken = t.refreshToken;
            extraFields.putAll(t.extraFields);
        }

        public Builder startUrl(String v) {
            startUrl = v;
            return this;
        }

        public Builder region(String v) {
            region = v;
            return this;
        }

        public Builder accessToken(String v) {
            accessToken = v;
            return this;
        }

        public Builder expiresAt(Instant v) {
            expiresAt = v;
            return this;
        }

        public Builder receivedAt(Instant v) {
            receivedAt = v;
            return this;
        }

        public Builder clientId(String v) {
            clientId = v;
            return this;
        }

        public Builder clientSecret(String v) {
            clientSecret = v;
            return this;
        }

        public Builder registrationExpiresAt(Instant v) {
            registrationExpiresAt = v;
            return this;
        }

        public Builder refreshToken(String v) {
            refreshToken = v;
            return this;
        }

        /** Sets the client fields from a registration (sso-session logins cache it with the token). */
        public Builder registration(ClientRegistration r) {
            clientId = r.clientId();
            clientSecret = r.clientSecret();
            registrationExpiresAt = r.expiresAt();
            return this;
        }

        /** Adds or replaces a field ssokit does not model; {@code rawJson} is written verbatim. */
        public Builder extraField(String name, String rawJson) {
            extraFields.put(name, rawJson);
            return this;
        }

        public SsoToken build() {
            return new SsoToken(startUrl, region, accessToken, expiresAt, receivedAt, clientId,
                    clientSecret, registrationExpiresAt, refreshToken, extraFields);
        }
    }
}
