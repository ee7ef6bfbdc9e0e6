package io.ssokit.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ssokit.Env;
import io.ssokit.ExitCodes;
import io.ssokit.Log;
import io.ssokit.SsokitException;
import io.ssokit.credentials.Credentials;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;

import java.util.function.LongUnaryOperator;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

/**
 * A small signed client for the AWS JSON 1.1 protocol, for the admin services whose SDK modules
 * ssokit cannot use (sso-admin, identitystore, organizations): {@code POST /} with
 * {@code X-Amz-Target: <prefix>.<Operation>} and an {@code application/x-amz-json-1.1} body,
 * signed with the SDK's own SigV4 signer and sent through the URL-connection HTTP client that
 * {@link AwsClients} builds. Errors ({@code {"__type": ..., "message": ...}}) become
 * {@link Json11Exception}; throttling ({@code ThrottlingException}, {@code TooManyRequestsException},
 * HTTP 429), server errors (5xx) and network errors are retried with {@link Backoff}.
 * Thread-safe.
 */
public final class Json11Client {
    static final String CONTENT_TYPE = "application/x-amz-json-1.1";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A JSON 1.1 service: its target prefix, signing name, endpoint override key and default host. */
    public enum Api {
        SSO_ADMIN("SWBExternalService", "sso", Endpoints.Service.SSO_ADMIN, "sso-admin"),
        IDENTITYSTORE("AWSIdentityStore", "identitystore", Endpoints.Service.IDENTITYSTORE, "identitystore"),
        ORGANIZATIONS("AWSOrganizationsV20161128", "organizations", Endpoints.Service.ORGANIZATIONS, "organizations");

        final String targetPrefix;
        final String signingName;
        final Endpoints.Service service;
        /** The service's name in messages, as the AWS CLI spells it. */
        public final String label;

        Api(String targetPrefix, String signingName, Endpoints.Service service, String label) {
            this.targetPrefix = targetPrefix;
            this.signingName = signingName;
            this.service = service;
            this.label = label;
        }

        /**
         * Organizations has one global endpoint, signed for us-east-1; sso-admin answers at
         * {@code sso.<region>}, identitystore at {@code identitystore.<region>}.
         */
        String signingRegion(String region) {
            return this == ORGANIZATIONS ? "us-east-1" : region;
        }

        URI defaultEndpoint(String region) {
            String host = switch (this) {
                case SSO_ADMIN -> "sso." + region + ".amazonaws.com";
                case IDENTITYSTORE -> "identitystore." + region + ".amazonaws.com";
                case ORGANIZATIONS -> "organizations.us-east-1.amazonaws.com";
            };
            return URI.create("https://" + host);
        }
    }

    /**
     * The retry policy.
     *
     * @param budget how long one call may wait in total between its attempts
     * @param serverErrorAttempts attempts that may end in a 5xx before giving up
     * @param networkAttempts attempts that may fail to connect before giving up
     * @param sleeper sleeps between attempts (tests record instead)
     * @param jitter maps a backoff ceiling to the delay slept
     */
    public record Retry(Duration base, Duration max, Duration budget, int serverErrorAttempts, int networkAttempts,
            Sleeper sleeper, LongUnaryOperator jitter) {
        /** 100 ms doubling to 5 s, throttling retried for up to 2 minutes, 5 server errors, 3 network errors. */
        public static Retry defaults() {
            return new Retry(Duration.ofMillis(100), Duration.ofSeconds(5), Duration.ofMinutes(2), 5, 3, Thread::sleep,
                    Backoff.FULL_JITTER);
        }
    }

    @FunctionalInterface
    public interface Sleeper {
        void sleep(long millis) throws InterruptedException;
    }

    /** An error answered by the service: its code ({@code __type} without a namespace), message and HTTP status. */
    public static final class Json11Exception extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final String code;
        private final int status;
        private final transient JsonNode body;

        public Json11Exception(String code, String message, int status, JsonNode body) {
            super(message, null, false, false);
            this.code = code;
            this.status = status;
            this.body = body;
        }

        /** A further member of the error body (identitystore's {@code ResourceType}), or null. */
        public String member(String name) {
            return body == null || !body.path(name).isTextual() ? null : body.path(name).asText();
        }

        public String code() {
            return code;
        }

        public int status() {
            return status;
        }
    }

    private final Env env;
    private final SdkHttpClient http;
    private final AwsCredentialsIdentity identity;
    private final String region;
    private final Log log;
    private final Retry retry;
    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();

    /**
     * @param http the client {@link AwsClients#httpClient()} built; not closed here
     * @param region the region of sso-admin and identitystore (organizations is global)
     */
    public Json11Client(Env env, SdkHttpClient http, Credentials credentials, String region, Log log, Retry retry) {
        this.env = env;
        this.http = http;
        this.identity = credentials.sessionToken() == null
                ? AwsCredentialsIdentity.create(credentials.accessKeyId(), credentials.secretAccessKey())
                : AwsSessionCredentialsIdentity.create(credentials.accessKeyId(), credentials.secretAccessKey(), credentials.sessionToken());
        this.region = region;
        this.log = log;
        this.retry = retry;
    }

    /** The endpoint of a service: AWS_ENDPOINT_URL_&lt;SERVICE&gt; or AWS_ENDPOINT_URL, else the service's. */
    public URI endpoint(Api api) {
        URI override = Endpoints.resolve(env, api.service);
        return override != null ? override : api.defaultEndpoint(region);
    }

    /**
     * One operation, retried as the class says.
     *
     * @throws Json11Exception the service's error (not found, access denied, validation...)
     * @throws SsokitException when the retries are used up or the service cannot be reached
     */
    public JsonNode call(Api api, String operation, ObjectNode body) {
        byte[] payload;
        try {
            payload = JSON.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long waited = 0;
        int serverFailures = 0;
        int networkFailures = 0;
        for (int attempt = 1; ; attempt++) {
            String reason;
            try {
                return once(api, operation, payload);
            } catch (Json11Exception e) {
                if (isThrottling(e)) {
                    reason = "throttled";
                } else if (e.status() >= 500) {
                    if (++serverFailures >= retry.serverErrorAttempts()) {
                        throw new SsokitException(ExitCodes.ERROR, api.label + " " + operation + " failed " + attempt
                                + " times in a row (" + e.code() + "); try again later", e);
                    }
                    reason = e.code();
                } else {
                    throw e;
                }
            } catch (IOException e) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new SsokitException(ExitCodes.INTERRUPTED, "interrupted");
                }
                if (++networkFailures >= retry.networkAttempts()) {
                    throw new SsokitException(ExitCodes.ERROR, "cannot reach " + api.label + " at " + endpoint(api) + " ("
                            + e.getMessage() + ")", e);
                }
                reason = "network error";
            }
            long delay = retry.jitter().applyAsLong(Backoff.ceiling(retry.base(), retry.max(), attempt));
            if (waited + delay > retry.budget().toMillis()) {
                throw new SsokitException(ExitCodes.ERROR, api.label + " kept refusing " + operation + " (" + reason + ") over "
                        + attempt + " attempts and " + waited / 1000 + " s of backoff; try again later");
            }
            waited += delay;
            log.trace(api.label + " " + operation + ": " + reason + ", attempt " + attempt + "; retrying in " + delay + " ms");
            try {
                retry.sleeper().sleep(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SsokitException(ExitCodes.INTERRUPTED, "interrupted");
            }
        }
    }

    static boolean isThrottling(Json11Exception e) {
        return e.status() == 429 || e.code().equals("ThrottlingException") || e.code().equals("TooManyRequestsException")
                || e.code().equals("Throttling") || e.code().equals("RequestLimitExceeded");
    }

    private JsonNode once(Api api, String operation, byte[] payload) throws IOException {
        URI base = endpoint(api);
        String path = base.getRawPath() == null || base.getRawPath().isEmpty() ? "/" : base.getRawPath();
        SdkHttpRequest request = SdkHttpRequest.builder()
                .method(SdkHttpMethod.POST)
                .protocol(base.getScheme())
                .host(base.getHost())
                .port(base.getPort() < 0 ? null : base.getPort())
                .encodedPath(path)
                .putHeader("Content-Type", CONTENT_TYPE)
                .putHeader("X-Amz-Target", api.targetPrefix + "." + operation)
                .putHeader("Content-Length", Integer.toString(payload.length))
                .build();
        SignedRequest signed = signer.sign(r -> r.identity(identity)
                .request(request)
                .payload(ContentStreamProvider.fromByteArray(payload))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, api.signingName)
                .putProperty(AwsV4HttpSigner.REGION_NAME, api.signingRegion(region)));
        log.trace(api.label + " " + operation + " -> " + base);
        HttpExecuteResponse response = http.prepareRequest(HttpExecuteRequest.builder()
                .request(signed.request())
                .contentStreamProvider(signed.payload().orElse(null))
                .build()).call();
        int status = response.httpResponse().statusCode();
        byte[] body;
        try (InputStream in = response.responseBody().map(InputStream.class::cast).orElse(InputStream.nullInputStream())) {
            body = in.readAllBytes();
        }
        JsonNode json = null;
        if (body.length > 0) {
            try {
                json = JSON.readTree(body);
            } catch (IOException e) {
                json = null;
            }
        }
        if (status / 100 == 2) {
            if (json == null && body.length > 0) {
                throw new Json11Exception("InvalidResponse", api.label + " " + operation + " answered with a body that is not JSON", status,
                        null);
            }
            return json == null ? JSON.createObjectNode() : json;
        }
        String code = json == null ? null : text(json, "__type");
        if (code == null) {
            code = response.httpResponse().firstMatchingHeader("x-amzn-ErrorType").orElse(null);
        }
        if (code == null) {
            code = status == 429 ? "TooManyRequestsException" : status >= 500 ? "InternalFailure" : "HTTP" + status;
        }
        // "com.amazonaws.sso#ResourceNotFoundException" or "ResourceNotFoundException:http://..."
        code = code.substring(code.lastIndexOf('#') + 1);
        if (code.indexOf(':') > 0) {
            code = code.substring(0, code.indexOf(':'));
        }
        String message = json == null ? null : text(json, "message");
        if (message == null && json != null) {
            message = text(json, "Message");
        }
        throw new Json11Exception(code, message == null ? code : message, status, json);
    }

    private static String text(JsonNode json, String field) {
        JsonNode v = json.get(field);
        return v == null || !v.isTextual() ? null : v.asText();
    }

    /** The one-line form of a service error for messages: {@code Code: message}. */
    public static String describe(Json11Exception e) {
        String m = e.getMessage();
        return m == null || m.equals(e.code()) ? e.code() : e.code() + ": " + m.lines().findFirst().orElse("").trim();
    }

}
