package io.ssokit.cli;

import io.ssokit.Env;
import io.ssokit.ExitCodes;
import io.ssokit.SsokitException;
import io.ssokit.admin.AwsDirectory;
import io.ssokit.admin.Directory;
import io.ssokit.aws.AwsClients;
import io.ssokit.aws.Json11Client;
import io.ssokit.config.AwsConfig;
import io.ssokit.config.Profile;
import io.ssokit.credentials.Credentials;
import io.ssokit.credentials.ProfilePlan;
import io.ssokit.shellenv.Identity;
import io.ssokit.shellenv.ProfileCredentialSource;
import io.ssokit.sso.TokenSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * What the admin commands ({@code admin lookup}, {@code admin assignments}, {@code admin cfn})
 * share: AWS credentials for the admin APIs and a {@link Directory} over them.
 *
 * <p>Credentials, as botocore finds them for aws-sso-util's {@code boto3.Session(profile_name=...)}:
 * {@code --profile}, else the environment's keys (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY),
 * else AWS_PROFILE / AWS_DEFAULT_PROFILE, else the default profile; any kind of profile, resolved
 * by ssokit's own resolver (an Identity Center profile may sign in). The region of sso-admin and
 * identitystore is the profile's, else AWS_REGION / AWS_DEFAULT_REGION; organizations is global.
 * Endpoints honour AWS_ENDPOINT_URL and AWS_ENDPOINT_URL_&lt;SERVICE&gt;.
 */
final class AdminSupport {
    private AdminSupport() {
    }

    /**
     * The credentials, region and services of one admin run.
     *
     * @param profile the profile in use (named, or from AWS_PROFILE), or null for the environment's keys
     */
    record Session(Ctx ctx, AwsClients clients, Credentials credentials, String profile, String region, Directory directory)
            implements AutoCloseable {

        /** The caller's account: known from the credentials, else sts:GetCallerIdentity. */
        String accountId() {
            if (credentials.accountId() != null) {
                return credentials.accountId();
            }
            AwsCredentials sdk = credentials.sessionToken() == null
                    ? AwsBasicCredentials.create(credentials.accessKeyId(), credentials.secretAccessKey())
                    : AwsSessionCredentials.create(credentials.accessKeyId(), credentials.secretAccessKey(), credentials.sessionToken());
            try (StsClient sts = clients.sts(region, StaticCredentialsProvider.create(sdk))) {
                return sts.getCallerIdentity().account();
            } catch (software.amazon.awssdk.core.exception.SdkException e) {
                throw new SsokitException(ExitCodes.ERROR, "sts GetCallerIdentity failed: " + e.getMessage(), e);
            }
        }

        @Override
        public void close() {
            clients.close();
        }
    }

    static Session open(Ctx ctx, String profile) {
        return open(ctx, profile, Json11Client.Retry.defaults());
    }

    static Session open(Ctx ctx, String profile, Json11Client.Retry retry) {
        Env env = ctx.env();
        AwsConfig config = AwsConfig.load(env);
        CallerCredentials caller = CallerCredentials.choose(env, config, profile, "AWS credentials for the admin calls");
        String name = caller.profile();
        ProfilePlan plan = caller.plan();
        Profile top = caller.config();
        String region = top == null ? null : top.get("region").filter(r -> !r.isEmpty()).orElse(null);
        if (region == null) {
            region = env.first("AWS_REGION", "AWS_DEFAULT_REGION");
        }
        if (region == null || region.isEmpty()) {
            throw new SsokitException(ExitCodes.USAGE, "no region for the Identity Center admin APIs: set region in "
                    + (name == null ? "a profile" : "profile " + name) + ", or AWS_REGION (the region of your Identity Center instance)");
        }
        ProfileCredentialSource source = EnvSupport.credentialSource(ctx);
        Credentials credentials;
        try {
            credentials = source.resolver().credentials(plan, TokenSource.Mode.INTERACTIVE, false);
        } catch (RuntimeException e) {
            throw ProfileCredentialSource.translate(e, new Identity(name, null, null, null, null, null, null));
        }
        AwsClients clients = new AwsClients(env);
        Json11Client client = new Json11Client(env, clients.httpClient(), credentials, region, ctx.log(), retry);
        return new Session(ctx, clients, credentials, name, region, new AwsDirectory(client));
    }
}
