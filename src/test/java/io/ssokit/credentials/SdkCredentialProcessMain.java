package io.ssokit.credentials;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * An application using the AWS SDK for Java v2 the ordinary way: the profile credentials provider
 * reads {@code AWS_CONFIG_FILE}, finds {@code credential_process} and runs it. Args: profile,
 * STS endpoint. Prints the access key id it got and the caller ARN.
 */
public final class SdkCredentialProcessMain {
    private SdkCredentialProcessMain() {
    }

    public static void main(String[] args) {
        try (ProfileCredentialsProvider provider = ProfileCredentialsProvider.create(args[0]);
                StsClient sts = StsClient.builder()
                        .region(Region.US_EAST_1)
                        .endpointOverride(URI.create(args[1]))
                        .credentialsProvider(provider)
                        .httpClient(UrlConnectionHttpClient.create())
                        .build()) {
            AwsCredentials c = provider.resolveCredentials();
            String session = c instanceof AwsSessionCredentials s ? s.sessionToken() : "";
            System.out.println(c.accessKeyId());
            System.out.println(session.isEmpty() ? "no session token" : "session token");
            System.out.println(sts.getCallerIdentity().arn());
        }
    }
}
