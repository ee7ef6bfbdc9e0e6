package io.ssokit.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random config files shaped to hit configparser's corners: Unicode whitespace, lone CR, indented
 * options and headers that turn into continuation lines, nested blocks with blank and comment
 * lines, quoted and malformed profile headers, DEFAULT sections. With {@code oneError}, exactly
 * one deliberate mistake that botocore refuses is added, so both readers must name the same line.
 */
final class RandomIni {
    private static final String[] EOL = {"\n", "\n", "\n", "\n", "\r\n", "\r\n", "\r"};
    private static final String[] WS = {"", "", "", " ", "  ", "\t", " \t ", "\u00a0", "\u3000", "\u000c", "\u2007"};
    private static final String[] NAMES = {"dev", "prod-1", "\u00dcn\u00efc\u00f6d\u00e9", "\u65e5\u672c", "my name",
        "it's", "a\"b", "tab\tname", "back\\slash", "sp\u00a0ace"};
    private static final String[] KEYS = {"region", "Output", "sso_start_url", "KEY with space", "R\u00e9gion",
        "\u03a3\u0391\u03a3", "x", "\u0130d"};
    private static final String[] VALUES = {"us-east-1", "", "a = b", "x:y", "# not a comment", "; nor this",
        "trailing  ", "\u65e5\u672c", "\u0085nel", "v\u000bvt", "\"quoted\"", "s p a c e s", "=", "\u2028ls"};

    /** Whitespace that str.splitlines() does not break on. */
    private static final String[] INLINE_WS = {"", " ", "\t", "\u00a0", "\u3000"};
    private static final String[] NESTED_VALUES = {"us-east-1", "", "a = b", "x:y", "# not a comment", "\u65e5\u672c",
        "\"quoted\"", "="};

    private final Random r;
    private int counter;
    private final StringBuilder out = new StringBuilder();
    private final List<String> headers = new ArrayList<>();

    RandomIni(long seed) {
        r = new Random(seed);
    }

    /** A config file (credentials when {@code credentials}), with at most one deliberate error. */
    String document(boolean credentials, boolean oneError) {
        out.setLength(0);
        headers.clear();
        int errorAt = oneError ? r.nextInt(6) : -1;
        if (errorAt == 0) {
            line(pick(WS).isEmpty() ? "# leading comment" : "");
            line(key() + " = before any header");
        }
        int sections = 1 + r.nextInt(6);
        for (int s = 0; s < sections; s++) {
            if (s == 1 && errorAt > 0) {
                error(errorAt);
            }
            if (r.nextInt(4) == 0) {
                line(pick(WS) + (r.nextBoolean() ? "#" : ";") + " comment " + pick(VALUES));
            }
            header(credentials);
            body();
        }
        String text = out.toString();
        if (r.nextInt(4) == 0 && text.endsWith("\n")) {
            text = text.substring(0, text.length() - 1);
            if (text.endsWith("\r")) {
                text = text.substring(0, text.length() - 1);
            }
        }
        return text;
    }

    private void error(int kind) {
        switch (kind) {
            case 1 -> {
                header(false);
                line("just some words");
            }
            case 2 -> {
                header(false);
                line("= value without key");
            }
            case 3 -> {
                String h = "dup" + (++counter);
                line("[" + h + "]");
                line("a = 1");
                line("[" + h + "]");
            }
            case 4 -> {
                line("[dupkey" + (++counter) + "]");
                line("Key" + counter + " = 1");
                line("key" + counter + ": 2");
            }
            default -> {
                header(false);
                line("[profile unterminated" + (++counter));
            }
        }
    }

    private void header(boolean credentials) {
        String name = pick(NAMES) + (++counter);
        String h;
        int k = r.nextInt(credentials ? 3 : 16);
        if (credentials) {
            h = k == 0 ? "DEFAULT" : k == 1 && !headers.contains("default") ? "default" : name;
        } else {
            switch (k) {
                case 0 -> h = headers.contains("default") ? "profile " + quote(name) : "default";
                case 1 -> h = "DEFAULT";
                case 2 -> h = headers.contains("profile default") ? "profile " + name : "profile default";
                case 3 -> h = "sso-session " + quote(name);
                case 4 -> h = "services " + quote(name);
                case 5 -> h = "profile a b " + counter;
                case 6 -> h = "profilex" + counter + " " + quote(name);
                case 7 -> h = "profile \"unbalanced" + counter;
                case 8 -> h = "plugins" + counter;
                case 9 -> h = headers.contains(" default ") ? "profile " + quote(name) : " default ";
                case 10 -> h = "profile \"" + name.replace("\"", "") + "\"";
                default -> h = "profile " + quote(name);
            }
        }
        headers.add(h);
        String indent = r.nextInt(6) == 0 ? pick(WS) : "";
        String trailing = r.nextInt(8) == 0 ? " ; junk after the bracket" : pick(WS);
        line(indent + "[" + h + "]" + trailing);
    }

    private static String quote(String name) {
        return IniDocument.quoteName(name);
    }

    private void body() {
        int n = r.nextInt(7);
        for (int i = 0; i < n; i++) {
            switch (r.nextInt(10)) {
                case 0 -> line(pick(WS));
                case 1 -> line(pick(WS) + (r.nextBoolean() ? "#" : ";") + pick(VALUES));
                case 2, 3 -> nested();
                default -> {
                    String indent = r.nextInt(5) == 0 ? pick(WS) : "";
                    line(indent + key() + pick(WS) + (r.nextInt(4) == 0 ? ":" : "=") + pick(WS) + pick(VALUES) + pick(WS));
                    for (int c = r.nextInt(3) == 0 ? 1 + r.nextInt(2) : 0; c > 0; c--) {
                        // after an empty value these form a nested block, where botocore needs '='
                        line(indent + "    " + pick(WS) + (r.nextInt(3) == 0 ? pick(VALUES) + "x" : "k" + c + " = " + pick(NESTED_VALUES)));
                    }
                }
            }
        }
    }

    private void nested() {
        String indent = r.nextInt(6) == 0 ? pick(WS) : "";
        line(indent + key() + pick(WS) + "=" + (r.nextBoolean() ? "" : pick(WS)));
        int n = 1 + r.nextInt(4);
        for (int i = 0; i < n; i++) {
            switch (r.nextInt(8)) {
                case 0 -> line(pick(WS));
                case 1 -> line(indent + "  # inside the block");
                default -> {
                    // str.splitlines() also breaks on NEL, VT, LS...: rarely, so most blocks stay valid
                    String v = r.nextInt(15) == 0 ? pick(VALUES) : pick(NESTED_VALUES);
                    line(indent + "  " + pick(WS) + "sub" + r.nextInt(4) + pick(INLINE_WS) + "=" + pick(INLINE_WS) + v + pick(WS));
                }
            }
        }
    }

    private String key() {
        return pick(KEYS) + "_" + (++counter);
    }

    private void line(String text) {
        out.append(text).append(pick(EOL));
    }

    private String pick(String[] options) {
        return options[r.nextInt(options.length)];
    }
}
