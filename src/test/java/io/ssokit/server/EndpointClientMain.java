package io.ssokit.server;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.InstanceProfileCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

/**
 * Runs in a child JVM whose environment holds only what a container or an EC2 instance would
 * give it: the AWS SDK for Java v2's own provider reads its settings from there, fetches the
 * credentials, and signs an STS GetCallerIdentity at the sandbox with them. Prints the access
 * key id and the caller ARN, one per line.
 *
 * <p>Arguments: {@code container|imds SANDBOX_ENDPOINT}.
 */
public final class EndpointClientMain {
    private EndpointClientMain() {
    }

    public static void main(String[] args) {
        AwsCredentialsProvider provider = switch (args[0]) {
            case "container" -> ContainerCredentialsProvider.create();
            case "imds" -> InstanceProfileCredentialsProvider.create();
            default -> throw new IllegalArgumentException(args[0]);
        };
        AwsCredentials c = provider.resolveCredentials();
        try (StsClient sts = StsClient.builder().region(Region.US_EAST_1).endpointOverride(URI.create(args[1]))
                .httpClient(UrlConnectionHttpClient.create()).credentialsProvider(provider).build()) {
            GetCallerIdentityResponse id = sts.getCallerIdentity();
            System.out.println(c.accessKeyId());
            System.out.println(id.arn());
        }
    }
}
