package io.ssokit.credentials;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.ssokit.json.PythonJson;
import io.ssokit.json.ReferencePython;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The role-credential cache against botocore's own fetchers ({@code SSOCredentialFetcher},
 * {@code AssumeRoleCredentialFetcher}), in Debian's botocore and in the AWS CLI v2's bundled one.
 */
class BotocoreCredentialCacheInteropTest {
    static final String START_URL = "https://example.awsapps.com/start";

    @TempDir
    Path dir;

    @BeforeEach
    void requireReference() {
        ReferencePython.assumeAvailable();
    }

    @Test
    void ssoKeyVectorsFromBothBotocores() {
        List<Object[]> cases = List.of(
                new Object[] {"123456789012", "Developer", START_URL, null},
                new Object[] {"123456789012", "Developer", START_URL, "my-sso"},
                new Object[] {"000000000000", "AWSAdministratorAccess",
                    "https://d-1234567890.awsapps.com/start/#/", null},
                new Object[] {"123456789012", "R\u00f4le \"q\"", "https://x/\u4e2d", "s\u00e9ssion"},
                new Object[] {"123456789012", "Developer", START_URL, ""});
        String script = """
                import sys, json
                from botocore.credentials import SSOCredentialFetcher
                for account, role, url, session in json.loads(sys.argv[1]):
                    print(SSOCredentialFetcher(url, 'us-east-1', role, account, None,
                          sso_session_name=session)._cache_key)
                """;
        List<Object> args = new ArrayList<>();
        List<String> actual = new ArrayList<>();
        for (Object[] c : cases) {
            args.add(Arrays.asList(c));
            actual.add(CredentialCache.ssoKey((String) c[0], (String) c[1], (String) c[2],
                    (String) c[3]));
        }
        String json = PythonJson.dumps(args, true);
        assertEquals(actual, ReferencePython.run(ReferencePython.DEBIAN_BOTOCORE + script, json)
                .lines().toList());
        assertEquals(actual, ReferencePython.run(ReferencePython.CLI_BOTOCORE + script, json)
                .lines().toList());
        assertEquals("bf0133546a54b4c408c46d58bd4d8c6ac367c853", actual.get(0));
    }

    @Test
    void assumeRoleKeyVectorsFromBotocore() {
        String arn = "arn:aws:iam::123456789012:role/Admin";
        List<Map<String, Object>> cases = new ArrayList<>();
        cases.add(map("RoleArn", arn));
        cases.add(map("RoleArn", arn, "RoleSessionName", "me@example.com"));
        cases.add(map("RoleArn", arn, "RoleSessionName", "s", "ExternalId", "ext-\u00e9",
                "SerialNumber", "arn:aws:iam::123456789012:mfa/me", "DurationSeconds", 43200));
        cases.add(map("RoleArn", arn, "Policy", "{\"Version\": \"2012-10-17\", \"Statement\": "
                + "[{\"Resource\": \"*\", \"Effect\": \"Allow\", \"Action\": [\"s3:Get*\"], "
                + "\"Condition\": {\"NumericLessThan\": {\"aws:MultiFactorAuthAge\": 3600.0}}}]}",
                "PolicyArns", List.of(map("arn", "arn:aws:iam::aws:policy/ReadOnlyAccess"))));
        // Debian's botocore and the CLI's: assume-role and web-identity fetchers share the scheme
        String script = """
                import sys, json
                from botocore.credentials import (AssumeRoleCredentialFetcher,
                    AssumeRoleWithWebIdentityCredentialFetcher)
                for args in json.loads(sys.argv[1]):
                    arn = args.pop('RoleArn')
                    a = AssumeRoleCredentialFetcher(None, None, arn, extra_args=dict(args))
                    w = AssumeRoleWithWebIdentityCredentialFetcher(None, None, arn,
                        extra_args=dict(args))
                    print(a._cache_key, w._cache_key)
                """;
        List<String> expected = new ArrayList<>();
        for (Map<String, Object> c : cases) {
            String key = CredentialCache.assumeRoleKey(c);
            expected.add(key + " " + key);
        }
        String json = PythonJson.dumps(cases, true);
        assertEquals(expected, ReferencePython.run(ReferencePython.DEBIAN_BOTOCORE + script, json)
                .lines().toList());
        assertEquals(expected, ReferencePython.run(ReferencePython.CLI_BOTOCORE + script, json)
                .lines().toList());
    }

    @Test
    void assumeRoleKeyFromProfileSettingsMatchesTheCliProvider() {
        // AssumeRoleProvider._load_creds_via_assume_role builds extra_args from the profile;
        // the profile's duration_seconds becomes an int
        String script = ReferencePython.CLI_BOTOCORE + """
                import sys
                from botocore.credentials import AssumeRoleCredentialFetcher
                arn, session, external, mfa, duration = sys.argv[1:6]
                extra = {}
                if session: extra['RoleSessionName'] = session
                if external: extra['ExternalId'] = external
                if mfa: extra['SerialNumber'] = mfa
                if duration: extra['DurationSeconds'] = int(duration)
                print(AssumeRoleCredentialFetcher(None, None, arn, extra_args=extra)._cache_key)
                """;
        String arn = "arn:aws:iam::123456789012:role/Admin";
        assertEquals(CredentialCache.assumeRoleKey(arn, null, null, null, null),
                ReferencePython.run(script, arn, "", "", "", "").strip());
        assertEquals(CredentialCache.assumeRoleKey(arn, "ssokit", "ext", "arn:mfa", 3600),
                ReferencePython.run(script, arn, "ssokit", "ext", "arn:mfa", "3600").strip());
    }

    /** What `aws` (and botocore) do with an entry ssokit wrote: use it without calling AWS. */
    @Test
    void botocoreUsesAnEntrySsokitWrote() {
        // botocore compares against the real clock, so the entry must really be fresh
        Instant expiration = Instant.now().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
        CredentialCache cache = new CredentialCache(dir);
        cache.save(CredentialCache.ssoKey("123456789012", "Developer", START_URL, null),
                new Credentials("ASIA1", "secret/1+", "token=1", expiration, "123456789012"), "sso");
        cache.save(CredentialCache.ssoKey("123456789012", "Developer", START_URL, "my-sso"),
                new Credentials("ASIA2", "secret2", "token2", expiration, null), "sso");
        String script = """
                import sys
                from botocore.credentials import SSOCredentialFetcher
                from botocore.utils import JSONFileCache
                def no_client(*a, **kw):
                    raise AssertionError('the cache entry was not used')
                for session in (None, 'my-sso'):
                    f = SSOCredentialFetcher(sys.argv[2], 'us-east-1', 'Developer', '123456789012',
                        no_client, cache=JSONFileCache(sys.argv[1]), sso_session_name=session)
                    c = f.fetch_credentials()
                    print(c['access_key'], c['secret_key'], c['token'], c['expiry_time'])
                """;
        String iso = expiration.toString(); // a cached string is passed through unchanged
        String expected = "ASIA1 secret/1+ token=1 " + iso + "\nASIA2 secret2 token2 " + iso + "\n";
        assertEquals(expected, ReferencePython.run(ReferencePython.DEBIAN_BOTOCORE + script,
                dir.toString(), START_URL));
        assertEquals(expected, ReferencePython.run(ReferencePython.CLI_BOTOCORE + script,
                dir.toString(), START_URL));
    }

    @Test
    void ssokitUsesEntriesBotocoreWrote() {
        long expirationMs = Instant.now().plus(Duration.ofHours(1)).toEpochMilli() / 1000 * 1000
                + 987;
        String script = ReferencePython.DEBIAN_BOTOCORE + """
                import sys, datetime
                from dateutil.tz import tzutc
                from botocore.credentials import SSOCredentialFetcher, AssumeRoleCredentialFetcher
                from botocore.credentials import Credentials
                from botocore.utils import JSONFileCache
                cache_dir, start_url, expiration_ms = sys.argv[1], sys.argv[2], int(sys.argv[3])
                class StubSso:
                    class exceptions:
                        class UnauthorizedException(Exception): pass
                    def get_role_credentials(self, **kw):
                        return {'roleCredentials': {'accessKeyId': 'ASIASSO',
                            'secretAccessKey': 'sso-secret', 'sessionToken': 'sso-token',
                            'expiration': expiration_ms}}
                class StubSts:
                    def assume_role(self, **kw):
                        return {'Credentials': {'AccessKeyId': 'ASIAROLE',
                            'SecretAccessKey': 'role-secret', 'SessionToken': 'role-token',
                            'Expiration': datetime.datetime.fromtimestamp(expiration_ms // 1000,
                                                                          tzutc())},
                            'AssumedRoleUser': {'AssumedRoleId': 'AROA:me', 'Arn': 'arn'},
                            'ResponseMetadata': {'RequestId': 'r', 'RetryAttempts': 0}}
                class Token:
                    def __call__(self, url):
                        return {'accessToken': 'x'}
                sso = SSOCredentialFetcher(start_url, 'us-east-1', 'Developer', '123456789012',
                    lambda *a, **kw: StubSso(), token_loader=Token(),
                    cache=JSONFileCache(cache_dir))
                sso.fetch_credentials()
                role = AssumeRoleCredentialFetcher(lambda *a, **kw: StubSts(),
                    Credentials('a', 'b'), 'arn:aws:iam::123456789012:role/Admin',
                    extra_args={'RoleSessionName': 'me'}, cache=JSONFileCache(cache_dir))
                role.fetch_credentials()
                print(open(cache_dir + '/' + role._cache_key + '.json').read())
                """;
        String written = ReferencePython.run(script, dir.toString(), START_URL,
                Long.toString(expirationMs));
        Instant expected = Instant.ofEpochMilli(expirationMs).truncatedTo(ChronoUnit.SECONDS);
        CredentialCache cache = new CredentialCache(dir);

        Credentials sso = cache.load(CredentialCache.ssoKey("123456789012", "Developer", START_URL,
                null)).orElseThrow();
        assertEquals(new Credentials("ASIASSO", "sso-secret", "sso-token", expected, null), sso);

        assertEquals(true, written.contains("UTC\""), "botocore's old timestamp form: " + written);
        Credentials role = cache.load(CredentialCache.assumeRoleKey(
                "arn:aws:iam::123456789012:role/Admin", "me", null, null, null)).orElseThrow();
        assertEquals("ASIAROLE", role.accessKeyId());
        assertEquals(expected, role.expiration());
        assertNull(role.accountId());
    }

    private static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }
}
