package io.ssokit.sso;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ssokit.json.PythonJson;
import io.ssokit.json.ReferencePython;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The token and registration caches against the real thing: the AWS CLI v2's login code
 * ({@code SSOTokenFetcher} in its bundled botocore) and Debian's botocore ({@code SSOTokenLoader},
 * {@code SSOTokenProvider}), run by /usr/bin/python3 with stub OIDC clients.
 */
class BotocoreTokenInteropTest {
    static final String START_URL = "https://example.awsapps.com/start";
    static final Instant NOW = Instant.parse("2024-06-02T18:10:44Z");

    @TempDir
    Path dir;

    @BeforeEach
    void requireReference() {
        ReferencePython.assumeAvailable();
    }

    /** Runs the CLI's SSOTokenFetcher.fetch_token as `aws sso login` does, with a stub sso-oidc. */
    private static final String CLI_LOGIN = ReferencePython.CLI_BOTOCORE + """
            import sys, json, datetime
            from dateutil.tz import tzutc
            from botocore.utils import SSOTokenFetcher, JSONFileCache
            from awscli.customizations.sso.utils import _sso_json_dumps
            cache_dir, start_url, region, session_name, scopes_json, now_epoch = sys.argv[1:7]
            session_name = session_name or None
            scopes = json.loads(scopes_json)
            now = datetime.datetime.fromtimestamp(int(now_epoch), tzutc())
            class Exc:
                class SlowDownException(Exception): pass
                class AuthorizationPendingException(Exception): pass
                class ExpiredTokenException(Exception): pass
            class StubOidc:
                exceptions = Exc
                def register_client(self, **kw):
                    return {'clientId': 'cid-1', 'clientSecret': 'csecret-1',
                            'clientSecretExpiresAt': int(now_epoch) + 90 * 86400}
                def start_device_authorization(self, **kw):
                    return {'deviceCode': 'dc', 'userCode': 'UC', 'expiresIn': 600,
                            'verificationUri': 'https://d', 'verificationUriComplete': 'https://d?c'}
                def create_token(self, **kw):
                    r = {'accessToken': 'access-1', 'tokenType': 'Bearer', 'expiresIn': 28800}
                    if session_name:
                        r['refreshToken'] = 'refresh-1'
                    return r
            fetcher = SSOTokenFetcher(region, client_creator=lambda name, config=None: StubOidc(),
                cache=JSONFileCache(cache_dir, dumps_func=_sso_json_dumps),
                on_pending_authorization=lambda **kw: None, time_fetcher=lambda: now,
                sleep=lambda s: None)
            fetcher.fetch_token(start_url=start_url, session_name=session_name,
                force_refresh=True, registration_scopes=scopes)
            print(fetcher._token_cache_key(start_url, session_name))
            print(fetcher._registration_cache_key(start_url, session_name, scopes))
            """;

    @Test
    void readsWhatAwsSsoLoginWritesForAnSsoSession() throws IOException {
        String[] keys = cliLogin("my-session", "[\"sso:account:access\"]");
        assertEquals(TokenCache.cacheKey("my-session"), keys[0]);
        assertEquals(RegistrationCache.cliKey(START_URL, "us-east-2",
                List.of("sso:account:access"), "my-session"), keys[1]);
        assertEquals(Set.of(keys[0] + ".json", keys[1] + ".json"), fileNames());

        SsoToken token = new TokenCache(dir).load(keys[0]).orElseThrow();
        assertEquals(START_URL, token.startUrl());
        assertEquals("us-east-2", token.region());
        assertEquals("access-1", token.accessToken());
        assertEquals(NOW.plus(Duration.ofHours(8)), token.expiresAt());
        assertEquals("cid-1", token.clientId());
        assertEquals("csecret-1", token.clientSecret());
        assertEquals(NOW.plus(Duration.ofDays(90)), token.registrationExpiresAt());
        assertEquals("refresh-1", token.refreshToken());
        assertTrue(token.extraFields().isEmpty(), token.extraFields().toString());

        ClientRegistration reg = new RegistrationCache(dir).load(keys[1]).orElseThrow();
        assertEquals("cid-1", reg.clientId());
        assertEquals("csecret-1", reg.clientSecret());
        assertEquals(NOW.plus(Duration.ofDays(90)), reg.expiresAt());
        assertEquals(List.of("sso:account:access"), reg.scopes());
    }

    @Test
    void readsWhatAwsSsoLoginWritesForALegacyProfile() throws IOException {
        String[] keys = cliLogin("", "null");
        assertEquals("e8be5486177c5b5392bd9aa76563515b29358e6e", keys[0]);
        assertEquals(RegistrationCache.cliKey(START_URL, "us-east-2", null, null), keys[1]);
        SsoToken token = new TokenCache(dir).load(keys[0]).orElseThrow();
        assertEquals("access-1", token.accessToken());
        assertEquals(NOW.plus(Duration.ofHours(8)), token.expiresAt());
        assertNull(token.refreshToken());
        ClientRegistration reg = new RegistrationCache(dir).load(keys[1]).orElseThrow();
        assertNull(reg.scopes());
    }

    private String[] cliLogin(String session, String scopesJson) {
        String out = ReferencePython.run(CLI_LOGIN, dir.toString(), START_URL, "us-east-2", session,
                scopesJson, Long.toString(NOW.getEpochSecond()));
        return out.strip().split("\n");
    }

    private Set<String> fileNames() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return new TreeSet<>(files.map(p -> p.getFileName().toString()).toList());
        }
    }

    @Test
    void registrationKeyVectorsFromTheCli() {
        List<Object[]> cases = List.of(
                new Object[] {START_URL, "us-east-1", null, null},
                new Object[] {START_URL, "us-east-1", null, "dev"},
                new Object[] {START_URL, "us-east-1", List.of(), "dev"},
                new Object[] {START_URL, "eu-west-1", List.of("sso:account:access"), "dev"},
                new Object[] {START_URL, "eu-west-1", List.of("sso:account:access", "codewhisperer:x"),
                    "my session"},
                new Object[] {"https://d-1234567890.awsapps.com/start/", "ap-south-1", null,
                    "s\u00e9ssion-\u4e2d"});
        String script = ReferencePython.CLI_BOTOCORE + """
                import sys, json
                from botocore.utils import SSOTokenFetcher
                for start_url, region, scopes, session in json.loads(sys.argv[1]):
                    print(SSOTokenFetcher(region, None)._registration_cache_key(
                        start_url, session, scopes))
                """;
        List<Object> args = new ArrayList<>();
        for (Object[] c : cases) {
            args.add(Arrays.asList(c));
        }
        List<String> expected = ReferencePython.run(script, PythonJson.dumps(args, true))
                .lines().toList();
        List<String> actual = new ArrayList<>();
        for (Object[] c : cases) {
            @SuppressWarnings("unchecked")
            List<String> scopes = (List<String>) c[2];
            actual.add(RegistrationCache.cliKey((String) c[0], (String) c[1], scopes, (String) c[3]));
        }
        assertEquals(expected, actual);
    }

    @Test
    void tokenKeyVectorsFromBotocore() {
        String script = ReferencePython.DEBIAN_BOTOCORE + """
                import sys
                from botocore.utils import SSOTokenLoader
                loader = SSOTokenLoader()
                for arg in sys.argv[1:]:
                    print(loader._generate_cache_key(arg, None))
                    print(loader._generate_cache_key('https://ignored', arg))
                """;
        List<String> inputs = List.of(START_URL, "my-session", "s\u00e9ssion \u4e2d\uD83D\uDE00",
                "https://d-1234567890.awsapps.com/start/#/");
        List<String> expected = ReferencePython.run(script, inputs.toArray(new String[0]))
                .lines().toList();
        List<String> actual = new ArrayList<>();
        for (String s : inputs) {
            actual.add(TokenCache.cacheKey(s));
            actual.add(TokenCache.cacheKey(s));
        }
        assertEquals(expected, actual);
        assertEquals("e8be5486177c5b5392bd9aa76563515b29358e6e", expected.get(0));
    }

    @Test
    void botocoreLoadsWhatSsokitWrites() {
        TokenCache cache = new TokenCache(dir);
        cache.save(TokenCache.cacheKey(START_URL), TokenCacheTest.legacyToken());
        cache.save(TokenCache.cacheKey("my-session"), TokenCacheTest.sessionToken());
        String script = """
                import sys
                from dateutil.parser import parse
                from botocore.utils import SSOTokenLoader, JSONFileCache
                loader = SSOTokenLoader(cache=JSONFileCache(sys.argv[1]))
                for t in (loader(sys.argv[2]), loader(sys.argv[2], session_name='my-session')):
                    print(t['accessToken'], parse(t['expiresAt']).isoformat(),
                          t.get('refreshToken'), t.get('clientId'),
                          t.get('registrationExpiresAt') and
                          parse(t['registrationExpiresAt']).isoformat())
                """;
        String expected = "aoaSECRETaccess 2024-06-03T02:10:44+00:00 None None None\n"
                + "aoaSECRETaccess 2024-06-02T19:10:44+00:00 SECRETrefresh client-id-1"
                + " 2024-08-31T18:10:44+00:00\n";
        assertEquals(expected, ReferencePython.run(ReferencePython.DEBIAN_BOTOCORE + script,
                dir.toString(), START_URL));
        assertEquals(expected, ReferencePython.run(ReferencePython.CLI_BOTOCORE + script,
                dir.toString(), START_URL));
    }

    /**
     * botocore's SSOTokenProvider (what the SDK for Python and AWS CLI use for sso-session
     * profiles) takes an ssokit token that is inside its 15-minute window, refreshes it with the
     * client and refresh token ssokit stored, and writes the result, which ssokit reads back.
     */
    @Test
    void botocoreRefreshesAnSsokitSessionTokenAndSsokitReadsTheResult() {
        TokenCache cache = new TokenCache(dir);
        String key = TokenCache.cacheKey("my-session");
        SsoToken mine = TokenCacheTest.sessionToken().toBuilder()
                .expiresAt(NOW.plus(Duration.ofMinutes(5))).extraField("x-tool", "{\"a\":1}")
                .build();
        cache.save(key, mine);
        String script = ReferencePython.DEBIAN_BOTOCORE + """
                import sys, json, datetime
                from dateutil.tz import tzutc
                from botocore.tokens import SSOTokenProvider, _sso_json_dumps
                from botocore.utils import JSONFileCache
                cache_dir, start_url, now_epoch = sys.argv[1:4]
                now = datetime.datetime.fromtimestamp(int(now_epoch), tzutc())
                calls = []
                class StubOidc:
                    def create_token(self, **kw):
                        calls.append(kw)
                        return {'accessToken': 'refreshed-access', 'expiresIn': 28800,
                                'refreshToken': 'refreshed-refresh'}
                class FakeSession:
                    full_config = {
                        'profiles': {'dev': {'sso_session': 'my-session'}},
                        'sso_sessions': {'my-session': {
                            'sso_start_url': start_url, 'sso_region': 'us-east-2'}}}
                    def get_config_variable(self, name):
                        return 'dev' if name == 'profile' else None
                    def create_client(self, name, config=None):
                        assert name == 'sso-oidc' and config.region_name == 'us-east-2'
                        return StubOidc()
                provider = SSOTokenProvider(FakeSession(),
                    cache=JSONFileCache(cache_dir, dumps_func=_sso_json_dumps),
                    time_fetcher=lambda: now)
                token = provider.load_token().get_frozen_token()
                print(json.dumps({'token': token.token, 'calls': calls}, sort_keys=True))
                """;
        String out = ReferencePython.run(script, dir.toString(), START_URL,
                Long.toString(NOW.getEpochSecond()));
        assertEquals("{\"calls\": [{\"clientId\": \"client-id-1\", \"clientSecret\": \"SECRETclient\","
                + " \"grantType\": \"refresh_token\", \"refreshToken\": \"SECRETrefresh\"}],"
                + " \"token\": \"refreshed-access\"}", out.strip());

        SsoToken refreshed = cache.load(key).orElseThrow();
        assertEquals("refreshed-access", refreshed.accessToken());
        assertEquals("refreshed-refresh", refreshed.refreshToken());
        assertEquals(NOW.plus(Duration.ofHours(8)), refreshed.expiresAt());
        assertEquals(START_URL, refreshed.startUrl());
        assertEquals("us-east-2", refreshed.region());
        assertEquals(mine.clientId(), refreshed.clientId());
        assertEquals(mine.clientSecret(), refreshed.clientSecret());
        assertEquals(mine.registrationExpiresAt(), refreshed.registrationExpiresAt());
        // botocore rebuilds the dict on refresh: fields it does not know are lost there, not here
        assertEquals(Map.of(), refreshed.extraFields());
    }

    @Test
    void toleratesOlderBotocoreTimestampForms() {
        // JSONFileCache's default dumps (no _sso_json_dumps) writes strftime('%Y-%m-%dT%H:%M:%S%Z'),
        // i.e. a "UTC" suffix; Python's isoformat() writes +00:00 and microseconds
        String script = ReferencePython.DEBIAN_BOTOCORE + """
                import sys, datetime
                from dateutil.tz import tzutc
                from botocore.utils import JSONFileCache
                now = datetime.datetime.fromtimestamp(int(sys.argv[2]), tzutc())
                JSONFileCache(sys.argv[1])['old'] = {'startUrl': 'u', 'region': 'r',
                    'accessToken': 'a', 'expiresAt': now, 'receivedAt': now}
                JSONFileCache(sys.argv[1])['iso'] = {'accessToken': 'a',
                    'expiresAt': (now + datetime.timedelta(microseconds=250000)).isoformat()}
                """;
        ReferencePython.run(script, dir.toString(), Long.toString(NOW.getEpochSecond()));
        TokenCache cache = new TokenCache(dir);
        SsoToken old = cache.load("old").orElseThrow();
        assertEquals(NOW, old.expiresAt());
        assertEquals(NOW, old.receivedAt());
        assertEquals(NOW.plusMillis(250), cache.load("iso").orElseThrow().expiresAt());
    }
}
