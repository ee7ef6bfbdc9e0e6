package io.ssokit.sso;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ssokit.Env;
import io.ssokit.Log;
import io.ssokit.config.AwsConfig;
import io.ssokit.config.IniDocument;
import io.ssokit.sso.InstanceResolver.Failure;
import io.ssokit.sso.InstanceResolver.Request;
import io.ssokit.sso.InstanceResolver.ResolutionException;
import io.ssokit.sso.InstanceResolver.Vars;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InstanceResolverTest {
    static final String CONFIG = String.join("\n",
            "[profile a]",
            "sso_start_url = https://alpha.awsapps.com/start",
            "sso_region = us-east-1",
            "sso_account_id = 111111111111",
            "sso_role_name = Dev",
            "[profile a2]",
            "sso_start_url = https://alpha.awsapps.com/start",
            "sso_region = eu-west-1",
            "[profile b]",
            "sso_start_url = https://beta.awsapps.com/start",
            "sso_region = us-west-2",
            "[profile s]",
            "sso_session = corp",
            "sso_account_id = 222222222222",
            "sso_role_name = ReadOnly",
            "[sso-session corp]",
            "sso_start_url = https://corp.awsapps.com/start",
            "sso_region = eu-central-1",
            "sso_registration_scopes = sso:account:access",
            "[profile plain]",
            "region = us-east-1",
            "");

    final StringWriter warnings = new StringWriter();

    InstanceResolver resolver(String config, String... envKv) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < envKv.length; i += 2) {
            m.put(envKv[i], envKv[i + 1]);
        }
        AwsConfig cfg = AwsConfig.of(IniDocument.parse(config, "config"), IniDocument.empty("credentials"));
        return new InstanceResolver(new Env(m, Path.of("/nonexistent")), cfg, new Log(new PrintWriter(warnings, true), 0));
    }

    @Test
    void configuredInstancesAreDedupedSortedAndIncludeSessions() {
        List<Instance> all = resolver(CONFIG).configured();
        assertEquals(List.of(
                Instance.legacy("https://alpha.awsapps.com/start", "us-east-1"),
                Instance.legacy("https://beta.awsapps.com/start", "us-west-2"),
                Instance.session("corp", "https://corp.awsapps.com/start", "eu-central-1", List.of("sso:account:access"))), all);
        assertTrue(warnings.toString().contains("region mismatch"), warnings.toString());
    }

    @Test
    void regexSelectsOneUnanchored() {
        Instance i = resolver(CONFIG).resolve(Request.of("beta", null, Vars.DEFAULT)).instance();
        assertEquals("https://beta.awsapps.com/start", i.startUrl());
        Instance c = resolver(CONFIG).resolve(Request.of("corp", null, Vars.DEFAULT)).instance();
        assertEquals("corp", c.sessionName());
    }

    @Test
    void severalMatchesOrNoneAreDistinctFailures() {
        ResolutionException many = assertThrows(ResolutionException.class,
                () -> resolver(CONFIG).resolve(Request.of("awsapps", null, Vars.DEFAULT)));
        assertEquals(Failure.MULTIPLE, many.failure());
        ResolutionException none = assertThrows(ResolutionException.class,
                () -> resolver(CONFIG).resolve(Request.of("gamma", null, Vars.DEFAULT)));
        assertEquals(Failure.NO_MATCH, none.failure());
        ResolutionException empty = assertThrows(ResolutionException.class,
                () -> resolver("[profile x]\nregion = us-east-1\n").resolve(Request.of(null, null, Vars.DEFAULT)));
        assertEquals(Failure.NONE_CONFIGURED, empty.failure());
    }

    @Test
    void regionFiltersAndWarnsOnMismatch() {
        ResolutionException e = assertThrows(ResolutionException.class,
                () -> resolver(CONFIG).resolve(Request.of("beta", "us-east-1", Vars.DEFAULT)));
        assertEquals(Failure.NO_MATCH, e.failure());
        assertTrue(warnings.toString().contains("not the region us-east-1"));
        assertEquals("https://alpha.awsapps.com/start",
                resolver(CONFIG).resolve(Request.of(null, "us-east-1", Vars.DEFAULT)).instance().startUrl());
    }

    @Test
    void fullUrlWithRegionIsUsedWithoutTheConfigButPrefersAMatchingSession() {
        Instance i = resolver("").resolve(Request.of("https://x.awsapps.com/start", "us-east-2", Vars.DEFAULT)).instance();
        assertEquals(Instance.legacy("https://x.awsapps.com/start", "us-east-2"), i);
        Instance s = resolver(CONFIG).resolve(Request.of("https://corp.awsapps.com/start", "eu-central-1", Vars.DEFAULT)).instance();
        assertEquals("corp", s.sessionName());
    }

    @Test
    void environmentPrecedenceFollowsAwsSsoUtil() {
        // command-specific vars beat the generic ones
        InstanceResolver r = resolver(CONFIG,
                "AWS_SSO_LOGIN_DEFAULT_SSO_START_URL", "beta",
                "AWS_DEFAULT_SSO_START_URL", "alpha");
        InstanceResolver.Resolution res = r.resolve(Request.of(null, null, Vars.LOGIN));
        assertEquals("https://beta.awsapps.com/start", res.instance().startUrl());
        assertEquals("AWS_SSO_LOGIN_DEFAULT_SSO_START_URL", res.urlSource());
        // a command-specific URL var suppresses the generic region var
        r = resolver(CONFIG, "AWS_SSO_LOGIN_DEFAULT_SSO_START_URL", "beta", "AWS_DEFAULT_SSO_REGION", "us-east-1");
        assertEquals("https://beta.awsapps.com/start", r.resolve(Request.of(null, null, Vars.LOGIN)).instance().startUrl());
        // a region alone on the command line suppresses every env lookup
        r = resolver(CONFIG, "AWS_DEFAULT_SSO_START_URL", "beta");
        assertEquals("https://alpha.awsapps.com/start", r.resolve(Request.of(null, "us-east-1", Vars.DEFAULT)).instance().startUrl());
        // the generic vars apply to every command
        r = resolver(CONFIG, "AWS_DEFAULT_SSO_START_URL", "corp");
        assertEquals("corp", r.resolve(Request.of(null, null, Vars.CONFIGURE)).instance().sessionName());
        // configure has its own family
        r = resolver(CONFIG, "AWS_CONFIGURE_DEFAULT_SSO_START_URL", "beta");
        assertEquals("https://beta.awsapps.com/start", r.resolve(Request.of(null, null, Vars.CONFIGURE)).instance().startUrl());
    }

    @Test
    void profileAndSessionSelection() {
        assertEquals("corp", resolver(CONFIG).resolve(new Request(null, null, "s", null, Vars.LOGIN)).instance().sessionName());
        assertEquals("https://alpha.awsapps.com/start",
                resolver(CONFIG).resolve(new Request("beta", null, "a", null, Vars.LOGIN)).instance().startUrl());
        assertTrue(warnings.toString().contains("using the instance of profile 'a'"));
        assertEquals("corp", resolver(CONFIG).resolve(new Request(null, null, null, "corp", Vars.LOGIN)).instance().sessionName());
        assertEquals(Failure.NO_MATCH, assertThrows(ResolutionException.class,
                () -> resolver(CONFIG).resolve(new Request(null, null, "plain", null, Vars.LOGIN))).failure());
        assertEquals(Failure.NO_MATCH, assertThrows(ResolutionException.class,
                () -> resolver(CONFIG).resolve(new Request(null, null, "nope", null, Vars.LOGIN))).failure());
        ResolutionException e = assertThrows(ResolutionException.class,
                () -> resolver(CONFIG).resolve(new Request(null, null, null, "nope", Vars.LOGIN)));
        assertTrue(e.getMessage().contains("found: corp"), e.getMessage());
    }

    @Test
    void aSessionCoversLegacyProfilesWithTheSameInstance() {
        String cfg = CONFIG + "[profile legacy-corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = eu-central-1\n";
        List<Instance> all = resolver(cfg).configured();
        assertEquals(3, all.size());
        assertEquals("corp", resolver(cfg).resolve(Request.of("corp", null, Vars.DEFAULT)).instance().sessionName());
    }

    @Test
    void loginAllPutsTheEnvironmentInstanceFirst() {
        List<Instance> all = resolver(CONFIG, "AWS_DEFAULT_SSO_START_URL", "https://beta.awsapps.com/start",
                "AWS_DEFAULT_SSO_REGION", "us-west-2").all(Vars.LOGIN);
        assertEquals("https://beta.awsapps.com/start", all.get(0).startUrl());
        assertEquals(3, all.size());
        List<Instance> withNew = resolver(CONFIG, "AWS_DEFAULT_SSO_START_URL", "https://new.awsapps.com/start",
                "AWS_DEFAULT_SSO_REGION", "us-west-2").all(Vars.LOGIN);
        assertEquals(4, withNew.size());
    }

    @Test
    void badPatternIsAUsageError() {
        ResolutionException e = assertThrows(ResolutionException.class,
                () -> resolver(CONFIG).resolve(Request.of("(", null, Vars.DEFAULT)));
        assertEquals(Failure.BAD_SELECTION, e.failure());
        assertEquals(2, e.exitCode());
    }

    @Test
    void ssoProfileResolvesSessionsAndReportsConflicts() {
        AwsConfig cfg = AwsConfig.of(IniDocument.parse(CONFIG
                + "[profile bad]\nsso_session = corp\nsso_region = us-east-1\nsso_account_id = 1\nsso_role_name = r\n"
                + "[profile dangling]\nsso_session = gone\n", "config"), IniDocument.empty("credentials"));
        SsoProfile s = SsoProfile.require(cfg, "s");
        assertEquals("corp", s.instance().sessionName());
        assertEquals("222222222222", s.accountId());
        assertTrue(assertThrows(io.ssokit.SsokitException.class, () -> SsoProfile.require(cfg, "bad"))
                .getMessage().contains("sso_region us-east-1"));
        assertTrue(assertThrows(io.ssokit.SsokitException.class, () -> SsoProfile.require(cfg, "dangling"))
                .getMessage().contains("no [sso-session gone]"));
        assertTrue(assertThrows(io.ssokit.SsokitException.class, () -> SsoProfile.require(cfg, "b"))
                .getMessage().contains("sso_account_id and sso_role_name"));
        assertTrue(SsoProfile.of(cfg, cfg.profile("plain").orElseThrow()).isEmpty());
        assertNull(SsoProfile.of(cfg, cfg.profile("b").orElseThrow()).orElseThrow().roleName());
    }
}
