package io.ssokit.sso;

import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;

/**
 * Run in a child JVM whose HOME, AWS_CONFIG_FILE and AWS_ENDPOINT_URL point at a scratch home and a
 * sandbox: resolves the named profile's credentials with the AWS SDK for Java v2's own
 * ProfileCredentialsProvider (its SSO token reader, refresher and portal client) and prints the
 * access key id.
 */
public final class SdkProfileCredentialsMain {
    private SdkProfileCredentialsMain() {
    }

    public static void main(String[] args) {
        try (ProfileCredentialsProvider provider = ProfileCredentialsProvider.builder().profileName(args[0]).build()) {
            AwsCredentials c = provider.resolveCredentials();
            System.out.println(c.accessKeyId());
        }
    }
}
