package io.ssokit.shell;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ssokit.SsokitException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Pins every quoter's output, one row per troublesome input, in the spirit of direnv's escape
 * tables. A change to any quoting rule shows up here as a diff a reviewer can read.
 */
class QuoteTableTest {
    /** Marks a row whose input the dialect must reject. */
    private static final String REJECT = "<rejected>";

    private static final List<String> INPUTS = List.of(
            "", "plain", "a b", "'", "\"", "\\", "$", "`", "$(touch x)", ";", "&", "|", "*", "?", "[",
            "~user", "-n", "%", "!", "#", "\t", "\n", "\r", "\r\n", "é ü", "😀", "\u2018\u2019\u201a\u201b",
            "it's", "a\\'b");

    private static void check(UnaryOperator<String> quote, List<String> expected) {
        assertEquals(INPUTS.size(), expected.size(), "one expectation per input");
        List<Executable> checks = new ArrayList<>();
        for (int i = 0; i < INPUTS.size(); i++) {
            String in = INPUTS.get(i);
            String want = expected.get(i);
            String label = "input #" + i + " " + visible(in);
            if (want.equals(REJECT)) {
                checks.add(() -> assertEquals(2, assertThrows(SsokitException.class, () -> quote.apply(in), label).exitCode(), label));
            } else {
                checks.add(() -> assertEquals(want, quote.apply(in), label));
            }
        }
        assertAll(checks);
    }

    @Test
    void bashAndZsh() {
        List<String> want = List.of(
                "''", "'plain'", "'a b'", "''\\'''", "'\"'", "'\\'", "'$'", "'`'", "'$(touch x)'", "';'", "'&'", "'|'",
                "'*'", "'?'", "'['", "'~user'", "'-n'", "'%'", "'!'", "'#'", "'\t'", "'\n'", "'\r'", "'\r\n'",
                "'é ü'", "'😀'", "'\u2018\u2019\u201a\u201b'", "'it'\\''s'", "'a\\'\\''b'");
        check(Dialects.BASH::quote, want);
        check(Dialects.ZSH::quote, want);
    }

    @Test
    void fish() {
        check(Dialects.FISH::quote, List.of(
                "''", "'plain'", "'a b'", "'\\''", "'\"'", "'\\\\'", "'$'", "'`'", "'$(touch x)'", "';'", "'&'", "'|'",
                "'*'", "'?'", "'['", "'~user'", "'-n'", "'%'", "'!'", "'#'", "'\t'", "'\n'", "'\r'", "'\r\n'",
                "'é ü'", "'😀'", "'\u2018\u2019\u201a\u201b'", "'it\\'s'", "'a\\\\\\'b'"));
    }

    @Test
    void powershell() {
        check(Dialects.POWERSHELL::quote, List.of(
                "''", "'plain'", "'a b'", "''''", "'\"'", "'\\'", "'$'", "'`'", "'$(touch x)'", "';'", "'&'", "'|'",
                "'*'", "'?'", "'['", "'~user'", "'-n'", "'%'", "'!'", "'#'",
                "('' + [char]0x0009)", "('' + [char]0x000A)", "('' + [char]0x000D)", "('' + [char]0x000D + [char]0x000A)",
                "('' + [char]0x00E9 + ' ' + [char]0x00FC)", "('' + [char]0xD83D + [char]0xDE00)",
                "('' + [char]0x2018 + [char]0x2019 + [char]0x201A + [char]0x201B)", "'it''s'", "'a\\''b'"));
    }

    @Test
    void cmd() {
        check(Dialects.CMD::quote, List.of(
                "\"\"", "\"plain\"", "\"a b\"", "\"'\"", REJECT, REJECT, "\"$\"", "\"`\"", "\"$(touch x)\"", "\";\"",
                "\"&\"", "\"|\"", "\"*\"", "\"?\"", "\"[\"", "\"~user\"", "\"-n\"", REJECT, REJECT, "\"#\"", "\"\t\"",
                REJECT, REJECT, REJECT, "\"é ü\"", "\"😀\"", "\"\u2018\u2019\u201a\u201b\"", "\"it's\"", "\"a\\'b\""));
        // set carries a trailing backslash: set is a builtin, no C runtime reads its argument
        assertEquals("set \"P=C:\\dir\\\"", Dialects.CMD.set("P", "C:\\dir\\"));
        assertEquals("set \"P=^&|<>()\"", Dialects.CMD.set("P", "^&|<>()"));
    }

    @Test
    void dotenvValues() {
        List<String> want = List.of(
                "''", "'plain'", "'a b'", REJECT, "'\"'", REJECT, "'$'", "'`'", "'$(touch x)'", "';'", "'&'", "'|'",
                "'*'", "'?'", "'['", "'~user'", "'-n'", "'%'", "'!'", "'#'", "'\t'", "'\n'", REJECT, REJECT,
                "'é ü'", "'😀'", "'\u2018\u2019\u201a\u201b'", REJECT, REJECT);
        check(v -> {
            String line = DataFormat.DOTENV.render(List.of(new EnvOp.Set("N", v)));
            assertTrue(line.startsWith("N=") && line.endsWith("\n"), line);
            return line.substring(2, line.length() - 1);
        }, want);
        assertThrows(SsokitException.class, () -> DataFormat.DOTENV.render(List.of(new EnvOp.Set("N", "a${HOME}"))));
        assertEquals("N='$HOME {x} $'\n", DataFormat.DOTENV.render(List.of(new EnvOp.Set("N", "$HOME {x} $"))));
    }

    @Test
    void jsonValues() {
        String json = DataFormat.JSON.render(List.of(new EnvOp.Set("A", "\"\\\n\r\t\u0001é😀\u2028'$")));
        assertEquals("{\"A\":\"\\\"\\\\\\n\\r\\t\\u0001\\u00E9\\uD83D\\uDE00\\u2028'$\"}\n", json);
    }

    @Test
    void nulIsRejectedEverywhereNamingTheVariableButNeverTheValue() {
        String secret = "wJalrXUtnFEMI/K7MDENG\u0000bPxRfiCYEXAMPLEKEY";
        for (Dialect d : Dialects.all()) {
            SsokitException e = assertThrows(SsokitException.class, () -> d.set("AWS_SECRET_ACCESS_KEY", secret), d.id());
            assertEquals(2, e.exitCode());
            assertTrue(e.getMessage().contains("AWS_SECRET_ACCESS_KEY"), e.getMessage());
            assertTrue(e.getMessage().contains("NUL"), e.getMessage());
            assertFalse(e.getMessage().contains("wJalr") || e.getMessage().contains("EXAMPLE"), e.getMessage());
            SsokitException q = assertThrows(SsokitException.class, () -> d.quote(secret), d.id());
            assertEquals(2, q.exitCode());
            assertFalse(q.getMessage().contains("wJalr"), q.getMessage());
        }
        for (DataFormat f : DataFormat.values()) {
            SsokitException e = assertThrows(SsokitException.class,
                    () -> f.render(List.of(new EnvOp.Set("AWS_SESSION_TOKEN", secret))), f.id());
            assertEquals(2, e.exitCode());
            assertTrue(e.getMessage().contains("AWS_SESSION_TOKEN"), e.getMessage());
            assertFalse(e.getMessage().contains("wJalr"), e.getMessage());
        }
    }

    @Test
    void everyRejectionKeepsTheValueOutOfTheMessage() {
        String[] values = {"sec%ret", "sec!ret", "sec\"ret", "sec\nret", "sec\rret", "sec\u001aret", "sec\ud800ret", "sec\udc00"};
        for (String v : values) {
            for (Dialect d : Dialects.all()) {
                try {
                    d.set("TOKEN", v);
                } catch (SsokitException e) {
                    assertFalse(e.getMessage().contains("sec"), e.getMessage());
                    assertTrue(e.getMessage().contains("TOKEN"), e.getMessage());
                }
            }
        }
        // an unpaired surrogate has no UTF-8 form, so every dialect refuses it
        for (Dialect d : Dialects.all()) {
            assertThrows(SsokitException.class, () -> d.quote("a\ud800b"), d.id());
            assertThrows(SsokitException.class, () -> d.quote("a\udc00"), d.id());
        }
    }

    @Test
    void tenKilobyteValues() {
        String x = "x".repeat(10_000);
        String q = "'".repeat(10_000);
        assertEquals("'" + x + "'", Dialects.BASH.quote(x));
        assertEquals(2 + 4 * 10_000, Dialects.BASH.quote(q).length());
        assertEquals("'" + "'\\''".repeat(10_000) + "'", Dialects.ZSH.quote(q));
        assertEquals("'" + "\\'".repeat(10_000) + "'", Dialects.FISH.quote(q));
        assertEquals("'" + "''".repeat(10_000) + "'", Dialects.POWERSHELL.quote(q));
        assertEquals("\"" + x + "\"", Dialects.CMD.quote(x));
        String emoji = "😀".repeat(5_000);
        assertEquals(2 + 5_000 * 2 * " + [char]0xD83D".length() + "''".length(), Dialects.POWERSHELL.quote(emoji).length());
    }

    @Test
    void escaperIsTheQuoter() {
        for (Dialect d : Dialects.all()) {
            assertEquals(d.quote("it's $x"), d.escaper().apply("it's $x"), d.id());
        }
    }

    private static String visible(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            sb.append(c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\u%04x", (int) c));
        }
        return sb.toString();
    }
}
