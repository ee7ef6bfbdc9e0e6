package io.ssokit.credentials;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * AWS credentials, whatever their source.
 *
 * @param accessKeyId the access key id; required
 * @param secretAccessKey the secret key; required
 * @param sessionToken the session token of temporary credentials, or null for long-term keys
 * @param expiration when temporary credentials expire, or null when they do not
 * @param accountId the account the credentials belong to, when known
 */
public record Credentials(
        String accessKeyId,
        String secretAccessKey,
        String sessionToken,
        Instant expiration,
        String accountId) {

    public Credentials {
        Objects.requireNonNull(accessKeyId, "accessKeyId");
        Objects.requireNonNull(secretAccessKey, "secretAccessKey");
    }

    /** True when they expire less than {@code margin} from now; never for credentials without expiry. */
    public boolean expiresWithin(Duration margin, Clock clock) {
        return expiration != null && expiration.isBefore(clock.instant().plus(margin));
    }

    /**
     * Shows the access key id's last four characters only (enough to tell keys apart in a debug
     * log) and never the secret key or session token.
     */
    @Override
    public String toString() {
        String tail = accessKeyId.length() > 4
                ? accessKeyId.substring(accessKeyId.length() - 4) : "";
        return new StringBuilder("Credentials[accessKeyId=...").append(tail)
                .append(", secretAccessKey=(redacted)")
                .append(", sessionToken=").append(sessionToken == null ? null : "(redacted)")
                .append(", expiration=").append(expiration)
                .append(", accountId=").append(accountId)
                .append(']').toString();
    }
}
