package io.ssokit.configure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ssokit.config.IniDocument;
import io.ssokit.configure.ProfileKeys.Keys;
import io.ssokit.configure.ProfileKeys.Request;
import io.ssokit.configure.ProfileKeys.SsoForm;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The key set of one profile: reference §5.5's table, the two instance forms, the populate extras. */
class ProfileKeysTest {
    static final SsoForm LEGACY = SsoForm.legacy("https://x.awsapps.com/start", "us-east-2");

    static Keys existing() {
        IniDocument doc = IniDocument.parse("[profile p]\nregion = eu-west-1\noutput = text\ncli_pager = less\n"
                + "sso_session = old\ns3 =\n  max_concurrent_requests = 20\n", "t");
        return Keys.read(doc, "profile p");
    }

    static Request request(ExistingConfigAction action, Map<String, String> defaults, String region) {
        return new Request(LEGACY, null, "1", "R", region, null, null, defaults, action, null, false);
    }

    @Test
    void readsFlatAndNestedKeysInFileOrder() {
        Keys k = existing();
        assertEquals(List.of("region", "output", "cli_pager", "sso_session"), List.copyOf(k.flat().keySet()));
        assertEquals(Map.of("s3", Map.of("max_concurrent_requests", "20")), k.nested());
    }

    @Test
    void theThreeActionsFollowTheReferenceTable() {
        Map<String, String> defaults = new LinkedHashMap<>();
        defaults.put("cli_pager", "more");
        defaults.put("s3", "flat");
        defaults.put("new", "1");

        Keys keep = ProfileKeys.compute(existing(), request(ExistingConfigAction.KEEP, defaults, null));
        assertEquals("less", keep.flat().get("cli_pager"));
        assertEquals("eu-west-1", keep.flat().get("region"));
        assertEquals(Map.of("max_concurrent_requests", "20"), keep.nested().get("s3"));
        assertEquals("1", keep.flat().get("new"));

        Keys overwrite = ProfileKeys.compute(existing(), request(ExistingConfigAction.OVERWRITE, defaults, "ap-south-1"));
        assertEquals("more", overwrite.flat().get("cli_pager"));
        assertEquals("flat", overwrite.flat().get("s3"));
        assertTrue(overwrite.nested().isEmpty());
        assertEquals("ap-south-1", overwrite.flat().get("region"));
        assertEquals("text", overwrite.flat().get("output"));

        Keys discard = ProfileKeys.compute(existing(), request(ExistingConfigAction.DISCARD, Map.of(), null));
        assertEquals(List.of("sso_start_url", "sso_region", "sso_account_id", "sso_role_name"),
                List.copyOf(discard.flat().keySet()));
    }

    @Test
    void theLegacyFormDropsSsoSessionAndTheSessionFormDropsInlineValues() {
        Keys legacy = ProfileKeys.compute(existing(), request(ExistingConfigAction.KEEP, Map.of(), null));
        assertTrue(!legacy.has("sso_session"));
        Keys session = ProfileKeys.compute(legacy, new Request(SsoForm.session("corp", "https://x.awsapps.com/start",
                "us-east-2"), null, "1", "R", null, null, null, Map.of(), ExistingConfigAction.KEEP, null, false));
        assertEquals("corp", session.flat().get("sso_session"));
        assertTrue(!session.has("sso_start_url") && !session.has("sso_region"));
        assertEquals(List.of("region"), Keys.NONE.missing(List.of("region")));
        assertEquals(List.of(), session.missing(SsoForm.session("corp", "u", "r").requiredKeys()));
        assertEquals(List.of("sso_account_id", "sso_role_name"), Keys.NONE.missing(List.of("sso_account_id", "sso_role_name")));
    }

    @Test
    void populateAddsTheRawAccountNameOnlyWhenItIsNotTheIdAndTheMarker() {
        Keys named = ProfileKeys.compute(Keys.NONE, new Request(LEGACY, "Prod [EU]", "123", "R", "us-east-1", null, null,
                Map.of(), ExistingConfigAction.KEEP, "ssokit credential-process --profile p", true));
        assertEquals(List.of("sso_start_url", "sso_region", "sso_account_name", "sso_account_id", "sso_role_name",
                "region", "credential_process", "sso_auto_populated"), List.copyOf(named.flat().keySet()));
        assertEquals("Prod [EU]", named.flat().get("sso_account_name"));
        Keys unnamed = ProfileKeys.compute(Keys.NONE, new Request(LEGACY, "123", "123", "R", "us-east-1", null, null,
                Map.of(), ExistingConfigAction.KEEP, null, true));
        assertTrue(!unnamed.has("sso_account_name"));
        Keys hostile = ProfileKeys.compute(Keys.NONE, new Request(LEGACY, "a\nb\r", "123", "R", "us-east-1", null, null,
                Map.of(), ExistingConfigAction.KEEP, null, true));
        assertEquals("a b", hostile.flat().get("sso_account_name"));
        assertTrue(!unnamed.has("credential_process"));
    }

    @Test
    void credentialProcessNamesAreLeftBareOnlyWhenShlexWouldLeaveThemBare() {
        assertEquals("p --profile dev.Admin_1@x%y+z=w:v,u/t-s", CredentialProcessLine.of("p", "dev.Admin_1@x%y+z=w:v,u/t-s"));
        assertEquals("p --profile 'a b'", CredentialProcessLine.of("p", "a b"));
        assertEquals("p --profile 'ü'", CredentialProcessLine.of("p", "ü"));
        assertEquals("p --profile 'it'\\''s'", CredentialProcessLine.of("p", "it's"));
    }
}
