package io.ssokit.sso;

import io.ssokit.Env;
import io.ssokit.Log;
import java.time.Clock;

/**
 * The {@link TokenSource} every command uses. This first version serves cached tokens only:
 * a usable token from the AWS-CLI-compatible cache, else {@link LoginRequiredException}. The
 * login flows (device code, PKCE, refresh) replace {@link #token} behind the same contract.
 */
public final class SsoTokens implements TokenSource {
    private final Log log;
    private final Clock clock;
    private final TokenCache cache;

    private SsoTokens(Env env, Log log, Clock clock) {
        this.log = log;
        this.clock = clock;
        this.cache = TokenCache.of(env);
    }

    public static SsoTokens create(Env env, Log log) {
        return new SsoTokens(env, log, Clock.systemUTC());
    }

    @Override
    public SsoToken token(Instance instance, Mode mode) {
        if (mode != Mode.FORCE_LOGIN) {
            SsoToken t = cache.load(TokenCache.cacheKey(instance.tokenKey())).orElse(null);
            if (t != null && t.isUsable(clock)) {
                log.debug("using the cached token for " + instance.describe());
                return t;
            }
        }
        throw new LoginRequiredException(instance, "no usable Identity Center token for " + instance.describe(),
                LoginRequiredException.hint(instance, null));
    }
}
