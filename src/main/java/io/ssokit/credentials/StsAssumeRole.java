package io.ssokit.credentials;

import io.ssokit.Env;
import io.ssokit.SsokitException;
import io.ssokit.aws.AwsClients;
import io.ssokit.aws.Endpoints;
import java.net.URI;
import java.time.Instant;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;

/**
 * The one STS call of role chaining, {@code sts:AssumeRole}, and the mapping of its failures. A
 * class of its own so that the SDK types it names are loaded only when a role is actually assumed.
 */
final class StsAssumeRole {
    private StsAssumeRole() {
    }

    /**
     * @param source the caller's credentials (the request is signed with them)
     * @param tokenCode the MFA code, or null
     * @param profile the profile asking, or null (for messages)
     * @throws SsokitException {@link SsoRoleCredentials#AWS_ERROR} when STS answers with an error,
     *     {@link SsoRoleCredentials#OTHER_ERROR} when it cannot be reached
     */
    static Credentials call(Env env, String region, Credentials source, AssumeRoleRequest r, String sessionName,
            String tokenCode, String profile) {
        AwsClients.configureSdkLogging(0);
        AwsCredentials caller = source.sessionToken() == null
                ? AwsBasicCredentials.create(source.accessKeyId(), source.secretAccessKey())
                : AwsSessionCredentials.create(source.accessKeyId(), source.secretAccessKey(), source.sessionToken());
        try (AwsClients clients = new AwsClients(env);
                StsClient sts = clients.sts(region, StaticCredentialsProvider.create(caller))) {
            AssumeRoleResponse response = sts.assumeRole(b -> b.roleArn(r.roleArn()).roleSessionName(sessionName)
                    .externalId(r.externalId()).serialNumber(r.mfaSerial()).tokenCode(tokenCode)
                    .durationSeconds(r.durationSeconds()).sourceIdentity(r.sourceIdentity()));
            software.amazon.awssdk.services.sts.model.Credentials c = response.credentials();
            if (c == null || c.accessKeyId() == null || c.secretAccessKey() == null || c.sessionToken() == null
                    || c.expiration() == null) {
                throw new SsokitException(SsoRoleCredentials.OTHER_ERROR,
                        "STS answered AssumeRole for " + r.roleArn() + " without complete credentials");
            }
            // the CLI's cache holds whole seconds; so do we, so both compare expiries alike
            Instant expiration = Instant.ofEpochSecond(c.expiration().getEpochSecond());
            return new Credentials(c.accessKeyId(), c.secretAccessKey(), c.sessionToken(), expiration, r.accountId());
        } catch (AwsServiceException e) {
            AwsErrorDetails d = e.awsErrorDetails();
            String code = d != null && d.errorCode() != null ? d.errorCode() : "HTTP " + e.statusCode();
            String message = d != null && d.errorMessage() != null ? d.errorMessage() : "(no message)";
            String hint = code.equals("ExpiredToken") || code.equals("InvalidClientTokenId")
                    ? "; the source credentials are expired or invalid: renew them" : "";
            throw new SsokitException(SsoRoleCredentials.AWS_ERROR, "An error occurred (" + code
                    + ") when calling the AssumeRole operation: " + message + " (role " + r.roleArn()
                    + (profile == null ? "" : ", profile " + profile) + ")" + hint, e);
        } catch (SdkClientException e) {
            URI uri = Endpoints.resolve(env, Endpoints.Service.STS);
            throw new SsokitException(SsoRoleCredentials.OTHER_ERROR, "cannot reach STS in " + region
                    + (uri == null ? "" : " at " + uri) + ": " + e.getMessage(), e);
        }
    }
}
