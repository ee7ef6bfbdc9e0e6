package io.ssokit.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ssokit.SsokitException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link IniDocument#appendSections}: the same text as {@link IniDocument#appendSection} one by one, in one edit. */
class IniDocumentAppendSectionsTest {

    static Map<String, Map<String, String>> sections() {
        Map<String, Map<String, String>> s = new LinkedHashMap<>();
        s.put("profile a", Map.of("region", "us-east-1"));
        Map<String, String> b = new LinkedHashMap<>();
        b.put("sso_session", "corp");
        b.put("cli_pager", "");
        s.put("profile 'b c'", b);
        s.put("sso-session corp", Map.of("sso_region", "eu-west-1"));
        return s;
    }

    @Test
    void sameTextAsAppendingOneByOne() {
        for (String start : List.of("", "# only a comment", "[default]\r\nregion = x\r\n", "[x]\nk = v", "\n\n")) {
            IniDocument oneByOne = IniDocument.parse(start, "t");
            sections().forEach(oneByOne::appendSection);
            IniDocument bulk = IniDocument.parse(start, "t");
            bulk.appendSections(sections());
            assertEquals(oneByOne.render(), bulk.render(), "from " + start.replace("\n", "\\n"));
        }
    }

    @Test
    void nothingIsAppendedWhenOneSectionIsInvalidOrExists() {
        IniDocument doc = IniDocument.parse("[profile a]\nregion = x\n", "t");
        assertThrows(IllegalStateException.class, () -> doc.appendSections(sections()));
        Map<String, Map<String, String>> bad = new LinkedHashMap<>();
        bad.put("profile ok", Map.of("region", "y"));
        bad.put("profile bad", Map.of("region", "line\nbreak"));
        assertThrows(SsokitException.class, () -> doc.appendSections(bad));
        assertEquals("[profile a]\nregion = x\n", doc.render());
    }
}
