package io.ssokit.credentials;

import io.ssokit.Env;
import io.ssokit.Log;
import io.ssokit.SsokitException;
import io.ssokit.aws.AwsClients;
import io.ssokit.aws.Endpoints;
import io.ssokit.sso.Instance;
import io.ssokit.sso.LoginRequiredException;
import java.net.URI;
import java.time.Instant;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.sso.SsoClient;
import software.amazon.awssdk.services.sso.model.GetRoleCredentialsResponse;
import software.amazon.awssdk.services.sso.model.RoleCredentials;
import software.amazon.awssdk.services.sso.model.UnauthorizedException;

/**
 * The one portal call of the role-credential path, {@code sso:GetRoleCredentials}, and the
 * mapping of its failures. A class of its own so that the SDK types it names (including those in
 * its catch clauses, which the verifier loads with the class) are loaded only on a cache miss.
 */
final class SsoPortalFetch {
    private SsoPortalFetch() {
    }

    /**
     * @param loginHint the command that fixes a rejected token, for the message
     * @throws LoginRequiredException when the portal rejects the token (UnauthorizedException)
     * @throws SsokitException {@link SsoRoleCredentials#AWS_ERROR} when the portal answers with any
     *     other error, {@link SsoRoleCredentials#OTHER_ERROR} when it cannot be reached
     */
    static Credentials getRoleCredentials(Env env, Log debug, Instance instance, String accessToken,
            String accountId, String roleName, String loginHint) {
        AwsClients.configureSdkLogging(0);
        try (AwsClients clients = new AwsClients(env); SsoClient sso = clients.sso(instance.region())) {
            debug.debug("calling sso:GetRoleCredentials for account " + accountId + ", role " + roleName
                    + " in " + instance.region() + endpointNote(clients));
            GetRoleCredentialsResponse response = sso.getRoleCredentials(b -> b.accessToken(accessToken)
                    .accountId(accountId).roleName(roleName));
            RoleCredentials rc = response.roleCredentials();
            if (rc == null || rc.accessKeyId() == null || rc.secretAccessKey() == null
                    || rc.sessionToken() == null || rc.expiration() == null) {
                throw new SsokitException(SsoRoleCredentials.OTHER_ERROR,
                        "ERROR: the Identity Center portal answered GetRoleCredentials without complete credentials");
            }
            // botocore writes the expiry at whole seconds (strftime), and so does the CLI's cache
            Instant expiration = Instant.ofEpochSecond(Math.floorDiv(rc.expiration(), 1000L));
            return new Credentials(rc.accessKeyId(), rc.secretAccessKey(), rc.sessionToken(), expiration,
                    accountId);
        } catch (UnauthorizedException e) {
            throw rejected(instance, loginHint);
        } catch (AwsServiceException e) {
            if (e.statusCode() == 401) {
                // the URL-connection client can drop a 401's body, leaving no error code to map
                throw rejected(instance, loginHint);
            }
            AwsErrorDetails d = e.awsErrorDetails();
            String code = d != null && d.errorCode() != null ? d.errorCode() : "HTTP " + e.statusCode();
            String message = d != null && d.errorMessage() != null ? d.errorMessage() : "(no message)";
            // botocore's ClientError wording, which is what aws-sso-util prints after "ERROR:"
            throw new SsokitException(SsoRoleCredentials.AWS_ERROR, "ERROR: An error occurred (" + code
                    + ") when calling the GetRoleCredentials operation: " + message + " (account " + accountId
                    + ", role " + roleName + ")", e);
        } catch (SdkClientException e) {
            throw new SsokitException(SsoRoleCredentials.OTHER_ERROR, "ERROR: cannot reach the Identity Center"
                    + " portal in " + instance.region() + endpointNote(env) + ": " + e.getMessage(), e);
        }
    }

    private static LoginRequiredException rejected(Instance instance, String loginHint) {
        return new LoginRequiredException(instance, "the Identity Center portal rejected the token for "
                + instance.describe() + " (the sign-in session has ended or was revoked)", loginHint);
    }

    private static String endpointNote(AwsClients clients) {
        URI uri = clients.endpoint(Endpoints.Service.SSO);
        return uri == null ? "" : " at " + uri;
    }

    private static String endpointNote(Env env) {
        URI uri = Endpoints.resolve(env, Endpoints.Service.SSO);
        return uri == null ? "" : " at " + uri;
    }
}
