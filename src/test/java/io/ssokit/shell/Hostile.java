package io.ssokit.shell;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Tuple;

/**
 * Generators of strings built to break quoting: every kind of quote, expansions, command
 * separators, globs, line breaks, option-looking prefixes, cmd.exe and PowerShell specials,
 * non-ASCII, emoji and the private-use code points fish reserves, from empty up to 10 kB. Only
 * valid Unicode (no unpaired surrogates) and never NUL: those are rejected, and tested apart.
 */
final class Hostile {
    static final int MAX_LENGTH = 10_000;

    /** Fragments that have broken quoters somewhere. "pwned" marks code that must never run. */
    static final List<String> FRAGMENTS = List.of(
            "'", "\"", "\\", "\\\\", "\\'", "'\\''", "''", "\"\"", "`", "$", "$$", "$(touch pwned)", "`touch pwned`",
            "${HOME}", "${X:-y}", "$HOME", "$'a\\nb'", "$((1+1))", "(touch pwned)", "; touch pwned", ";", "&", "&&", "|",
            "||", "|| touch pwned #", "\n", "\r", "\r\n", "\t", " ", "  ", "*", "?", "[", "]", "[a-z]", "{a,b}", "{}",
            "~", "~root", "-", "-e", "-n", "--", "--erase", "-h", "%", "%PATH%", "%%", "!", "!!", "!PATH!", "^", "^&",
            "<", ">", ">pwned", "(", ")", "#", "# comment", "=", ":", "::", ",", "@", "\u001a", "\u001b[31m", "\u0007",
            "\u007f", "\u0085", "\u00a0", "é", "ü", "ß", "Ω", "日本", "\u200b", "\u2028", "\u2029", "\ufeff", "😀",
            "👩‍💻", "\ud83c\uddfa\ud83c\uddf8", "\u2018", "\u2019", "\u201a", "\u201b", "\u201c", "\u201d", "\u00b4",
            "\u02bc", "\uff07", "\u00d2", "\u0092", "\u0091", "\u0082", "\uf600", "\uf6ff", "\ufdd0", "\ufdef",
            "\ufffe", "\uffff", "\udbff\udfff", "@'", "'@", "@\"", "\"@", "$Env:PATH", "$(Get-Date)", "`n", "`$",
            "&& touch pwned", "\\\n", "'\\n'", "\\\r\n");

    private Hostile() {
    }

    /** Any valid code point except NUL, weighted towards the interesting ranges. */
    static Arbitrary<String> codePoint() {
        return Arbitraries.frequencyOf(
                        Tuple.of(6, Arbitraries.integers().between(0x20, 0x7e)),
                        Tuple.of(2, Arbitraries.integers().between(0x01, 0x1f)),
                        Tuple.of(1, Arbitraries.of(0x7f)),
                        Tuple.of(2, Arbitraries.integers().between(0x80, 0xff)),
                        Tuple.of(2, Arbitraries.integers().between(0x100, 0xd7ff)),
                        Tuple.of(2, Arbitraries.integers().between(0xe000, 0xffff)),
                        Tuple.of(2, Arbitraries.integers().between(0x10000, 0x10ffff)))
                .map(Character::toString);
    }

    private static Arbitrary<String> piece() {
        return Arbitraries.frequencyOf(
                Tuple.of(5, Arbitraries.of(FRAGMENTS)),
                Tuple.of(4, codePoint()),
                Tuple.of(2, Arbitraries.strings().alpha().numeric().ofMaxLength(8)));
    }

    /** Mostly short hostile strings, sometimes long ones (up to {@link #MAX_LENGTH} chars). */
    static Arbitrary<String> strings() {
        Arbitrary<String> small = piece().list().ofMaxSize(24).map(Hostile::join);
        // Long strings cycle through a few dozen pieces up to a chosen length: generating thousands
        // of independently shrinkable pieces would make every property slow for little gain.
        Arbitrary<String> large = net.jqwik.api.Combinators.combine(
                        piece().list().ofMinSize(1).ofMaxSize(40), Arbitraries.integers().between(1_000, MAX_LENGTH))
                .as(Hostile::cycle);
        return Arbitraries.frequencyOf(Tuple.of(15, small), Tuple.of(1, large));
    }

    private static String cycle(List<String> pieces, int length) {
        StringBuilder sb = new StringBuilder(length + 16);
        String unit = join(pieces);
        if (unit.isEmpty()) {
            unit = "x";
        }
        while (sb.length() < length) {
            sb.append(unit);
        }
        return truncate(sb.substring(0, Math.min(sb.length(), length + (Character.isHighSurrogate(sb.charAt(length - 1)) ? 1 : 0))));
    }

    private static String join(List<String> pieces) {
        StringBuilder sb = new StringBuilder();
        for (String p : pieces) {
            sb.append(p);
        }
        return truncate(sb.toString());
    }

    /** Cuts to at most MAX_LENGTH chars without splitting a surrogate pair. */
    static String truncate(String s) {
        if (s.length() <= MAX_LENGTH) {
            return s;
        }
        int end = MAX_LENGTH;
        if (Character.isHighSurrogate(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(0, end);
    }
}
