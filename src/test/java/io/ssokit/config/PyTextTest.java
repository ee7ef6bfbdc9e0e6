package io.ssokit.config;

import io.ssokit.text.PyText;

import io.ssokit.shell.ShellWords;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** PyText against the Python interpreter, and a few fixed cases that need no Python. */
class PyTextTest {

    private static final List<String> SHLEX_CASES = List.of(
            "profile dev", "profile \"my name\"", "profile 'my name'", "profile a\\ b", "profile a b c",
            "profile \"unbalanced", "profile 'x", "profile", "profile ''", "profile \"\"", "profile \"a\\\"b\"",
            "profile \"a\\nb\"", "profile \"a\\\\b\"", "profile 'a\\b'", "profile a\\", "profile  \t spaced ",
            "profile it'\\''s", "profile 'it'\\''s me'", "profilefoo bar", "profile \u00e9t\u00e9 caf\u00e9",
            "profile a\u00a0b", "profile a\"b c\"d", "sso-session 'corp sso'", "profile #x", "profile a#b");

    @Test
    void fixedShlexCases() {
        assertEquals(List.of("profile", "my name"), ShellWords.trySplit("profile \"my name\""));
        assertEquals(List.of("profile", "it's me"), ShellWords.trySplit("profile 'it'\\''s me'"));
        assertEquals(List.of("profile", "a\\nb"), ShellWords.trySplit("profile \"a\\nb\""));
        assertEquals(List.of("profile", ""), ShellWords.trySplit("profile ''"));
        assertNull(ShellWords.trySplit("profile \"unbalanced"));
        assertNull(ShellWords.trySplit("profile a\\"));
        assertEquals("'my name'", IniDocument.quoteName("my name"));
        assertEquals("'it'\\''s'", IniDocument.quoteName("it's"));
        assertEquals("plain-name_1", IniDocument.quoteName("plain-name_1"));
    }

    @Test
    void matchesPython() throws Exception {
        Botocore.assume();
        List<String> shlex = new ArrayList<>(SHLEX_CASES);
        List<String> texts = new ArrayList<>();
        Random r = new Random(7);
        String alphabet = "ab '\"\\\t\u00a0\u3000\u0085\u000b\u000c\r\n\u2028\u00c9\u0130\u03a3";
        for (int i = 0; i < 500; i++) {
            StringBuilder sb = new StringBuilder();
            for (int n = r.nextInt(8); n > 0; n--) {
                sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
            }
            shlex.add("profile " + sb);
            texts.add(sb.toString());
        }
        // quoting must survive botocore's split for any name we agree to write
        List<String> quoted = new ArrayList<>();
        for (String t : texts) {
            if (t.indexOf('\r') < 0 && t.indexOf('\n') < 0 && !t.isEmpty()) {
                quoted.add(t);
                shlex.add("profile " + IniDocument.quoteName(t));
            }
        }
        ObjectNode req = Botocore.JSON.createObjectNode().put("mode", "text");
        ArrayNode s = req.putArray("shlex");
        shlex.forEach(s::add);
        for (String field : List.of("strip", "lower", "splitlines")) {
            ArrayNode a = req.putArray(field);
            texts.forEach(a::add);
        }
        JsonNode out = Botocore.run(req);

        List<Integer> space = new ArrayList<>();
        List<Integer> breaks = new ArrayList<>();
        for (int c = 0; c < 0x10000; c++) {
            if (PyText.isSpace((char) c)) {
                space.add(c);
            }
            if (PyText.isLineBreak((char) c) && (c < 0xd800 || c >= 0xe000)) {
                breaks.add(c);
            }
        }
        sameCodePoints(ints(out.get("isspace")), space, "str.isspace()");
        List<Integer> sigmaAfter = new ArrayList<>();
        List<Integer> sigmaBefore = new ArrayList<>();
        for (int c = 0; c < 0x10000; c++) {
            if (c >= 0xd800 && c < 0xe000) {
                continue;
            }
            String after = PyText.lower("a" + (char) c + "\u03a3");
            if (after.charAt(after.length() - 1) == '\u03c2') {
                sigmaAfter.add(c);
            }
            if (PyText.lower("a\u03a3" + (char) c).charAt(1) == '\u03c2') {
                sigmaBefore.add(c);
            }
        }
        // Java 17 has Unicode 13, Python 3.11 Unicode 14: compare where both agree on the category
        String categories = out.get("categories").asText();
        List<Integer> skew = new ArrayList<>();
        for (int c = 0; c < 0x10000; c++) {
            if (!categories.substring(2 * c, 2 * c + 2).equals(category(c))) {
                skew.add(c);
            }
        }
        assertTrue(skew.size() < 500, "too many category differences: " + skew.size());
        sameCodePoints(without(ints(out.get("sigma_after")), skew), without(sigmaAfter, skew), "final sigma after each character");
        sameCodePoints(without(ints(out.get("sigma_before")), skew), without(sigmaBefore, skew), "final sigma before each character");
        sameCodePoints(ints(out.get("linebreaks")), breaks, "str.splitlines() break characters");
        for (int i = 0; i < shlex.size(); i++) {
            JsonNode want = out.get("shlex").get(i);
            assertEquals(want.isNull() ? null : strings(want), ShellWords.trySplit(shlex.get(i)), "shlex.split of " + shlex.get(i));
        }
        for (int i = 0; i < texts.size(); i++) {
            String t = texts.get(i);
            assertEquals(out.get("strip").get(i).asText(), PyText.strip(t), "strip");
            assertEquals(out.get("lower").get(i).asText(), PyText.lower(t), "lower");
            assertEquals(strings(out.get("splitlines").get(i)), PyText.splitLines(t), "splitlines");
        }
        int offset = shlex.size() - quoted.size();
        for (int i = 0; i < quoted.size(); i++) {
            assertEquals(List.of("profile", quoted.get(i)), strings(out.get("shlex").get(offset + i)),
                    "botocore must read back the quoted name " + quoted.get(i));
        }
    }

    /** Reports only the code points on which Python and Java disagree. */
    private static void sameCodePoints(List<Integer> python, List<Integer> java, String what) {
        Set<Integer> py = new HashSet<>(python);
        Set<Integer> jv = new HashSet<>(java);
        List<String> onlyPython = new ArrayList<>();
        List<String> onlyJava = new ArrayList<>();
        for (Integer c : python) {
            if (!jv.contains(c)) {
                onlyPython.add(Integer.toHexString(c));
            }
        }
        for (Integer c : java) {
            if (!py.contains(c)) {
                onlyJava.add(Integer.toHexString(c));
            }
        }
        assertEquals("", onlyPython.isEmpty() && onlyJava.isEmpty() ? ""
                : what + ": only in Python " + onlyPython + ", only in Java " + onlyJava);
    }

    private static List<Integer> without(List<Integer> all, List<Integer> skip) {
        Set<Integer> drop = new HashSet<>(skip);
        List<Integer> out = new ArrayList<>();
        for (Integer c : all) {
            if (!drop.contains(c)) {
                out.add(c);
            }
        }
        return out;
    }

    /** The two-letter Unicode general category, as Python's unicodedata.category names it. */
    private static String category(int c) {
        switch (Character.getType(c)) {
            case Character.UPPERCASE_LETTER: return "Lu";
            case Character.LOWERCASE_LETTER: return "Ll";
            case Character.TITLECASE_LETTER: return "Lt";
            case Character.MODIFIER_LETTER: return "Lm";
            case Character.OTHER_LETTER: return "Lo";
            case Character.NON_SPACING_MARK: return "Mn";
            case Character.ENCLOSING_MARK: return "Me";
            case Character.COMBINING_SPACING_MARK: return "Mc";
            case Character.DECIMAL_DIGIT_NUMBER: return "Nd";
            case Character.LETTER_NUMBER: return "Nl";
            case Character.OTHER_NUMBER: return "No";
            case Character.SPACE_SEPARATOR: return "Zs";
            case Character.LINE_SEPARATOR: return "Zl";
            case Character.PARAGRAPH_SEPARATOR: return "Zp";
            case Character.CONTROL: return "Cc";
            case Character.FORMAT: return "Cf";
            case Character.PRIVATE_USE: return "Co";
            case Character.SURROGATE: return "Cs";
            case Character.DASH_PUNCTUATION: return "Pd";
            case Character.START_PUNCTUATION: return "Ps";
            case Character.END_PUNCTUATION: return "Pe";
            case Character.CONNECTOR_PUNCTUATION: return "Pc";
            case Character.OTHER_PUNCTUATION: return "Po";
            case Character.MATH_SYMBOL: return "Sm";
            case Character.CURRENCY_SYMBOL: return "Sc";
            case Character.MODIFIER_SYMBOL: return "Sk";
            case Character.OTHER_SYMBOL: return "So";
            case Character.INITIAL_QUOTE_PUNCTUATION: return "Pi";
            case Character.FINAL_QUOTE_PUNCTUATION: return "Pf";
            default: return "Cn";
        }
    }

    private static List<Integer> ints(JsonNode a) {
        List<Integer> out = new ArrayList<>();
        a.forEach(n -> out.add(n.asInt()));
        return out;
    }

    private static List<String> strings(JsonNode a) {
        List<String> out = new ArrayList<>();
        a.forEach(n -> out.add(n.asText()));
        return out;
    }
}
