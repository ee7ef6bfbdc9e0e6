package io.ssokit.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ssokit.ExitCodes;
import io.ssokit.SsokitException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Config tokens: the spec's example, long keys, unknown keys, versions and broken tokens. */
class ConfigTokenTest {
    /** §7.3's example: us-west-2, Developer, 60 minutes. */
    static final String EXAMPLE = "eyJ2IjoiMSIsInNzb3VybCI6Imh0dHBzOi8vZXhhbXBsZS5hd3NhcHBzLmNvbS9zdGFydCIsInNzb3JlZyI6InVzLWVhc3QtMiIs"
            + "InVybCI6Imh0dHBzOi8vdXMtd2VzdC0yLnNpZ25pbi5hd3MuYW1hem9uLmNvbS9mZWRlcmF0aW9uIiwiZHN0IjoiaHR0cHM6Ly91cy13ZXN0LTIuY29u"
            + "c29sZS5hd3MuYW1hem9uLmNvbS9sYW1iZGEvaG9tZT9yZWdpb249dXMtd2VzdC0yIy9mdW5jdGlvbnMiLCJhY2MiOiIxMjM0NTY3ODkwMTIiLCJyb2wi"
            + "OiJEZXZlbG9wZXIiLCJyZWciOiJ1cy13ZXN0LTIiLCJkdXIiOjYwfQ==";

    @Test
    void theSpecExampleDecodesToItsValuesAndReencodesByteForByte() {
        ConfigToken t = ConfigToken.decode(EXAMPLE);
        assertEquals(new ConfigToken("1", "https://example.awsapps.com/start", "us-east-2",
                "https://us-west-2.signin.aws.amazon.com/federation",
                "https://us-west-2.console.aws.amazon.com/lambda/home?region=us-west-2#/functions", "123456789012", "Developer",
                "us-west-2", 60, null, List.of()), t);
        assertTrue(t.knownVersion());
        assertEquals(EXAMPLE, ConfigToken.of(t.ssoStartUrl(), t.ssoRegion(), t.federationEndpoint(), t.destination(), t.accountId(),
                t.roleName(), t.region(), t.duration(), t.issuer()).encode());
    }

    @Test
    void nonAsciiAndControlCharactersAreEscapedAsPythonDoes() {
        // printed by Python: base64.urlsafe_b64encode(json.dumps(payload, ensure_ascii=True, separators=(',', ':')))
        String python = "eyJ2IjoiMSIsInNzb3VybCI6Imh0dHBzOi8vXHUwMGU5LmV4YW1wbGUvc3RhcnQiLCJzc29yZWciOiJldS13ZXN0LTEiLCJ1cmwiOiJo"
                + "dHRwczovL3NpZ25pbi5hd3MuYW1hem9uLmNvbS9mZWRlcmF0aW9uIiwiZHN0IjoiaHR0cHM6Ly9jb25zb2xlLmF3cy5hbWF6b24uY29tLz9xPVwi"
                + "XFw8XHVkODNkXHVkZTAwPiIsImlzcyI6InhcdHkifQ==";
        ConfigToken t = ConfigToken.of("https://é.example/start", "eu-west-1", "https://signin.aws.amazon.com/federation",
                "https://console.aws.amazon.com/?q=\"\\<😀>", null, "", null, null, "x\ty");
        assertEquals(python, t.encode(), "an empty role is left out, as Python's 'if role_name:' does");
        assertEquals(new ConfigToken("1", t.ssoStartUrl(), t.ssoRegion(), t.federationEndpoint(), t.destination(), null, null, null,
                null, "x\ty", List.of()), ConfigToken.decode(python));
    }

    @Test
    void longKeysAsInTheDocsAreReadToo() {
        String json = "{\"version\":\"1\",\"sso_start_url\":\"https://a.awsapps.com/start\",\"sso_region\":\"eu-west-1\","
                + "\"account_id\":\"111111111111\",\"role_name\":\"Admin\",\"duration\":15,\"issuer\":\"me\","
                + "\"federation_endpoint\":\"https://signin.aws.amazon.com/federation\",\"destination\":\"https://console.aws.amazon.com/\"}";
        ConfigToken t = ConfigToken.decode(b64(json));
        assertEquals(new ConfigToken("1", "https://a.awsapps.com/start", "eu-west-1", "https://signin.aws.amazon.com/federation",
                "https://console.aws.amazon.com/", "111111111111", "Admin", null, 15, "me", List.of()), t);
    }

    @Test
    void unknownKeysAreListedAndALaterDuplicateWins() {
        ConfigToken t = ConfigToken.decode(b64("{\"v\":\"1\",\"acc\":\"111111111111\",\"color\":\"red\",\"account_id\":\"222222222222\","
                + "\"x\":1,\"color\":\"blue\"}"));
        assertEquals("222222222222", t.accountId());
        assertEquals(List.of("color", "x"), t.unknownKeys());
    }

    @Test
    void anotherVersionIsReadAndReported() {
        ConfigToken two = ConfigToken.decode(b64("{\"v\":\"2\",\"acc\":\"1\"}"));
        assertFalse(two.knownVersion());
        assertEquals("2", two.versionText());
        ConfigToken number = ConfigToken.decode(b64("{\"v\":1}"));
        assertFalse(number.knownVersion(), "the number 1 is not the string \"1\"");
        assertEquals("1", number.versionText());
        assertEquals("(none)", ConfigToken.decode(b64("{}")).versionText());
    }

    @Test
    void paddingIsOptionalAndBothAlphabetsAndLineBreaksAreAccepted() {
        String unpadded = EXAMPLE.replace("=", "");
        assertEquals(ConfigToken.decode(EXAMPLE), ConfigToken.decode(unpadded));
        assertEquals(ConfigToken.decode(EXAMPLE), ConfigToken.decode(EXAMPLE.substring(0, 40) + "\n  " + EXAMPLE.substring(40)));
        String standard = Base64.getEncoder().encodeToString("{\"dst\":\"??>>\"}".getBytes(StandardCharsets.UTF_8));
        assertTrue(standard.contains("+") || standard.contains("/"), standard);
        assertEquals("??>>", ConfigToken.decode(standard).destination());
    }

    @Test
    void brokenTokensFailWithExitOneAndSayWhy() {
        assertInvalid("not base64", "abc$def");
        assertInvalid("not base64", "a");
        assertInvalid("not JSON", b64("{\"v\":"));
        assertInvalid("not a JSON object", b64("[\"v\",\"1\"]"));
        assertInvalid("account_id is not a string", b64("{\"acc\":111111111111}"));
        assertInvalid("duration is not a whole number", b64("{\"dur\":\"60\"}"));
        assertInvalid("duration is not a whole number", b64("{\"dur\":1.5}"));
    }

    static void assertInvalid(String why, String token) {
        SsokitException e = assertThrows(SsokitException.class, () -> ConfigToken.decode(token));
        assertEquals(ExitCodes.ERROR, e.exitCode());
        assertTrue(e.getMessage().startsWith("the config token is invalid: " + why), e.getMessage());
    }

    static String b64(String json) {
        return Base64.getUrlEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
