package io.ssokit.console;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The parts of Python's {@code urllib.parse} that aws-sso-util's console commands run URLs
 * through ({@code urlsplit}, {@code urlunsplit}, {@code urljoin}, {@code parse_qsl},
 * {@code urlencode}), so that destinations and sign-in URLs come out character for character the
 * same. {@code ;params} are kept as part of the path (urljoin splits and rejoins them unchanged).
 */
final class PyUrl {
    private PyUrl() {
    }

    /** {@code urlsplit}'s five parts; absent parts are empty strings, as Python gives them. */
    record Split(String scheme, String netloc, String path, String query, String fragment) {
        /** {@code urlunsplit}. */
        String unsplit() {
            String url = path;
            if (!netloc.isEmpty() || (!scheme.isEmpty() && !url.startsWith("//"))) {
                if (!url.isEmpty() && !url.startsWith("/")) {
                    url = "/" + url;
                }
                url = "//" + netloc + url;
            }
            StringBuilder b = new StringBuilder();
            if (!scheme.isEmpty()) {
                b.append(scheme).append(':');
            }
            b.append(url);
            if (!query.isEmpty()) {
                b.append('?').append(query);
            }
            if (!fragment.isEmpty()) {
                b.append('#').append(fragment);
            }
            return b.toString();
        }

        Split withQuery(String q) {
            return new Split(scheme, netloc, path, q, fragment);
        }
    }

    /** {@code urlsplit(url)} (fragments allowed): leading spaces and C0 controls, tabs and newlines removed first. */
    static Split split(String url) {
        int start = 0;
        while (start < url.length() && url.charAt(start) <= ' ') {
            start++;
        }
        String u = url.substring(start).replace("\t", "").replace("\r", "").replace("\n", "");
        String scheme = "";
        int colon = u.indexOf(':');
        if (colon > 0 && isAsciiLetter(u.charAt(0)) && u.substring(0, colon).chars().allMatch(PyUrl::isSchemeChar)) {
            scheme = u.substring(0, colon).toLowerCase(java.util.Locale.ROOT);
            u = u.substring(colon + 1);
        }
        String netloc = "";
        if (u.startsWith("//")) {
            int end = u.length();
            for (char c : new char[] {'/', '?', '#'}) {
                int i = u.indexOf(c, 2);
                if (i >= 0 && i < end) {
                    end = i;
                }
            }
            netloc = u.substring(2, end);
            u = u.substring(end);
        }
        String fragment = "";
        int hash = u.indexOf('#');
        if (hash >= 0) {
            fragment = u.substring(hash + 1);
            u = u.substring(0, hash);
        }
        String query = "";
        int q = u.indexOf('?');
        if (q >= 0) {
            query = u.substring(q + 1);
            u = u.substring(0, q);
        }
        return new Split(scheme, netloc, u, query, fragment);
    }

    /**
     * {@code urljoin(base, ref)} for a reference with neither scheme nor host (what the console
     * destination is once its scheme and host are dropped): an empty path keeps the base's path
     * (and its query when the reference has none), a relative path is merged with the base's
     * directory, dot segments are resolved.
     */
    static String join(Split base, String path, String query, String fragment) {
        if (path.isEmpty()) {
            return new Split(base.scheme(), base.netloc(), base.path(), query.isEmpty() ? base.query() : query, fragment).unsplit();
        }
        List<String> segments;
        if (path.startsWith("/")) {
            segments = new ArrayList<>(List.of(path.split("/", -1)));
        } else {
            List<String> baseParts = new ArrayList<>(List.of(base.path().split("/", -1)));
            if (!baseParts.get(baseParts.size() - 1).isEmpty()) {
                baseParts.remove(baseParts.size() - 1);
            }
            segments = new ArrayList<>(baseParts);
            segments.addAll(List.of(path.split("/", -1)));
            // empty segments in the middle go, as Python's filter(None, segments[1:-1]) drops them
            List<String> middle = new ArrayList<>(segments.subList(1, segments.size() - 1));
            middle.removeIf(String::isEmpty);
            List<String> rebuilt = new ArrayList<>();
            rebuilt.add(segments.get(0));
            rebuilt.addAll(middle);
            rebuilt.add(segments.get(segments.size() - 1));
            segments = rebuilt;
        }
        List<String> resolved = new ArrayList<>();
        for (String seg : segments) {
            if (seg.equals("..")) {
                if (!resolved.isEmpty()) {
                    resolved.remove(resolved.size() - 1);
                }
            } else if (!seg.equals(".")) {
                resolved.add(seg);
            }
        }
        String last = segments.get(segments.size() - 1);
        if (last.equals(".") || last.equals("..")) {
            resolved.add("");
        }
        String joined = String.join("/", resolved);
        return new Split(base.scheme(), base.netloc(), joined.isEmpty() ? "/" : joined, query, fragment).unsplit();
    }

    /** {@code parse_qsl(query)}: pairs without {@code =} or with an empty value are dropped. */
    static List<Map.Entry<String, String>> parseQsl(String query) {
        List<Map.Entry<String, String>> out = new ArrayList<>();
        for (String pair : query.split("&", -1)) {
            int eq = pair.indexOf('=');
            if (pair.isEmpty() || eq < 0 || eq == pair.length() - 1) {
                continue;
            }
            out.add(Map.entry(unquotePlus(pair.substring(0, eq)), unquotePlus(pair.substring(eq + 1))));
        }
        return out;
    }

    /** {@code urlencode(pairs)}: {@code quote_plus} on each name and value, joined with {@code &}. */
    static String urlencode(List<Map.Entry<String, String>> pairs) {
        StringBuilder b = new StringBuilder();
        for (Map.Entry<String, String> e : pairs) {
            if (b.length() > 0) {
                b.append('&');
            }
            b.append(quotePlus(e.getKey())).append('=').append(quotePlus(e.getValue()));
        }
        return b.toString();
    }

    /** {@code quote_plus(s)}: UTF-8, letters, digits and {@code _.-~} kept, space as {@code +}, the rest {@code %XX}. */
    static String quotePlus(String s) {
        StringBuilder b = new StringBuilder();
        for (byte x : s.getBytes(StandardCharsets.UTF_8)) {
            int c = x & 0xff;
            if (c < 0x80 && (Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '-' || c == '~')) {
                b.append((char) c);
            } else if (c == ' ') {
                b.append('+');
            } else {
                b.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return b.toString();
    }

    /** {@code unquote_plus(s)}: {@code +} is a space; a malformed escape stays as written; bad UTF-8 becomes U+FFFD. */
    static String unquotePlus(String s) {
        String t = s.replace('+', ' ');
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c == '%' && i + 2 < t.length() && hex(t.charAt(i + 1)) >= 0 && hex(t.charAt(i + 2)) >= 0) {
                bytes.write(hex(t.charAt(i + 1)) * 16 + hex(t.charAt(i + 2)));
                i += 2;
            } else {
                byte[] enc = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                if (Character.isHighSurrogate(c) && i + 1 < t.length()) {
                    enc = t.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
                    i++;
                }
                bytes.writeBytes(enc);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static int hex(char c) {
        return Character.digit(c, 16) >= 0 && c < 0x80 ? Character.digit(c, 16) : -1;
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isSchemeChar(int c) {
        return isAsciiLetter((char) c) || (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.';
    }
}
