package io.ssokit.naming;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AccountNamesTest {

    @ParameterizedTest(name = "[{0}] -> [{1}]")
    @CsvSource(delimiter = '|', value = {
        "'  My  [Account] ' | My-Account",
        "Prod Account      | Prod-Account",
        "ACME-Sandbox [dev]| ACME-Sandbox-dev",
        "'-lead and trail-'| lead-and-trail",
        "a[]b              | a-b",
        "'a \t\n b'        | a-b",
        "R&D <team>        | R&D-<team>",
        "Ünïcode Kontö     | Ünïcode-Kontö",
        "'   '             | ''",
    })
    void safeNamesReplaceWhitespaceAndBracketRunsOnly(String raw, String expected) {
        assertEquals(expected, AccountNames.safe(raw));
    }

    @org.junit.jupiter.api.Test
    void pythonWhitespaceIncludesNoBreakSpaceAndNextLine() {
        assertEquals("a-b-c", AccountNames.safe("a\u00a0b\u0085c"));
        assertEquals("a-b", AccountNames.safe("a\u3000b"));
    }

    @org.junit.jupiter.api.Test
    void grantedReplacesEachSpace() {
        assertEquals("--My--[Account]-", AccountNames.spacesToDashes("  My  [Account] "));
    }
}
