package io.ssokit.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ssokit.ExitCodes;
import io.ssokit.SsokitException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class IniDocumentEditTest {

    static IniDocument doc(String text) {
        return IniDocument.parse(text, "~/.aws/config");
    }

    /** The keys of aws-sso-util's §5.4 example, in its order. */
    static Map<String, String> devProfile() {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("sso_start_url", "https://example.awsapps.com/start");
        v.put("sso_region", "us-east-2");
        v.put("sso_account_id", "123456789012");
        v.put("sso_role_name", "Developer");
        v.put("region", "us-west-2");
        v.put("output", "json");
        v.put("cli_pager", "");
        v.put("credential_process", "aws-sso-util credential-process --profile dev");
        return v;
    }

    static final String SECTION_5_4 = "\n"
            + "[profile dev]\n"
            + "sso_start_url = https://example.awsapps.com/start\n"
            + "sso_region = us-east-2\n"
            + "sso_account_id = 123456789012\n"
            + "sso_role_name = Developer\n"
            + "region = us-west-2\n"
            + "output = json\n"
            + "cli_pager = \n"
            + "credential_process = aws-sso-util credential-process --profile dev\n";

    @Test
    void newProfileIsAppendedExactlyAsAwsSsoUtilWritesIt() {
        String existing = "# managed partly by hand\n[default]\nregion = us-east-1 ; not an inline comment\n\n; old profile\n";
        IniDocument d = doc(existing);
        String header = d.profileHeader("dev");
        assertEquals("profile dev", header);
        d.replaceAll(header, devProfile());
        assertEquals(existing + SECTION_5_4, d.render());
    }

    @Test
    void appendingAfterAFileWithoutFinalNewlineAddsOne() {
        IniDocument d = doc("[default]\nregion = us-east-1");
        d.appendSection("profile dev", devProfile());
        assertEquals("[default]\nregion = us-east-1\n" + SECTION_5_4, d.render());
    }

    @Test
    void appendingToAnEmptyDocumentHasNoLeadingBlankLine() {
        IniDocument d = IniDocument.empty("~/.aws/config");
        d.appendSection("profile dev", devProfile());
        assertEquals(SECTION_5_4.substring(1), d.render());
    }

    @Test
    void appendThenRemoveRestoresTheOriginalBytes() {
        String original = "# c\r\n[default]\r\nregion = x\r\n";
        IniDocument d = doc(original);
        d.appendSection("profile 'my name'", Map.of("region", "y"));
        assertEquals(original + "\r\n[profile 'my name']\r\nregion = y\r\n", d.render());
        assertTrue(d.removeSection("profile 'my name'"));
        assertEquals(original, d.render());
    }

    @Test
    void existingSectionIsRewrittenInPlaceLikeAwsSsoUtil() {
        IniDocument d = doc("[profile dev]\n"
                + "# comment kept\n"
                + "sso_start_url = old\n"
                + "Region:us-east-1\n"
                + "stale_key = x\n"
                + "s3 =\n"
                + "  addressing_style = path\n"
                + "; trailing comment kept\n"
                + "\n"
                + "[profile other]\n"
                + "region = z\n");
        Map<String, String> v = new LinkedHashMap<>();
        v.put("sso_start_url", "https://new.awsapps.com/start");
        v.put("region", "eu-west-1");
        v.put("output", "json");
        d.replaceAll(d.profileHeader("dev"), v);
        assertEquals("[profile dev]\n"
                + "# comment kept\n"
                + "sso_start_url = https://new.awsapps.com/start\n"
                + "region = eu-west-1\n"
                + "output = json\n"
                + "; trailing comment kept\n"
                + "\n"
                + "[profile other]\n"
                + "region = z\n", d.render());
    }

    @Test
    void setRewritesOnlyThatLineKeepingIndentAndLineEnding() {
        IniDocument d = doc("[default]\r\n  region   =   a   \r\noutput = json\n");
        d.set("default", "region", "b");
        assertEquals("[default]\r\n  region = b\r\noutput = json\n", d.render());
    }

    @Test
    void setOnTheLastLineKeepsTheMissingFinalNewline() {
        IniDocument d = doc("[default]\nregion = a");
        d.set("default", "REGION", "b");
        assertEquals("[default]\nREGION = b", d.render());
        assertEquals(Optional.of("b"), d.value("default", "region"));
    }

    @Test
    void newKeyGoesAfterTheLastOptionWithTheDominantLineEnding() {
        IniDocument d = doc("[default]\r\nregion = a\r\ns3 =\r\n  x = 1\r\n\r\n# about b\r\n[b]\nk = v\n");
        d.set("default", "output", "json");
        assertEquals("[default]\r\nregion = a\r\ns3 =\r\n  x = 1\r\noutput = json\r\n\r\n# about b\r\n[b]\nk = v\n", d.render());
    }

    @Test
    void newKeyInAnEmptySectionGoesRightAfterItsHeader() {
        IniDocument d = doc("[a]\n# nothing yet\n\n[b]\nk = v\n");
        d.set("a", "k", "1");
        assertEquals("[a]\nk = 1\n# nothing yet\n\n[b]\nk = v\n", d.render());
    }

    @Test
    void newKeyAfterALastLineWithoutNewline() {
        IniDocument d = doc("[a]\nk = 1");
        d.set("a", "j", "2");
        assertEquals("[a]\nk = 1\nj = 2\n", d.render());
    }

    @Test
    void setOnAMissingSectionAppendsIt() {
        IniDocument d = doc("[a]\nk = 1\n");
        d.set("sso-session corp", "sso_region", "us-east-1");
        assertEquals("[a]\nk = 1\n\n[sso-session corp]\nsso_region = us-east-1\n", d.render());
    }

    @Test
    void setReplacesAMultiLineValueWithOneLine() {
        IniDocument d = doc("[a]\nk = first\n    second\n\n    third\nj = 2\n");
        d.set("a", "k", "one");
        assertEquals("[a]\nk = one\nj = 2\n", d.render());
    }

    @Test
    void removeTakesTheNestedLinesAndNothingElse() {
        IniDocument d = doc("[a]\nregion = x\ns3 =\n  a = 1\n  # inside\n\n  b = 2\n# after\nout = y\n");
        assertTrue(d.remove("a", "S3"));
        assertEquals("[a]\nregion = x\n# after\nout = y\n", d.render());
        assertFalse(d.remove("a", "s3"));
        assertFalse(d.remove("nope", "s3"));
    }

    @Test
    void setNestedWritesABlockBotocoreReadsAsAMap() {
        IniDocument d = doc("[profile dev]\nregion = x\n");
        d.setNested("profile dev", "s3", Map.of("addressing_style", "path"));
        assertEquals("[profile dev]\nregion = x\ns3 =\n  addressing_style = path\n", d.render());
        Profile p = AwsConfig.of(d, IniDocument.empty("c")).profile("dev").orElseThrow();
        assertEquals(Map.of("addressing_style", "path"), p.nested().get("s3"));
    }

    @Test
    void setNestedReplacesAnExistingBlockKeepingItsIndent() {
        IniDocument d = doc("[services x]\nsso =\n    endpoint_url = http://old\n    other = 1\nsts =\n    endpoint_url = y\n");
        Map<String, String> sub = new LinkedHashMap<>();
        sub.put("endpoint_url", "http://localhost:4566");
        d.setNested(d.servicesHeader("x"), "sso", sub);
        assertEquals("[services x]\nsso =\n    endpoint_url = http://localhost:4566\nsts =\n    endpoint_url = y\n", d.render());
        Section s = AwsConfig.of(d, IniDocument.empty("c")).services("x").orElseThrow();
        assertEquals(sub, s.nested().get("sso"));
        assertEquals(Map.of("endpoint_url", "y"), s.nested().get("sts"));
    }

    @Test
    void removeSectionTakesItsLinesAndOneSeparatingBlankLine() {
        String a = "[a]\nk = 1\n";
        String b = "\n[b]\nk = 2\n# belongs to c\n";
        String c = "\n[c]\nk = 3\n";
        IniDocument d = doc(a + b + c);
        assertTrue(d.removeSection("b"));
        assertEquals(a + "# belongs to c\n" + c, d.render());

        IniDocument first = doc("[a]\nk = 1\n\n\n[b]\nk = 2\n");
        first.removeSection("a");
        assertEquals("[b]\nk = 2\n", first.render());
        assertFalse(first.removeSection("a"));
    }

    @Test
    void removeSectionRemovesEveryDefaultBlock() {
        IniDocument d = doc("[DEFAULT]\nregion = x\n\n[a]\nk = 1\n\n[DEFAULT]\noutput = y\n");
        d.removeSection("DEFAULT");
        assertEquals("[a]\nk = 1\n", d.render());
    }

    @Test
    void accessors() {
        IniDocument d = doc("[DEFAULT]\nr = 1\n[profile a]\nK = 1\ns3 =\n  x = 1\n[DEFAULT]\nq = 2\n");
        assertEquals(List.of("DEFAULT", "profile a"), d.sections());
        assertEquals(List.of("r", "q"), d.keys("DEFAULT"));
        assertEquals(List.of("k", "s3"), d.keys("profile a"));
        assertEquals(Optional.of("\nx = 1"), d.value("profile a", "s3"));
        assertEquals(Optional.empty(), d.value("profile a", "r"));
        assertTrue(d.hasSection("profile a"));
        assertFalse(d.hasSection("a"));
        assertEquals("~/.aws/config", d.origin());
    }

    @Test
    void profileHeaderFindsTheSectionBotocoreReads() {
        IniDocument d = doc("[default]\na = 1\n[profile \"my name\"]\nb = 1\n[profile x]\n[profile 'x']\n"
                + "[sso-session 'corp sso']\n[services svc]\n");
        assertEquals("default", d.profileHeader("default"));
        assertEquals("profile \"my name\"", d.profileHeader("my name"));
        assertEquals("profile 'x'", d.profileHeader("x"));
        assertEquals("profile 'new one'", d.profileHeader("new one"));
        assertEquals("profile 'it'\\''s'", d.profileHeader("it's"));
        assertEquals("profile caf\u00e9", d.profileHeader("caf\u00e9"));
        assertEquals("sso-session 'corp sso'", d.ssoSessionHeader("corp sso"));
        assertEquals("sso-session corp", d.ssoSessionHeader("corp"));
        assertEquals("services svc", d.servicesHeader("svc"));
        assertEquals("default", IniDocument.empty("x").profileHeader("default"));
        assertEquals("profile default", doc("[profile default]\n").profileHeader("default"));
    }

    @Test
    void writtenHeadersReadBackAsTheSameName() {
        IniDocument d = IniDocument.empty("x");
        List<String> names = List.of("plain", "my name", "it's", "a\"b", "back\\slash", "tab\tname", " lead", "\u65e5\u672c", "default");
        for (String n : names) {
            d.set(d.profileHeader(n), "region", n.strip() + "-r");
        }
        AwsConfig c = AwsConfig.of(d, IniDocument.empty("y"));
        assertEquals(names, c.profileNames());
        for (String n : names) {
            assertEquals(n.strip() + "-r", c.profile(n).orElseThrow().get("region").orElseThrow());
        }
    }

    @Test
    void badNamesKeysAndValuesAreRejectedAndNothingChanges() {
        String text = "[a]\nk = 1\n";
        IniDocument d = doc(text);
        List<Consumer<IniDocument>> bad = List.of(
                x -> x.profileHeader("a]b"),
                x -> x.profileHeader("a[b"),
                x -> x.profileHeader("a\nb"),
                x -> x.profileHeader("a\rb"),
                x -> x.profileHeader("a\0b"),
                x -> x.profileHeader(""),
                x -> x.set("a]", "k", "v"),
                x -> x.set("a", "k", "line\nbreak"),
                x -> x.set("a", "k", "cr\rhere"),
                x -> x.set("a", "k", "nul\0"),
                x -> x.set("a", "k=x", "v"),
                x -> x.set("a", "k:x", "v"),
                x -> x.set("a", " k", "v"),
                x -> x.set("a", "k\u00a0", "v"),
                x -> x.set("a", "#k", "v"),
                x -> x.set("a", ";k", "v"),
                x -> x.set("a", "[k", "v"),
                x -> x.set("a", "", "v"),
                x -> x.setNested("a", "s3", Map.of()),
                x -> x.setNested("a", "s3", Map.of("a=b", "v")),
                x -> x.setNested("a", "s3", Map.of("a", "v\u0085w")),
                x -> x.setNested("a", "s3", Map.of("#a", "v")),
                x -> x.appendSection("b", Map.of("k", "1", "K", "2")),
                x -> x.replaceAll("a", Map.of("k", "1"), Map.of("K", Map.of("x", "1"))),
                x -> x.replaceAll("a", Map.of("j", "ok", "k", "bad\n")));
        for (Consumer<IniDocument> op : bad) {
            SsokitException e = assertThrows(SsokitException.class, () -> op.accept(d));
            assertEquals(ExitCodes.USAGE, e.exitCode(), e.getMessage());
            assertEquals(text, d.render());
        }
        assertThrows(IllegalStateException.class, () -> d.appendSection("a", Map.of()));
        assertEquals(text, d.render());
    }

    @Test
    void anEditThatWouldChangeOtherLinesIsRefused() {
        // "    [c]" is a header only because the option before it is indented as deeply
        String text = "[a]\nx = 1\n[b]\n    y = 2\n    [c]\nz = 3\n";
        IniDocument d = doc(text);
        SsokitException e = assertThrows(SsokitException.class, () -> d.removeSection("b"));
        assertEquals(ExitCodes.ERROR, e.exitCode());
        assertTrue(e.getMessage().startsWith("~/.aws/config:"), e.getMessage());
        assertEquals(text, d.render());
        assertEquals(List.of("a", "b", "c"), d.sections());
        d.set("c", "w", "4");
        assertEquals(Optional.of("4"), d.value("c", "w"));
    }

    @Test
    void insertingIntoAnEmptySectionBeforeAnIndentedHeaderKeepsThatHeader() {
        IniDocument d = doc("[a]\n  [b]\nk = v\n");
        d.set("a", "new", "1");
        assertEquals("[a]\n  new = 1\n  [b]\nk = v\n", d.render());
        assertEquals(List.of("a", "b"), d.sections());
        assertEquals(Optional.of("v"), d.value("b", "k"));
    }

    @Test
    void editsKeepTheBom() {
        IniDocument d = doc("\uFEFF[default]\r\nregion = a\r\n");
        d.set("default", "output", "json");
        assertEquals("\uFEFF[default]\r\nregion = a\r\noutput = json\r\n", d.render());
    }

    @Test
    void editedDocumentsReadAsExpected() {
        IniDocument config = doc("[default]\nregion = a\n[profile dev]\nsso_session = corp\n");
        IniDocument creds = IniDocument.parse("[dev]\naws_access_key_id = AKIA\n", "~/.aws/credentials");
        config.set(config.ssoSessionHeader("corp"), "sso_start_url", "https://corp.awsapps.com/start");
        creds.set("dev", "aws_session_token", "tok");
        creds.remove("dev", "aws_access_key_id");
        AwsConfig c = AwsConfig.of(config, creds);
        Profile dev = c.profile("dev").orElseThrow();
        assertEquals(Map.of("sso_session", "corp", "aws_session_token", "tok"), dev.values());
        String session = dev.get("sso_session").orElseThrow();
        assertEquals("https://corp.awsapps.com/start", c.ssoSession(session).orElseThrow().get("sso_start_url").orElseThrow());
    }
}
