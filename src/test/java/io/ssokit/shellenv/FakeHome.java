package io.ssokit.shellenv;

import io.ssokit.Env;
import io.ssokit.credentials.CredentialCache;
import io.ssokit.credentials.Credentials;
import io.ssokit.sso.Instance;
import io.ssokit.sso.SsoToken;
import io.ssokit.sso.TokenCache;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * A fake HOME for the shell commands: a config file with profiles (plain and hostile), and role
 * credentials already in the AWS CLI cache, so {@code env} takes the cache-hit path and its output
 * is deterministic.
 */
public final class FakeHome {
    public static final String START_URL = "https://sandbox.awsapps.com/start";
    public static final String SSO_REGION = "us-east-1";
    /** A profile name that tries everything: quotes, expansions, separators, non-ASCII. */
    public static final String HOSTILE_PROFILE = "dev's $(touch pwned) `id` ; & | * ? ~ -n # % ! é 😀";
    public static final String HOSTILE_ACCOUNT_NAME = "Prod \"EU\" $HOME 'x' \\ ‘’";
    public static final Instant EXPIRATION = Instant.parse("2099-01-02T03:04:05Z");
    public static final Credentials DEV = new Credentials("ASIAEXAMPLEDEV000001", "devSecret/+=abcdefghijklmnopqrstuvwxyz0123",
            "IQoJb3JpZ2luX2VjEDevToken+/=", EXPIRATION, "111111111111");
    public static final Credentials HOSTILE = new Credentials("ASIAEXAMPLEHOSTILE01", "hostileSecret/+=abcdefghijklmnopqrstu",
            "IQoJb3JpZ2luX2VjEHostileToken+/=", EXPIRATION, "222222222222");
    public static final Credentials ROLE = new Credentials("ASIAEXAMPLEROLE00001", "roleSecret/+=abcdefghijklmnopqrstuvwxy",
            "IQoJb3JpZ2luX2VjERoleToken+/=", EXPIRATION, "333333333333");

    public static final String CONFIG = String.join("\n",
            "[default]",
            "region = eu-west-1",
            "",
            "[profile dev]",
            "sso_start_url = " + START_URL,
            "sso_region = " + SSO_REGION,
            "sso_account_id = 111111111111",
            "sso_role_name = Developer",
            "sso_account_name = Development",
            "region = eu-central-1",
            "",
            "[profile \"" + HOSTILE_PROFILE + "\"]",
            "sso_session = corp",
            "sso_account_id = 222222222222",
            "sso_role_name = ReadOnly",
            "sso_account_name = " + HOSTILE_ACCOUNT_NAME,
            "",
            "[profile noregion]",
            "sso_start_url = " + START_URL,
            "sso_region = " + SSO_REGION,
            "sso_account_id = 111111111111",
            "sso_role_name = Developer",
            "",
            "[profile fresh]",
            "sso_start_url = " + START_URL,
            "sso_region = " + SSO_REGION,
            "sso_account_id = 222222222222",
            "sso_role_name = Developer",
            "",
            "[profile static]",
            "aws_access_key_id = AKIAEXAMPLE",
            "aws_secret_access_key = secret",
            "",
            "[sso-session corp]",
            "sso_start_url = " + START_URL,
            "sso_region = " + SSO_REGION,
            "");

    public final Path home;

    private FakeHome(Path home) {
        this.home = home;
    }

    /** Writes the config and the cache entries under {@code home}. */
    public static FakeHome create(Path home) throws IOException {
        Path aws = Files.createDirectories(home.resolve(".aws"));
        Files.write(aws.resolve("config"), CONFIG.getBytes(StandardCharsets.UTF_8));
        CredentialCache cache = new CredentialCache(home.resolve(".aws/cli/cache"));
        cache.save(CredentialCache.ssoKey("111111111111", "Developer", START_URL, null), DEV, "sso");
        cache.save(CredentialCache.ssoKey("222222222222", "ReadOnly", START_URL, "corp"), HOSTILE, "sso");
        // the legacy profiles share corp's start URL, so --account-id/--role-name resolve to the session
        cache.save(CredentialCache.ssoKey("333333333333", "Admin", START_URL, "corp"), ROLE, "sso");
        return new FakeHome(home);
    }

    /** A usable Identity Center token for the legacy instance, so a cache miss can call the sandbox. */
    public void token(String accessToken, Instant expiresAt) {
        TokenCache cache = new TokenCache(home.resolve(".aws/sso/cache"));
        for (Instance i : new Instance[] {Instance.legacy(START_URL, SSO_REGION), Instance.session("corp", START_URL, SSO_REGION, null)}) {
            cache.save(TokenCache.cacheKey(i.tokenKey()), SsoToken.builder().startUrl(START_URL).region(SSO_REGION)
                    .accessToken(accessToken).expiresAt(expiresAt).receivedAt(Instant.now()).build());
        }
    }

    public Env env(String... pairs) {
        Map<String, String> vars = new HashMap<>();
        vars.put("HOME", home.toString());
        for (int i = 0; i < pairs.length; i += 2) {
            vars.put(pairs[i], pairs[i + 1]);
        }
        return new Env(vars, home);
    }
}
