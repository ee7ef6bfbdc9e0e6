package io.ssokit.aws;

import io.ssokit.Env;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.sso.SsoClient;
import software.amazon.awssdk.services.ssooidc.SsoOidcClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * The only place that builds AWS SDK clients. Every client gets: the region it is asked for, the
 * endpoint override from {@link Endpoints}, the lightweight URL-connection HTTP client, the
 * standard retry mode, and an empty profile file, so the SDK never reads the user's real
 * {@code ~/.aws} behind our back (ssokit reads the config itself, through {@code config/}).
 */
public final class AwsClients implements AutoCloseable {
    private final Env env;
    private final EndpointSource endpoints;
    private SdkHttpClient http;

    /** Supplies config-file endpoint settings; {@link #NONE} for env-only resolution. */
    public interface EndpointSource {
        URI endpoint(Endpoints.Service service);

        EndpointSource NONE = null;
    }

    public AwsClients(Env env) {
        this(env, null);
    }

    public AwsClients(Env env, EndpointSource endpoints) {
        this.env = env;
        this.endpoints = endpoints;
        keepSdkOffTheConfigFiles();
    }

    /**
     * ssokit reads the AWS config files itself (losslessly, by botocore's rules) and gives every
     * client its region, endpoint and credentials. The SDK must not parse the files again: its
     * parser rejects files the AWS CLI accepts (a profile named {@code "a#b"}) and would fail the
     * call. Client overrides (a default profile file or supplier) do not stop the builder from
     * loading the default files, so the SDK's own location settings (system properties, which win
     * over AWS_CONFIG_FILE) point at a file that does not exist: the SDK then sees no profiles.
     */
    private static void keepSdkOffTheConfigFiles() {
        for (String property : new String[] {"aws.configFile", "aws.sharedCredentialsFile"}) {
            if (System.getProperty(property) == null) {
                System.setProperty(property, "/nonexistent/ssokit-reads-the-aws-config-files-itself");
            }
        }
    }

    /** Routes the SDK's slf4j logging to stderr: silent below -vvvv. Call before any client. */
    public static void configureSdkLogging(int verbosity) {
        System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", verbosity >= 4 ? "debug" : "off");
        System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
    }

    public SsoClient sso(String region) {
        return configure(SsoClient.builder(), region, Endpoints.Service.SSO, AnonymousCredentialsProvider.create()).build();
    }

    /**
     * A portal client that makes exactly one attempt per call. For callers with their own retry
     * policy (the concurrent account listing): the SDK's standard mode gives up after three
     * attempts and shares a retry quota across threads, which a throttled listing of hundreds of
     * accounts exhausts; nesting it inside an outer retry loop would multiply the attempts.
     */
    public SsoClient ssoSingleAttempt(String region) {
        return configure(SsoClient.builder(), region, Endpoints.Service.SSO, AnonymousCredentialsProvider.create(),
                AwsRetryStrategy.doNotRetry()).build();
    }

    public SsoOidcClient oidc(String region) {
        return configure(SsoOidcClient.builder(), region, Endpoints.Service.SSO_OIDC, AnonymousCredentialsProvider.create()).build();
    }

    public StsClient sts(String region, AwsCredentialsProvider credentials) {
        return configure(StsClient.builder(), region, Endpoints.Service.STS, credentials).build();
    }

    /** The endpoint a service resolves to, or null for the SDK default. */
    public URI endpoint(Endpoints.Service service) {
        if (endpoints != null) {
            return endpoints.endpoint(service);
        }
        return Endpoints.resolve(env, service);
    }

    private <B extends AwsClientBuilder<B, ?>> B configure(B builder, String region, Endpoints.Service service,
            AwsCredentialsProvider credentials) {
        return configure(builder, region, service, credentials, null);
    }

    /** {@code retries} null: the SDK's standard retry mode. */
    private <B extends AwsClientBuilder<B, ?>> B configure(B builder, String region, Endpoints.Service service,
            AwsCredentialsProvider credentials, RetryStrategy retries) {
        builder.region(Region.of(region));
        builder.credentialsProvider(credentials);
        URI uri = endpoint(service);
        if (uri != null) {
            builder.endpointOverride(uri);
        }
        ProfileFile empty = ProfileFile.builder()
                .content(new ByteArrayInputStream(new byte[0]))
                .type(ProfileFile.Type.CONFIGURATION)
                .build();
        ClientOverrideConfiguration.Builder override = ClientOverrideConfiguration.builder()
                .defaultProfileFile(empty)
                .defaultProfileName("default")
                .apiCallTimeout(Duration.ofSeconds(60));
        if (retries == null) {
            override.retryStrategy(RetryMode.STANDARD);
        } else {
            override.retryStrategy(retries);
        }
        builder.overrideConfiguration(override.build());
        if (builder instanceof software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder<?, ?> sync) {
            sync.httpClient(httpClient());
        }
        return builder;
    }

    /** The shared URL-connection HTTP client, for {@link Json11Client}; closed with this factory. */
    public synchronized SdkHttpClient httpClient() {
        if (http == null) {
            http = UrlConnectionHttpClient.builder()
                    .connectionTimeout(Duration.ofSeconds(10))
                    .socketTimeout(Duration.ofSeconds(30))
                    .build();
        }
        return http;
    }

    @Override
    public synchronized void close() {
        if (http != null) {
            http.close();
            http = null;
        }
    }
}
