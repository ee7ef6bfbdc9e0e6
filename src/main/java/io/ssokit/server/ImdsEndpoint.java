package io.ssokit.server;

import com.sun.net.httpserver.HttpExchange;
import io.ssokit.Log;
import io.ssokit.credentials.Credentials;
import io.ssokit.json.Timestamps;
import java.time.Clock;

/**
 * The part of the EC2 instance metadata service (IMDSv2) that the AWS SDKs' instance-profile
 * credential providers use, as they find it through {@code AWS_EC2_METADATA_SERVICE_ENDPOINT}:
 *
 * <ul>
 *   <li>{@code PUT /latest/api/token} with {@code X-aws-ec2-metadata-token-ttl-seconds} (1-21600)
 *       answers a session token that expires after that TTL; 400 without a valid TTL, 403 when
 *       the request carries {@code X-Forwarded-For} (as IMDS does, so a proxy cannot fetch one);
 *   <li>every {@code GET} needs a live token in {@code X-aws-ec2-metadata-token}, else 401;
 *   <li>{@code GET /latest/meta-data/iam/security-credentials/} answers the role name, and
 *       {@code .../security-credentials/NAME} the credentials as IMDS gives them ({@code Code},
 *       {@code LastUpdated}, {@code Type}, the keys, {@code Expiration}; {@code AccountId} when
 *       known), or 500 with {@code Code} {@code CredentialsUnavailable} when none can be had;
 *   <li>{@code GET /latest/meta-data/placement/region} and {@code .../availability-zone} (the
 *       region plus "a") when the profile has a region, because the SDKs look there for one;
 *   <li>404 for any other path and another role name; 405 for other methods, and for GET on the
 *       token path.
 * </ul>
 *
 * <p>IMDSv1 (a GET without a token) is refused: every SDK that matters does v2 first.
 */
public final class ImdsEndpoint extends CredentialEndpoint {
    static final String TOKEN_PATH = "/latest/api/token";
    static final String CREDENTIALS_PATH = "/latest/meta-data/iam/security-credentials/";
    static final long MAX_TTL = 21600;

    private final ImdsTokens tokens;
    private final RefreshingCredentials credentials;
    private final ServedRole role;
    private final Clock clock;

    public ImdsEndpoint(BindAddress bind, RefreshingCredentials credentials, ServedRole role, Clock clock, Log log) {
        super("imds", bind, log);
        this.tokens = new ImdsTokens(clock);
        this.credentials = credentials;
        this.role = role;
        this.clock = clock;
    }

    @Override
    protected Reply answer(HttpExchange ex) {
        String method = ex.getRequestMethod();
        String path = path(ex);
        if (path.equals(TOKEN_PATH)) {
            return "PUT".equals(method) ? token(ex) : Reply.text(405, "405 - Method Not Allowed").with("Allow", "PUT");
        }
        if (!"GET".equals(method) && !"HEAD".equals(method)) {
            return Reply.text(405, "405 - Method Not Allowed").with("Allow", "GET");
        }
        if (!tokens.valid(ex.getRequestHeaders().getFirst("X-aws-ec2-metadata-token"))) {
            return Reply.text(401, "401 - Unauthorized");
        }
        if (path.equals(CREDENTIALS_PATH) || path.equals(CREDENTIALS_PATH.substring(0, CREDENTIALS_PATH.length() - 1))) {
            return Reply.text(200, role.name());
        }
        if (path.equals(CREDENTIALS_PATH + role.name())) {
            return credentials();
        }
        if (role.region() != null && path.equals("/latest/meta-data/placement/region")) {
            return Reply.text(200, role.region());
        }
        if (role.region() != null && path.equals("/latest/meta-data/placement/availability-zone")) {
            return Reply.text(200, role.region() + "a");
        }
        return Reply.text(404, "404 - Not Found");
    }

    private Reply token(HttpExchange ex) {
        if (ex.getRequestHeaders().containsKey("X-Forwarded-For")) {
            return Reply.text(403, "403 - Forbidden");
        }
        String ttlText = ex.getRequestHeaders().getFirst("X-aws-ec2-metadata-token-ttl-seconds");
        long ttl;
        try {
            ttl = Long.parseLong(ttlText == null ? "" : ttlText.trim());
        } catch (NumberFormatException e) {
            ttl = -1;
        }
        if (ttl < 1 || ttl > MAX_TTL) {
            return Reply.text(400, "400 - Bad Request");
        }
        return Reply.text(200, tokens.issue(ttl)).with("X-aws-ec2-metadata-token-ttl-seconds", Long.toString(ttl));
    }

    private Reply credentials() {
        RefreshingCredentials.Served served;
        try {
            served = credentials.get();
        } catch (RefreshingCredentials.Unavailable e) {
            return Reply.json(500, EndpointJson.object(w -> w
                    .field("Code", "CredentialsUnavailable")
                    .field("Message", e.getMessage())
                    .field("LastUpdated", Timestamps.format(clock.instant()))));
        }
        Credentials c = served.credentials();
        return Reply.json(200, EndpointJson.object(w -> w
                .field("Code", "Success")
                .field("LastUpdated", Timestamps.format(served.obtained()))
                .field("Type", "AWS-HMAC")
                .field("AccessKeyId", c.accessKeyId())
                .field("SecretAccessKey", c.secretAccessKey())
                .field("Token", c.sessionToken())
                .field("Expiration", Timestamps.format(c.expiration() != null ? c.expiration()
                        : clock.instant().plus(ContainerEndpoint.UNKNOWN_EXPIRY)))
                .field("AccountId", c.accountId())));
    }
}
