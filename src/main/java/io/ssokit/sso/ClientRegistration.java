package io.ssokit.sso;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An OIDC client registration ({@code sso-oidc:RegisterClient}) as the AWS CLI caches it:
 * {@code clientId, clientSecret, expiresAt} (from {@code clientSecretExpiresAt}), plus
 * {@code scopes} when registered with scopes, and {@code receivedAt} from aws-sso-util and newer
 * CLIs. Newer CLIs add {@code grantTypes} for the authorization-code flow; like any other field
 * ssokit does not model, it is kept in {@link #extraFields} and written back unchanged.
 *
 * @param expiresAt when the client secret expires; null counts as expired
 * @param receivedAt when it was registered, if recorded
 * @param scopes the registration scopes, or null when registered without
 * @param extraFields unknown fields, name to raw JSON text
 */
public record ClientRegistration(
        String clientId,
        String clientSecret,
        Instant expiresAt,
        Instant receivedAt,
        List<String> scopes,
        Map<String, String> extraFields) {

    /** The AWS CLI registers a new client when less than this is left (its token window). */
    public static final Duration REUSE_MARGIN = Duration.ofMinutes(15);

    public ClientRegistration {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(clientSecret, "clientSecret");
        scopes = scopes == null ? null : List.copyOf(scopes);
        extraFields = extraFields == null || extraFields.isEmpty()
                ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(extraFields));
        for (String name : extraFields.keySet()) {
            if (RegistrationCache.isRegistrationField(name)) {
                throw new IllegalArgumentException(new StringBuilder("\"").append(name)
                        .append("\" is a registration field, not an extra field").toString());
            }
        }
    }

    public ClientRegistration(String clientId, String clientSecret, Instant expiresAt,
            Instant receivedAt, List<String> scopes) {
        this(clientId, clientSecret, expiresAt, receivedAt, scopes, Map.of());
    }

    /** True when less than {@code margin} is left before the secret expires, or no expiry is known. */
    public boolean expiresWithin(Duration margin, Clock clock) {
        return expiresAt == null || expiresAt.isBefore(clock.instant().plus(margin));
    }

    /** Reusable for a new device authorization: more than {@link #REUSE_MARGIN} left. */
    public boolean isReusable(Clock clock) {
        return !expiresWithin(REUSE_MARGIN, clock);
    }

    /** Never shows the client secret. */
    @Override
    public String toString() {
        return new StringBuilder("ClientRegistration[clientId=(set), clientSecret=(redacted)")
                .append(", expiresAt=").append(expiresAt)
                .append(", receivedAt=").append(receivedAt)
                .append(", scopes=").append(scopes)
                .append(", extraFields=").append(extraFields.keySet())
                .append(']').toString();
    }
}
