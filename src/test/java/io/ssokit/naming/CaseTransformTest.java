package io.ssokit.naming;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ssokit.SsokitException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Expected values were produced by CPython 3.11's str methods. */
class CaseTransformTest {

    @ParameterizedTest(name = "{0}: {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
        "title      | my-account_2x          | My-Account_2X",
        "capitalize | my-account_2x          | My-account_2x",
        "upper      | my-account_2x          | MY-ACCOUNT_2X",
        "title      | élan vital             | Élan Vital",
        "capitalize | élan vital             | Élan vital",
        "upper      | élan vital             | ÉLAN VITAL",
        "title      | hello WORLD 3rd o'neil | Hello World 3Rd O'Neil",
        "capitalize | hello WORLD 3rd o'neil | Hello world 3rd o'neil",
        "casefold   | straße                 | strasse",
        "lower      | straße                 | straße",
        "upper      | straße                 | STRASSE",
        "title      | straße                 | Straße",
        "casefold   | STRASSE                | strasse",
        "casefold   | ẞ                      | ss",
        "lower      | ẞ                      | ß",
        "casefold   | ﬁsh ﬂy                 | fish fly",
        "title      | ﬁsh ﬂy                 | Fish Fly",
        "capitalize | ﬁsh ﬂy                 | Fish ﬂy",
        "title      | ǆungla ǅ               | ǅungla ǅ",
        "capitalize | ǆungla ǅ               | ǅungla ǆ",
        "upper      | ǆungla ǅ               | ǄUNGLA Ǆ",
        "lower      | ΟΔΟΣ ΣΑΣ.Β             | οδος σασ.β",
        "casefold   | ΟΔΟΣ ΣΑΣ.Β             | οδοσ σασ.β",
        "title      | ΟΔΟΣ ΣΑΣ.Β             | Οδος Σασ.Β",
        "capitalize | ΟΔΟΣ ΣΑΣ.Β             | Οδος σασ.β",
        "upper      | İstanbul ıi            | İSTANBUL II",
        "casefold   | İstanbul ıi            | i̇stanbul ıi",
        "title      | İstanbul ıi            | İstanbul Ii",
        "title      | ŉa                     | ʼNa",
        "casefold   | ŉa                     | ʼna",
        "title      | ᾳ ᾲ                    | ᾼ Ὰͅ",
        "upper      | ᾳ ᾲ                    | ΑΙ ᾺΙ",
        "casefold   | Ꭰꭰ                     | ᎠᎠ",
        "lower      | Ꭰꭰ                     | ꭰꭰ",
    })
    void matchesPython(String transform, String input, String expected) {
        assertEquals(expected, CaseTransform.fromOption(transform).apply(input));
    }

    @Test
    void titleTreatsACombiningMarkAsUncasedLikePython() {
        // decomposed é: the accent is not cased, so Python capitalises the l after it
        assertEquals("E\u0301Lan Vital", CaseTransform.TITLE.apply("e\u0301lan vital"));
        assertEquals("E\u0301lan vital", CaseTransform.CAPITALIZE.apply("e\u0301lan vital"));
    }

    @Test
    void emptyStringsStayEmpty() {
        for (CaseTransform t : CaseTransform.values()) {
            assertEquals("", t.apply(""));
        }
    }

    @Test
    void optionValuesRoundTripAndUnknownIsAUsageError() {
        for (CaseTransform t : CaseTransform.values()) {
            assertEquals(t, CaseTransform.fromOption(t.optionValue()));
        }
        SsokitException e = assertThrows(SsokitException.class, () -> CaseTransform.fromOption("swapcase"));
        assertEquals(2, e.exitCode());
        assertTrue(e.getMessage().contains("upper, lower, casefold, capitalize, title"), e.getMessage());
    }
}
