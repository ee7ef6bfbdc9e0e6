package io.ssokit.completion;

import java.util.ArrayList;
import java.util.List;

/**
 * COMP_WORDS and COMP_CWORD as bash computes them for a line (split_at_delims with the default
 * COMP_WORDBREAKS): blanks separate words; quotes and backslashes keep what they quote in the
 * word; a run of unquoted break characters ({@code = : > < ; | & (}) is a word of its own.
 *
 * <p>Where bash could end the line with an empty word or not (the cursor right after {@code =}),
 * {@link #split(String, boolean)} gives both, and the tests check that both complete the same.
 */
record BashWords(List<String> words, int cword) {
    private static final String BREAKS = "=:><;|&(";

    static BashWords split(String line, boolean emptyAfterBreak) {
        List<String> words = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        boolean inWord = false;
        boolean lastWasBreak = false;
        char q = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (q != 0) {
                w.append(c);
                if (c == q) {
                    q = 0;
                } else if (c == '\\' && q == '"' && i + 1 < line.length()) {
                    w.append(line.charAt(++i));
                }
                continue;
            }
            if (c == ' ' || c == '\t') {
                if (inWord) {
                    words.add(w.toString());
                    w.setLength(0);
                    inWord = false;
                }
                lastWasBreak = false;
                continue;
            }
            boolean isBreak = BREAKS.indexOf(c) >= 0;
            if (inWord && isBreak != lastWasBreak) {
                words.add(w.toString());
                w.setLength(0);
            }
            inWord = true;
            lastWasBreak = isBreak;
            w.append(c);
            if (c == '\'' || c == '"') {
                q = c;
            } else if (c == '\\' && i + 1 < line.length()) {
                w.append(line.charAt(++i));
            }
        }
        boolean endsWithBlank = line.isEmpty() || line.endsWith(" ") || line.endsWith("\t");
        if (inWord) {
            words.add(w.toString());
        }
        if (endsWithBlank || (lastWasBreak && emptyAfterBreak)) {
            words.add("");
        }
        return new BashWords(words, words.size() - 1);
    }
}
