package io.ssokit.naming;

/** Puts arbitrary text into a Mustache template so that it renders as itself. */
final class MustacheText {
    private MustacheText() {
    }

    /**
     * Text without braces is safe as is. Text with a brace could open or close a tag, also
     * together with the tag next to it (<code>x{</code> followed by <code>{{a}}</code> reads as
     * <code>{{{a}}</code>),
     * and Mustache has no escape character; so it is wrapped in a delimiter change, with
     * delimiters that occur neither in the text nor across its end.
     */
    static String literal(String text) {
        if (text.indexOf('{') < 0 && text.indexOf('}') < 0) {
            return text;
        }
        for (int n = 1; ; n++) {
            String open = "<" + "%".repeat(n);
            String close = "%".repeat(n) + ">";
            if (!text.contains(open) && !text.contains(close) && (text + open).indexOf(open) == text.length()) {
                return "{{=" + open + " " + close + "=}}" + text + open + "={{ }}=" + close;
            }
        }
    }
}
