package io.ssokit.naming;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ssokit.SsokitException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each row is {@code re.sub(pattern, "", text)} as computed by CPython 3.11. */
class PyRegexTest {

    static Stream<Arguments> pythonResults() {
        return Stream.of(
                Arguments.of("^acme-", "acme-sandbox-dev", "sandbox-dev"),
                Arguments.of("Access$", "PowerUserAccess", "PowerUser"),
                Arguments.of("(?<=-)dev$", "sandbox-dev", "sandbox-"),
                Arguments.of("-(?=dev)", "sandbox-dev", "sandboxdev"),
                Arguments.of("\\s+", "a b\u00a0c", "abc"),
                Arguments.of("\\w+", "ab_é-ç9", "-"),
                Arguments.of("(?i)ÉLAN", "élan vital", " vital"),
                Arguments.of("c\\Z", "abc\n", "abc\n"),
                Arguments.of("c$", "abc\n", "ab\n"),
                Arguments.of("Access$", "AccessAccess\n", "Access\n"),
                Arguments.of("x{,2}", "xxxy", "y"),
                Arguments.of("a{b}", "a{b}c", "c"),
                Arguments.of("[[\\]]", "[dev]", "dev"),
                Arguments.of("[]x]", "a]x", "a"),
                Arguments.of("[a&&b]", "a&b", ""),
                Arguments.of("(?P<w>o)(?P=w)", "foo", "f"),
                Arguments.of("a(?#comment)b", "ab", ""),
                Arguments.of("\\v", "a\u000bb\nc", "ab\nc"),
                Arguments.of("\\0", "a\u0000b", "ab"),
                Arguments.of("\\U0001F600", "x\uD83D\uDE00y", "xy"),
                Arguments.of(".", "a\u2028b\nc", "\n"));
    }

    @ParameterizedTest(name = "re.sub({0}) on {1} = {2}")
    @MethodSource("pythonResults")
    void deletesWhatPythonDeletes(String pattern, String text, String expected) {
        assertEquals(expected, PyRegex.compile(pattern, "--trim-account-name").matcher(text).replaceAll(""));
    }

    @Test
    void translationRewritesOnlyWhatDiffers() {
        assertEquals("^acme-(?<=x)\\d+$", PyRegex.toJava("^acme-(?<=x)\\d+$"));
        assertEquals("(?<n>a)\\k<n>\\z", PyRegex.toJava("(?P<n>a)(?P=n)\\Z"));
        assertEquals("[\\[\\]]", PyRegex.toJava("[[\\]]"));
        assertEquals("a\\{b\\}", PyRegex.toJava("a{b}"));
        assertEquals("x{2,5}x{0,3}x{0,}x{4}", PyRegex.toJava("x{2,5}x{,3}x{,}x{4}"));
    }

    @Test
    void invalidPatternIsAUsageErrorNamingTheOption() {
        SsokitException e = assertThrows(SsokitException.class, () -> PyRegex.compile("(unclosed", "--trim-role-name"));
        assertEquals(2, e.exitCode());
        assertTrue(e.getMessage().startsWith("--trim-role-name: invalid regular expression '(unclosed'"), e.getMessage());
    }
}
