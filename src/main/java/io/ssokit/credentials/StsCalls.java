package io.ssokit.credentials;

import io.ssokit.Env;
import io.ssokit.SsokitException;
import io.ssokit.aws.AwsClients;
import io.ssokit.aws.Endpoints;
import java.net.URI;
import java.time.Instant;
import java.util.function.Function;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * What the STS calls that hand out credentials ({@link StsAssumeRole}, {@link StsSessionToken}, {@link StsFederationToken})
 * share: a client signed with the caller's credentials, the check that the answer holds complete
 * credentials, and the mapping of failures to credential-process's exit codes with the AWS CLI's
 * wording ({@code An error occurred (Code) when calling the Op operation: message}).
 */
final class StsCalls {
    private StsCalls() {
    }

    /**
     * Runs one STS operation.
     *
     * @param caller the credentials the request is signed with
     * @param operation the operation's name, for messages
     * @param subject what was asked for, for messages (e.g. "role ARN, profile dev")
     * @throws SsokitException {@link SsoRoleCredentials#AWS_ERROR} when STS answers with an error,
     *     {@link SsoRoleCredentials#OTHER_ERROR} when it cannot be reached
     */
    static <T> T call(Env env, String region, Credentials caller, String operation, String subject, Function<StsClient, T> op) {
        AwsClients.configureSdkLogging(0);
        AwsCredentials signer = caller.sessionToken() == null
                ? AwsBasicCredentials.create(caller.accessKeyId(), caller.secretAccessKey())
                : AwsSessionCredentials.create(caller.accessKeyId(), caller.secretAccessKey(), caller.sessionToken());
        try (AwsClients clients = new AwsClients(env);
                StsClient sts = clients.sts(region, StaticCredentialsProvider.create(signer))) {
            return op.apply(sts);
        } catch (AwsServiceException e) {
            AwsErrorDetails d = e.awsErrorDetails();
            String code = d != null && d.errorCode() != null ? d.errorCode() : "HTTP " + e.statusCode();
            String message = d != null && d.errorMessage() != null ? d.errorMessage() : "(no message)";
            String hint = code.equals("ExpiredToken") || code.equals("InvalidClientTokenId")
                    ? "; the source credentials are expired or invalid: renew them" : "";
            throw new SsokitException(SsoRoleCredentials.AWS_ERROR, "An error occurred (" + code + ") when calling the "
                    + operation + " operation: " + message + " (" + subject + ")" + hint, e);
        } catch (SdkClientException e) {
            URI uri = Endpoints.resolve(env, Endpoints.Service.STS);
            throw new SsokitException(SsoRoleCredentials.OTHER_ERROR, "cannot reach STS in " + region
                    + (uri == null ? "" : " at " + uri) + ": " + e.getMessage(), e);
        }
    }

    /**
     * The answer's credentials, the expiry in whole seconds (the CLI's cache holds whole seconds;
     * so do we, so both compare expiries alike).
     *
     * @throws SsokitException {@link SsoRoleCredentials#OTHER_ERROR} when a part is missing
     */
    static Credentials temporary(software.amazon.awssdk.services.sts.model.Credentials c, String accountId, String operation,
            String subject) {
        if (c == null || c.accessKeyId() == null || c.secretAccessKey() == null || c.sessionToken() == null
                || c.expiration() == null) {
            throw new SsokitException(SsoRoleCredentials.OTHER_ERROR,
                    "STS answered " + operation + " for " + subject + " without complete credentials");
        }
        return new Credentials(c.accessKeyId(), c.secretAccessKey(), c.sessionToken(),
                Instant.ofEpochSecond(c.expiration().getEpochSecond()), accountId);
    }
}
