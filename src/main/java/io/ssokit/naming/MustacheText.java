package io.ssokit.naming;

/** Puts arbitrary text into a Mustache template so that it renders as itself. */
final class MustacheText {
    /** Characters tried for a two-character delimiter pair; checked to work with Mustache.java. */
    private static final String DELIMITER_CHARS = "<>%|~^@#$&*;:?!+-_.,'\"`()[]/\\aZ09";
    /** A chunk this long leaves at least two delimiter characters it does not contain. */
    private static final int CHUNK = DELIMITER_CHARS.length() / 2;

    private MustacheText() {
    }

    /**
     * Text without braces is safe as is. Text with a brace could open or close a tag, also
     * together with the tag next to it (<code>x{</code> followed by <code>{{a}}</code> reads as
     * <code>{{{a}}</code>), and Mustache has no escape character; so such text is wrapped in a
     * delimiter change to two characters that it does not contain, and back. Mustache.java
     * takes only one- or two-character delimiters, so long text is wrapped in chunks short
     * enough to always leave two characters free.
     */
    static String literal(String text) {
        if (text.indexOf('{') < 0 && text.indexOf('}') < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder();
        int[] cps = text.codePoints().toArray();
        for (int start = 0; start < cps.length; start += CHUNK) {
            String chunk = new String(cps, start, Math.min(CHUNK, cps.length - start));
            char[] pair = freeDelimiterChars(chunk);
            String open = "" + pair[0] + pair[1];
            String close = "" + pair[1] + pair[0];
            out.append("{{=").append(open).append(' ').append(close).append("=}}")
                    .append(chunk)
                    .append(open).append("={{ }}=").append(close);
        }
        return out.toString();
    }

    private static char[] freeDelimiterChars(String chunk) {
        char[] pair = new char[2];
        int found = 0;
        for (int i = 0; i < DELIMITER_CHARS.length() && found < 2; i++) {
            char c = DELIMITER_CHARS.charAt(i);
            if (chunk.indexOf(c) < 0) {
                pair[found++] = c;
            }
        }
        if (found < 2) {
            throw new IllegalStateException("chunk too long for the delimiter alphabet: " + chunk);
        }
        return pair;
    }
}
