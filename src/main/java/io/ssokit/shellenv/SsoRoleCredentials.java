package io.ssokit.shellenv;

import io.ssokit.Env;
import io.ssokit.ExitCodes;
import io.ssokit.Log;
import io.ssokit.SsokitException;
import io.ssokit.aws.AwsClients;
import io.ssokit.credentials.CredentialCache;
import io.ssokit.credentials.Credentials;
import io.ssokit.json.CacheFileException;
import io.ssokit.lock.SingleFlight;
import io.ssokit.sso.LoginRequiredException;
import io.ssokit.sso.SsoToken;
import io.ssokit.sso.TokenSource;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sso.SsoClient;
import software.amazon.awssdk.services.sso.model.RoleCredentials;
import software.amazon.awssdk.services.sso.model.SsoException;
import software.amazon.awssdk.services.sso.model.UnauthorizedException;

/**
 * {@link CredentialSource} over the AWS CLI's role-credential cache: a fresh cached entry (more
 * than 15 minutes left) is used as is; otherwise, under a cross-process single flight, an
 * Identity Center token from the {@link TokenSource} buys new credentials with
 * {@code sso:GetRoleCredentials}, which are cached for the CLI, SDKs and the next call. The SDK
 * is only loaded on a miss.
 */
public final class SsoRoleCredentials implements CredentialSource {
    private final Env env;
    private final Log log;
    private final TokenSource tokens;
    private final CredentialCache cache;
    private final Clock clock;

    public SsoRoleCredentials(Env env, Log log, TokenSource tokens, Clock clock) {
        this.env = env;
        this.log = log;
        this.tokens = tokens;
        this.cache = CredentialCache.of(env);
        this.clock = clock;
    }

    @Override
    public Credentials credentials(Identity id, TokenSource.Mode mode, boolean forceRefresh) {
        String key = CredentialCache.ssoKey(id.accountId(), id.roleName(), id.instance().startUrl(), id.instance().sessionName());
        // with forceRefresh the cache is never a hit, but the lock still keeps concurrent refreshes from racing
        Supplier<Optional<Credentials>> cached = forceRefresh ? Optional::empty : () -> fresh(key);
        return SingleFlight.get(cache.lockFile(key), cached, () -> fetch(id, key, mode));
    }

    private Optional<Credentials> fresh(String key) {
        try {
            return cache.loadFresh(key, CredentialCache.DEFAULT_REFRESH_MARGIN, clock);
        } catch (CacheFileException e) {
            if (e.problem() == CacheFileException.Problem.CORRUPT || e.problem() == CacheFileException.Problem.INSECURE_PERMISSIONS) {
                log.warn(e.getMessage() + "; fetching new credentials to replace it");
                return Optional.empty();
            }
            throw e;
        }
    }

    private Credentials fetch(Identity id, String key, TokenSource.Mode mode) {
        SsoToken token = tokens.token(id.instance(), mode);
        log.debug("calling sso:GetRoleCredentials for account " + id.accountId() + ", role " + id.roleName());
        RoleCredentials rc;
        try (AwsClients clients = new AwsClients(env); SsoClient sso = clients.sso(id.instance().region())) {
            rc = sso.getRoleCredentials(r -> r.accessToken(token.accessToken()).accountId(id.accountId()).roleName(id.roleName()))
                    .roleCredentials();
        } catch (UnauthorizedException e) {
            throw new LoginRequiredException(id.instance(), "Identity Center no longer accepts the cached token for "
                    + id.instance().describe(), LoginRequiredException.hint(id.instance(), id.profile()));
        } catch (SsoException e) {
            if (e.statusCode() == 403 || e.statusCode() == 404) {
                throw new SsokitException(ExitCodes.ERROR, "no access to role " + id.roleName() + " in account " + id.accountId()
                        + " on " + id.instance().describe());
            }
            throw new SsokitException(ExitCodes.ERROR, "sso:GetRoleCredentials failed: " + e.awsErrorDetails().errorMessage());
        } catch (SdkException e) {
            throw new SsokitException(ExitCodes.ERROR, "sso:GetRoleCredentials failed: " + e.getMessage());
        }
        Credentials c = new Credentials(rc.accessKeyId(), rc.secretAccessKey(), rc.sessionToken(),
                Instant.ofEpochMilli(rc.expiration()), id.accountId());
        cache.save(key, c, "sso");
        return c;
    }
}
