package io.ssokit.sso;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.auth.token.credentials.SdkToken;
import software.amazon.awssdk.services.ssooidc.SsoOidcClient;
import software.amazon.awssdk.services.ssooidc.SsoOidcTokenProvider;
import software.amazon.awssdk.services.ssooidc.model.CreateTokenRequest;
import software.amazon.awssdk.services.ssooidc.model.CreateTokenResponse;

/**
 * Run in a child JVM whose HOME is a scratch directory (the SDK fixes its cache location from
 * HOME when the class loads): resolves the sso-session token through the Java SDK's
 * SsoOidcTokenProvider with a stub sso-oidc client, so a token inside the SDK's refresh window
 * is refreshed and written back by the SDK. Prints the token and the CreateToken request.
 */
public final class SdkTokenRefreshMain {
    private SdkTokenRefreshMain() {
    }

    public static void main(String[] args) {
        List<CreateTokenRequest> seen = new ArrayList<>();
        SsoOidcClient stub = new SsoOidcClient() {
            @Override
            public String serviceName() {
                return "sso-oidc";
            }

            @Override
            public void close() {
            }

            @Override
            public CreateTokenResponse createToken(CreateTokenRequest request) {
                seen.add(request);
                return CreateTokenResponse.builder().accessToken("sdk-refreshed-access")
                        .refreshToken("sdk-refreshed-refresh").expiresIn(28800).tokenType("Bearer")
                        .build();
            }
        };
        try (SsoOidcTokenProvider provider = SsoOidcTokenProvider.builder().sessionName(args[0])
                .ssoOidcClient(stub).build()) {
            SdkToken token = provider.resolveToken();
            System.out.println(token.token());
            for (CreateTokenRequest r : seen) {
                System.out.println(r.grantType() + " " + r.clientId() + " " + r.clientSecret() + " "
                        + r.refreshToken());
            }
        }
    }
}
