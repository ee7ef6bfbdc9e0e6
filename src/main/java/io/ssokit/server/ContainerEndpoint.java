package io.ssokit.server;

import com.sun.net.httpserver.HttpExchange;
import io.ssokit.Log;
import io.ssokit.credentials.Credentials;
import io.ssokit.json.Timestamps;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Objects;

/**
 * The ECS container credentials protocol, as the AWS SDKs read it through
 * {@code AWS_CONTAINER_CREDENTIALS_FULL_URI} and {@code AWS_CONTAINER_AUTHORIZATION_TOKEN}, and
 * as aws-export-credentials' {@code --container} serves it: {@code GET /} or {@code GET /creds}
 * with the token as the {@code Authorization} header answers
 * {@code {"AccessKeyId","SecretAccessKey","Token","Expiration"}} (plus {@code RoleArn} and
 * {@code AccountId} when known). Errors are {@code {"Error":{"Code","Message"}}}: 401
 * {@code NoAuthorizationHeader} or {@code InvalidToken}, 404 {@code InvalidPath} (and
 * {@code NotImplemented} under {@code /role/}), 405 {@code MethodNotAllowed}, 500
 * {@code CredentialsUnavailable} when no usable credentials can be had.
 */
public final class ContainerEndpoint extends CredentialEndpoint {
    /** Credentials that never expire are given this lifetime, as aws-export-credentials does. */
    static final Duration UNKNOWN_EXPIRY = Duration.ofHours(1);

    private final byte[] token;
    private final RefreshingCredentials credentials;
    private final ServedRole role;
    private final Clock clock;

    /**
     * @param token the value the {@code Authorization} header must carry (compared in constant time)
     */
    public ContainerEndpoint(BindAddress bind, String token, RefreshingCredentials credentials, ServedRole role, Clock clock, Log log) {
        super("container", bind, log);
        this.token = Objects.requireNonNull(token, "token").getBytes(StandardCharsets.UTF_8);
        this.credentials = credentials;
        this.role = role;
        this.clock = clock;
    }

    /** 32 random bytes, URL-safe base64: a token that needs no quoting anywhere. */
    public static String newToken() {
        byte[] b = new byte[32];
        new SecureRandom().nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /**
     * Whether {@code token} can travel as an HTTP header value and an environment variable: printable
     * ASCII without leading or trailing spaces.
     */
    public static boolean validToken(String token) {
        if (token == null || token.isEmpty() || token.strip().length() != token.length()) {
            return false;
        }
        return token.chars().allMatch(c -> c >= 0x20 && c < 0x7f);
    }

    @Override
    protected Reply answer(HttpExchange ex) {
        String method = ex.getRequestMethod();
        if (!"GET".equals(method) && !"HEAD".equals(method)) {
            return Reply.json(405, errorJson("MethodNotAllowed", "only GET is served")).with("Allow", "GET");
        }
        String given = ex.getRequestHeaders().getFirst("Authorization");
        if (given == null) {
            return Reply.json(401, errorJson("NoAuthorizationHeader", "the Authorization header is missing"));
        }
        if (!MessageDigest.isEqual(token, given.getBytes(StandardCharsets.UTF_8))) {
            return Reply.json(401, errorJson("InvalidToken", "the Authorization header does not carry the server's token"));
        }
        String path = path(ex);
        if (path.startsWith("/role/")) {
            return Reply.json(404, errorJson("NotImplemented", "per-role credentials are not served; use / or /creds"));
        }
        if (!path.equals("/") && !path.equals("/creds")) {
            return Reply.json(404, errorJson("InvalidPath", "credentials are served at / and /creds"));
        }
        RefreshingCredentials.Served served;
        try {
            served = credentials.get();
        } catch (RefreshingCredentials.Unavailable e) {
            return Reply.json(500, errorJson("CredentialsUnavailable", e.getMessage()));
        }
        Credentials c = served.credentials();
        String body = EndpointJson.object(w -> w
                .field("AccessKeyId", c.accessKeyId())
                .field("SecretAccessKey", c.secretAccessKey())
                .field("Token", c.sessionToken())
                .field("Expiration", Timestamps.format(c.expiration() != null ? c.expiration() : clock.instant().plus(UNKNOWN_EXPIRY)))
                .field("RoleArn", role.arn())
                .field("AccountId", c.accountId()));
        return Reply.json(200, body);
    }
}
