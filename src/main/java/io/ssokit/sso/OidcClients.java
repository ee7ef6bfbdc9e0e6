package io.ssokit.sso;

import io.ssokit.Env;
import io.ssokit.aws.AwsClients;
import io.ssokit.aws.Endpoints;
import java.net.URI;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.sso.SsoClient;
import software.amazon.awssdk.services.ssooidc.SsoOidcClient;

/**
 * The SDK clients a token source or a logout needs, one per region, built on first use. Kept
 * apart from {@link SsoTokens} so that holding a token source loads no SDK class until a call
 * to AWS is really made.
 */
final class OidcClients {
    private final AwsClients aws;
    private final ConcurrentHashMap<String, SsoOidcClient> oidc = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, SsoClient> portal = new ConcurrentHashMap<>();

    OidcClients(Env env) {
        this.aws = new AwsClients(env);
    }

    SsoOidcClient oidc(String region) {
        return oidc.computeIfAbsent(region, aws::oidc);
    }

    SsoClient portal(String region) {
        return portal.computeIfAbsent(region, aws::sso);
    }

    /** The sso-oidc endpoint override, or null for AWS's own. */
    URI oidcOverride() {
        return aws.endpoint(Endpoints.Service.SSO_OIDC);
    }

    /** The portal endpoint override, or null for AWS's own. */
    URI portalOverride() {
        return aws.endpoint(Endpoints.Service.SSO);
    }
}
