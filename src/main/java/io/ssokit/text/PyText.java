package io.ssokit.text;

import java.util.ArrayList;
import java.util.List;
import java.text.Normalizer;
import java.util.Locale;

/**
 * The few pieces of Python's string semantics that decide how botocore (through configparser and
 * shlex) reads an AWS config file. They differ from Java's in ways that matter here: Python's
 * {@code str.strip()} and regex {@code \s} treat NBSP, U+2007 and U+202F as whitespace while
 * {@link Character#isWhitespace} does not, and {@code str.splitlines()} breaks on more than CR and
 * LF; and its case mappings ({@code upper}, {@code lower}, {@code casefold}, {@code capitalize},
 * {@code title}) differ from Java's where real account names show it (casefold does not exist,
 * {@code Character.toTitleCase} maps one character, final sigma follows Python's case-ignorable
 * scan). configparser and aws-sso-util's profile naming both depend on them. Tests compare these
 * against the Python interpreter itself (CPython 3.11; code points added after Unicode 13 may
 * differ).
 */
public final class PyText {
    private static final int CAPITAL_SIGMA = 0x03A3;
    private static final int SMALL_SIGMA = 0x03C3;
    private static final int FINAL_SIGMA = 0x03C2;
    private static final int GREEK_CAPITAL_IOTA = 0x0399;
    private static final int YPOGEGRAMMENI = 0x0345;


    private PyText() {
    }

    /** Python's {@code str.isspace()} for one UTF-16 unit; no supplementary character is space. */
    public static boolean isSpace(char c) {
        if (c <= ' ') {
            return c == ' ' || (c >= '\t' && c <= '\r') || (c >= 0x1c && c <= 0x1f);
        }
        if (c < 0x85) {
            return false;
        }
        switch (c) {
            case 0x85: case 0xa0: case 0x1680:
            case 0x2028: case 0x2029: case 0x202f: case 0x205f: case 0x3000:
                return true;
            default:
                return c >= 0x2000 && c <= 0x200a;
        }
    }

    /** {@code str.isspace()} for one code point; no supplementary character is space. */
    public static boolean isSpace(int cp) {
        return cp <= 0xFFFF && isSpace((char) cp);
    }

    /** A character at which Python's {@code str.splitlines()} breaks a line. */
    public static boolean isLineBreak(char c) {
        switch (c) {
            case '\n': case 0x0b: case 0x0c: case '\r': case 0x1c: case 0x1d: case 0x1e:
            case 0x85: case 0x2028: case 0x2029:
                return true;
            default:
                return false;
        }
    }

    /** Index of the first non-space character in {@code b[from, to)}, or -1 when there is none. */
    public static int firstNonSpace(char[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = b[i];
            // most characters are printable ASCII: decide those without a call
            if ((c > ' ' && c < 0x85) || !isSpace(c)) {
                return i;
            }
        }
        return -1;
    }

    /** One past the last non-space character in {@code b[from, to)}; {@code from} when none. */
    public static int endOfNonSpace(char[] b, int from, int to) {
        int end = to;
        while (end > from) {
            char c = b[end - 1];
            if ((c > ' ' && c < 0x85) || !isSpace(c)) {
                break;
            }
            end--;
        }
        return end;
    }

    /** Index of the first non-space character, or -1 when the string is all space. */
    public static int firstNonSpace(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (!isSpace(s.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    /** One past the last non-space character at or after {@code from}; {@code from} when none. */
    public static int endOfNonSpace(String s, int from) {
        int end = s.length();
        while (end > from && isSpace(s.charAt(end - 1))) {
            end--;
        }
        return end;
    }

    public static String strip(String s) {
        int start = firstNonSpace(s);
        return start < 0 ? "" : s.substring(start, endOfNonSpace(s, start));
    }

    public static String rstrip(String s) {
        return s.substring(0, endOfNonSpace(s, 0));
    }

    /**
     * Python's {@code str.lower()}, which configparser applies to every option name. Per code
     * point Java's root-locale mapping agrees with Python's (up to scripts added after Unicode
     * 13), but for the context-dependent capital sigma Java looks at word boundaries where Python
     * applies Unicode's Final_Sigma rule, so that one is done here.
     */
    public static String lower(String s) {
        int n = s.length();
        int i = 0;
        while (i < n) {
            char c = s.charAt(i);
            if (c >= 0x80 || (c >= 'A' && c <= 'Z')) {
                break;
            }
            i++;
        }
        if (i == n) {
            return s;
        }
        StringBuilder sb = new StringBuilder(n);
        sb.append(s, 0, i);
        while (i < n) {
            int cp = s.codePointAt(i);
            if (cp == 0x3a3) {
                sb.append(finalSigma(s, i) ? '\u03c2' : '\u03c3');
            } else if (cp < 0x80) {
                sb.append(cp >= 'A' && cp <= 'Z' ? (char) (cp + 32) : (char) cp);
            } else {
                sb.append(new String(Character.toChars(cp)).toLowerCase(Locale.ROOT));
            }
            i += Character.charCount(cp);
        }
        return sb.toString();
    }

    /** Unicode's Final_Sigma: cased (case-ignorable)* SIGMA, not followed by (case-ignorable)* cased. */
    private static boolean finalSigma(String s, int at) {
        int j = at;
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
        j = at + 1;
        while (j < s.length()) {
            int cp = s.codePointAt(j);
            j += Character.charCount(cp);
            if (!isCaseIgnorable(cp)) {
                return !isCased(cp);
            }
        }
        return true;
    }

    public static boolean isCased(int cp) {
        return Character.isLowerCase(cp) || Character.isUpperCase(cp) || Character.isTitleCase(cp);
    }

    /** Unicode's Case_Ignorable: marks, format, modifiers, and the word-internal punctuation. */
    public static boolean isCaseIgnorable(int cp) {
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
            case '\'': case '.': case ':': case 0xb7: case 0x387: case 0x55f: case 0x5f4:
            case 0x2018: case 0x2019: case 0x2024: case 0x2027:
            case 0xfe13: case 0xfe52: case 0xfe55: case 0xff07: case 0xff0e: case 0xff1a:
                return true;
            default:
                return false;
        }
    }

    /** Python's {@code str.splitlines()} (line breaks dropped, CR LF counted once). */
    public static List<String> splitLines(String s) {
        List<String> out = new ArrayList<>();
        int start = 0;
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (isLineBreak(c)) {
                out.add(s.substring(start, i));
                i += (c == '\r' && i + 1 < s.length() && s.charAt(i + 1) == '\n') ? 2 : 1;
                start = i;
            } else {
                i++;
            }
        }
        if (start < s.length()) {
            out.add(s.substring(start));
        }
        return out;
    }

    public static String upper(String s) {
        StringBuilder out = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> out.append(upperFull(cp)));
        return out.toString();
    }

    public static String casefold(String s) {
        StringBuilder out = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> out.append(foldFull(cp)));
        return out.toString();
    }

    /** Python 3.8+: the first character is titlecased (not uppercased), the rest lowercased. */
    public static String capitalize(String s) {
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
    public static String title(String s) {
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


    private static String lowerInContext(String s, int index) {
        int cp = s.codePointAt(index);
        if (cp != CAPITAL_SIGMA) {
            return lowerFull(cp);
        }
        return new String(Character.toChars(finalSigma(s, index) ? FINAL_SIGMA : SMALL_SIGMA));
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
