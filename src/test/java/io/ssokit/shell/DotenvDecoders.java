package io.ssokit.shell;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Models of the two dotenv readers that {@link DataFormat#DOTENV} targets, restricted to what the
 * emitter writes ({@code NAME='value'} lines), for a machine without them:
 *
 * <ul>
 *   <li>docker compose (compose-go's dotenv parser): a single-quoted value ends at the first
 *       {@code '} not preceded by a backslash; the text between is taken as it is, then quote
 *       characters are trimmed from both ends; no escapes, no interpolation; newlines allowed.
 *   <li>python-dotenv: the file is read with universal newlines (CR and CRLF become LF); a
 *       single-quoted value runs to the first {@code '} not escaped as {@code \'}; {@code \\} and
 *       {@code \'} are unescaped; then {@code ${NAME}} and {@code ${NAME:-default}} are expanded
 *       (interpolation is on by default and does not look at the quotes).
 * </ul>
 */
final class DotenvDecoders {
    private DotenvDecoders() {
    }

    static Map<String, String> compose(String file) {
        return parse(file, DotenvDecoders::composeValue);
    }

    static Map<String, String> python(String file, Map<String, String> osEnv) {
        String universal = file.replace("\r\n", "\n").replace('\r', '\n');
        Map<String, String> raw = parse(universal, DotenvDecoders::pythonValue);
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : raw.entrySet()) {
            out.put(e.getKey(), interpolate(e.getValue(), osEnv, out));
        }
        return out;
    }

    /** Parses NAME=<quoted> statements; the value function returns {value, rest-of-input}. */
    private static Map<String, String> parse(String file, Function<String, String[]> value) {
        Map<String, String> out = new LinkedHashMap<>();
        String rest = file;
        while (true) {
            rest = rest.stripLeading();
            if (rest.isEmpty()) {
                return out;
            }
            int eq = rest.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("no NAME= at: " + rest);
            }
            String name = rest.substring(0, eq);
            if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw new IllegalArgumentException("bad name: " + name);
            }
            String[] v = value.apply(rest.substring(eq + 1));
            out.put(name, v[0]);
            rest = v[1];
            int nl = rest.indexOf('\n');
            String tail = nl < 0 ? rest : rest.substring(0, nl);
            if (!tail.isBlank()) {
                throw new IllegalArgumentException("text after the closing quote: " + tail);
            }
            rest = nl < 0 ? "" : rest.substring(nl + 1);
        }
    }

    private static String[] composeValue(String src) {
        if (src.isEmpty() || src.charAt(0) != '\'') {
            throw new IllegalArgumentException("not single-quoted");
        }
        for (int i = 1; i < src.length(); i++) {
            if (src.charAt(i) != '\'' || src.charAt(i - 1) == '\\') {
                continue;
            }
            String v = src.substring(0, i);
            int a = 0;
            int b = v.length();
            while (b > a && v.charAt(b - 1) == '\'') {
                b--;
            }
            while (a < b && v.charAt(a) == '\'') {
                a++;
            }
            return new String[] {v.substring(a, b), src.substring(i + 1)};
        }
        throw new IllegalArgumentException("unterminated quoted value");
    }

    private static String[] pythonValue(String src) {
        if (src.isEmpty() || src.charAt(0) != '\'') {
            throw new IllegalArgumentException("not single-quoted");
        }
        // the regex '((?:\\'|[^'])*)' : an escaped quote or any other character, up to a quote
        int i = 1;
        while (true) {
            if (i >= src.length()) {
                throw new IllegalArgumentException("unterminated quoted value");
            }
            if (src.startsWith("\\'", i)) {
                i += 2;
            } else if (src.charAt(i) == '\'') {
                break;
            } else {
                i++;
            }
        }
        String body = src.substring(1, i);
        StringBuilder sb = new StringBuilder();
        for (int j = 0; j < body.length(); j++) {
            char c = body.charAt(j);
            if (c == '\\' && j + 1 < body.length() && (body.charAt(j + 1) == '\\' || body.charAt(j + 1) == '\'')) {
                sb.append(body.charAt(++j));
            } else {
                sb.append(c);
            }
        }
        return new String[] {sb.toString(), src.substring(i + 1)};
    }

    /** python-dotenv's ${NAME} / ${NAME:-default}: the OS environment first, then earlier values. */
    private static String interpolate(String v, Map<String, String> osEnv, Map<String, String> earlier) {
        StringBuilder sb = new StringBuilder();
        int i = 0;
        while (i < v.length()) {
            int start = v.indexOf("${", i);
            int close = start < 0 ? -1 : v.indexOf('}', start + 2);
            if (start < 0 || close < 0) {
                sb.append(v, i, v.length());
                break;
            }
            sb.append(v, i, start);
            String inner = v.substring(start + 2, close);
            int dflt = inner.indexOf(":-");
            String name = dflt < 0 ? inner : inner.substring(0, dflt);
            String fallback = dflt < 0 ? "" : inner.substring(dflt + 2);
            String found = osEnv.containsKey(name) ? osEnv.get(name) : earlier.get(name);
            sb.append(found != null ? found : fallback);
            i = close + 1;
        }
        return sb.toString();
    }
}
