package io.ssokit.naming;

import java.text.Normalizer;
import java.util.Locale;

/**
 * Python 3 {@code str} semantics that aws-sso-util's profile names depend on: {@code upper},
 * {@code lower}, {@code casefold}, {@code capitalize}, {@code title}, {@code isspace} and
 * {@code strip}. Java's own case methods differ in places that show up in real account names
 * (casefold does not exist, {@code Character.toTitleCase} is a one-character mapping, final
 * sigma is decided by word boundaries instead of Python's case-ignorable scan), so each Python
 * rule is rebuilt here from per-code-point Java mappings plus the few exceptions where the
 * Unicode data Java exposes is not the data Python uses. Checked against CPython 3.11 for every
 * code point Java 17 defines; code points added after Unicode 13 may differ.
 */
final class PyText {
    private static final int CAPITAL_SIGMA = 0x03A3;
    private static final int SMALL_SIGMA = 0x03C3;
    private static final int FINAL_SIGMA = 0x03C2;
    private static final int GREEK_CAPITAL_IOTA = 0x0399;
    private static final int YPOGEGRAMMENI = 0x0345;

    private PyText() {
    }

    /** {@code str.isspace()} for one code point: general category Zs, or bidi class WS, B or S. */
    static boolean isSpace(int cp) {
        if (Character.getType(cp) == Character.SPACE_SEPARATOR) {
            return true;
        }
        byte bidi = Character.getDirectionality(cp);
        return bidi == Character.DIRECTIONALITY_WHITESPACE
                || bidi == Character.DIRECTIONALITY_PARAGRAPH_SEPARATOR
                || bidi == Character.DIRECTIONALITY_SEGMENT_SEPARATOR;
    }

    /** {@code str.strip()}: Python's whitespace set includes NBSP and U+0085, unlike String.strip. */
    static String strip(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && isSpace(s.codePointAt(start))) {
            start += Character.charCount(s.codePointAt(start));
        }
        while (end > start && isSpace(s.codePointBefore(end))) {
            end -= Character.charCount(s.codePointBefore(end));
        }
        return s.substring(start, end);
    }

    static String upper(String s) {
        StringBuilder out = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> out.append(upperFull(cp)));
        return out.toString();
    }

    static String lower(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i += Character.charCount(s.codePointAt(i))) {
            out.append(lowerInContext(s, i));
        }
        return out.toString();
    }

    static String casefold(String s) {
        StringBuilder out = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> out.append(foldFull(cp)));
        return out.toString();
    }

    /** Python 3.8+: the first character is titlecased (not uppercased), the rest lowercased. */
    static String capitalize(String s) {
        if (s.isEmpty()) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        int first = s.codePointAt(0);
        out.append(titleFull(first));
        for (int i = Character.charCount(first); i < s.length(); i += Character.charCount(s.codePointAt(i))) {
            out.append(lowerInContext(s, i));
        }
        return out.toString();
    }

    /**
     * A character following a cased character is lowercased, any other is titlecased. Digits,
     * punctuation and combining marks are not cased, so {@code 2x} becomes {@code 2X} and a
     * decomposed {@code e\u0301lan} becomes {@code E\u0301Lan}, exactly as in CPython.
     */
    static String title(String s) {
        StringBuilder out = new StringBuilder(s.length());
        boolean previousIsCased = false;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            out.append(previousIsCased ? lowerInContext(s, i) : titleFull(cp));
            previousIsCased = isCased(cp);
            i += Character.charCount(cp);
        }
        return out.toString();
    }

    /** Unicode "Cased": Lowercase, Uppercase (both including their Other_* parts) or Lt. */
    static boolean isCased(int cp) {
        return Character.isLowerCase(cp) || Character.isUpperCase(cp) || Character.isTitleCase(cp);
    }

    /**
     * Unicode "Case_Ignorable": categories Mn, Me, Cf, Lm, Sk plus the Word_Break classes
     * MidLetter, MidNumLet and Single_Quote, which Java has no API for.
     */
    static boolean isCaseIgnorable(int cp) {
        switch (Character.getType(cp)) {
            case Character.NON_SPACING_MARK:
            case Character.ENCLOSING_MARK:
            case Character.FORMAT:
            case Character.MODIFIER_LETTER:
            case Character.MODIFIER_SYMBOL:
                return true;
            default:
                break;
        }
        switch (cp) {
            case 0x0027: case 0x002E: case 0x003A: case 0x00B7: case 0x0387: case 0x055F:
            case 0x05F4: case 0x2018: case 0x2019: case 0x2024: case 0x2027: case 0xFE13:
            case 0xFE52: case 0xFE55: case 0xFF07: case 0xFF0E: case 0xFF1A:
                return true;
            default:
                return false;
        }
    }

    private static String lowerInContext(String s, int index) {
        int cp = s.codePointAt(index);
        if (cp != CAPITAL_SIGMA) {
            return lowerFull(cp);
        }
        return new String(Character.toChars(isFinalSigma(s, index) ? FINAL_SIGMA : SMALL_SIGMA));
    }

    /** CPython's handle_capital_sigma: a cased letter before (skipping case-ignorables), none after. */
    private static boolean isFinalSigma(String s, int index) {
        int j = index;
        int before = -1;
        while (j > 0) {
            int cp = s.codePointBefore(j);
            j -= Character.charCount(cp);
            if (!isCaseIgnorable(cp)) {
                before = cp;
                break;
            }
        }
        if (before < 0 || !isCased(before)) {
            return false;
        }
        j = index + Character.charCount(CAPITAL_SIGMA);
        while (j < s.length()) {
            int cp = s.codePointAt(j);
            if (!isCaseIgnorable(cp)) {
                return !isCased(cp);
            }
            j += Character.charCount(cp);
        }
        return true;
    }

    private static String upperFull(int cp) {
        return new String(Character.toChars(cp)).toUpperCase(Locale.ROOT);
    }

    private static String lowerFull(int cp) {
        return new String(Character.toChars(cp)).toLowerCase(Locale.ROOT);
    }

    private static String titleFull(int cp) {
        if (Character.isTitleCase(cp) || isGeorgianMkhedruli(cp)) {
            // Dz-style digraphs are already titlecase; Mkhedruli's titlecase is itself in
            // UnicodeData although Java returns the Mtavruli capital.
            return new String(Character.toChars(cp));
        }
        int simpleTitle = Character.toTitleCase(cp);
        String upper = upperFull(cp);
        int firstLen = Character.charCount(upper.codePointAt(0));
        if (simpleTitle != cp || firstLen == upper.length()) {
            return new String(Character.toChars(simpleTitle));
        }
        // Multi-character uppercase (SpecialCasing.txt): the titlecase keeps the first letter
        // capital and the rest small ("ß" -> "Ss", "ﬁ" -> "Fi"), with two exceptions in the data.
        if (cp == 0x0149) {
            return upper; // ŉ -> ʼN: the apostrophe has no case, the N stays capital
        }
        if (upper.codePointBefore(upper.length()) == GREEK_CAPITAL_IOTA
                && Normalizer.normalize(new String(Character.toChars(cp)), Normalizer.Form.NFD)
                        .indexOf(YPOGEGRAMMENI) >= 0) {
            // Greek letters with a subscript iota keep it as U+0345 in titlecase
            return upper.substring(0, upper.length() - 1) + (char) YPOGEGRAMMENI;
        }
        return upper.substring(0, firstLen) + lowerFullString(upper.substring(firstLen));
    }

    private static String lowerFullString(String s) {
        return s.toLowerCase(Locale.ROOT);
    }

    private static String foldFull(int cp) {
        if (cp == 0x0131) {
            return "\u0131"; // dotless i has no case folding (its uppercase I folds to i)
        }
        if (cp == 0x1E9E) {
            return "ss"; // capital sharp s folds like ß
        }
        if (isCherokee(cp)) {
            // Cherokee is the one script whose case folding goes to the capital letters
            return upperFull(cp);
        }
        StringBuilder out = new StringBuilder(2);
        upperFull(cp).codePoints().forEach(u -> out.append(lowerFull(u)));
        return out.toString();
    }

    private static boolean isCherokee(int cp) {
        return (cp >= 0x13A0 && cp <= 0x13FD) || (cp >= 0xAB70 && cp <= 0xABBF);
    }

    private static boolean isGeorgianMkhedruli(int cp) {
        return (cp >= 0x10D0 && cp <= 0x10FA) || (cp >= 0x10FD && cp <= 0x10FF);
    }
}
