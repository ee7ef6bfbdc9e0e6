package io.ssokit.config;

import io.ssokit.text.PyText;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Round trips and the exact footprint of single edits, on generated documents. */
class IniDocumentPropertiesTest {

    // ---- generated documents ------------------------------------------------------------

    /** An option: key, spacing, delimiter, value, and optional continuation lines. */
    record Opt(String key, String before, String delim, String after, String value, String trailing, int continuations) {
    }

    record Sec(int kind, String name, List<Object> items) {
    }

    /** Comment and blank items are plain strings (the whole line). */
    record Doc(boolean bom, List<Sec> sections, List<String> preamble, List<Integer> eols, boolean finalNewline) {

        String render() {
            List<String> lines = new ArrayList<>(preamble);
            int n = 0;
            for (Sec s : sections) {
                String suffix = "_" + (n++);
                String header = switch (s.kind) {
                    case 0 -> n == 1 ? "default" : "profile d" + suffix;
                    case 1 -> "profile " + IniDocument.quoteName(s.name + suffix);
                    case 2 -> "sso-session " + IniDocument.quoteName(s.name + suffix);
                    default -> s.name + suffix;
                };
                lines.add("[" + header + "]");
                for (Object item : s.items) {
                    if (item instanceof Opt o) {
                        String key = o.key + "_" + (n++);
                        lines.add(key + o.before + o.delim + o.after + o.value + o.trailing);
                        for (int c = 0; c < o.continuations; c++) {
                            lines.add(c % 2 == 0 ? "    more " + c : "    sub" + c + " = " + c);
                        }
                    } else if (item instanceof Map<?, ?> nested) {
                        lines.add("nested_" + (n++) + " =");
                        nested.forEach((k, v) -> lines.add("  " + k + " = " + v));
                    } else {
                        lines.add((String) item);
                    }
                }
            }
            StringBuilder sb = new StringBuilder(bom ? "\uFEFF" : "");
            String[] endings = {"\n", "\r\n", "\r"};
            for (int i = 0; i < lines.size(); i++) {
                sb.append(lines.get(i));
                if (i < lines.size() - 1 || finalNewline) {
                    sb.append(endings[eols.isEmpty() ? 0 : eols.get(i % eols.size())]);
                }
            }
            return sb.toString();
        }
    }

    private static final String VALUE_CHARS = "abcXYZ019 =:#;[]\"'\\\t\u00e9\u65e5\u00a0\u3000\u0085/.-";

    @Provide
    Arbitrary<Doc> docs() {
        Arbitrary<String> ws = Arbitraries.of("", "", " ", "  ", "\t", "\u00a0");
        Arbitrary<String> value = Arbitraries.strings().withChars(VALUE_CHARS).ofMaxLength(12)
                .map(v -> v.isEmpty() ? v : "v" + v + "v");
        Arbitrary<Opt> opt = Combinators.combine(
                Arbitraries.of("region", "Output", "sso_start_url", "K\u00c9Y", "key with space"),
                ws, Arbitraries.of("=", ":"), ws, value, ws, Arbitraries.integers().between(0, 2))
                .as((k, b, d, a, v, t, c) -> new Opt(k, b, d, a, c > 0 && v.isEmpty() ? "x" : v, t, c));
        Arbitrary<String> comment = Combinators.combine(ws, Arbitraries.of("#", ";"), value).as((w, p, v) -> w + p + v);
        Arbitrary<Map<String, String>> nested = Arbitraries.maps(Arbitraries.of("a", "b", "Addressing_Style"),
                Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(5)).ofMinSize(1).ofMaxSize(3);
        Arbitrary<Object> item = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, opt.map(o -> (Object) o)),
                net.jqwik.api.Tuple.of(1, comment.map(c -> (Object) c)),
                net.jqwik.api.Tuple.of(1, ws.map(w -> (Object) w)),
                net.jqwik.api.Tuple.of(1, nested.map(m -> (Object) m)));
        Arbitrary<Sec> sec = Combinators.combine(Arbitraries.integers().between(0, 3),
                Arbitraries.of("dev", "my name", "\u65e5\u672c", "it's", "x"),
                item.list().ofMaxSize(6)).as(Sec::new);
        return Combinators.combine(Arbitraries.of(false, false, false, true), sec.list().ofMaxSize(5),
                comment.list().ofMaxSize(2), Arbitraries.integers().between(0, 2).list().ofMinSize(1).ofMaxSize(4),
                Arbitraries.of(true, true, false)).as(Doc::new);
    }

    @Provide
    Arbitrary<String> values() {
        return Arbitraries.strings().withChars(VALUE_CHARS).ofMaxLength(10);
    }

    // ---- round trips -------------------------------------------------------------------

    @Property(tries = 300)
    void generatedDocumentsRenderToTheirExactText(@ForAll("docs") Doc d) {
        String text = d.render();
        IniDocument doc = IniDocument.parse(text, "gen");
        assertEquals(text, doc.render());
        AwsConfig.of(doc, IniDocument.empty("c"));
    }

    /** Any text at all either parses and renders back exactly, or is a syntax error with a line. */
    @Property(tries = 1000)
    void arbitraryTextRoundTripsOrIsASyntaxError(
            @ForAll("fuzz") String text) {
        IniDocument doc;
        try {
            doc = IniDocument.parse(text, "fuzz");
        } catch (ConfigSyntaxException e) {
            assertTrue(e.line() >= 1 && e.line() <= text.length() + 1, e.getMessage());
            return;
        }
        assertEquals(text, doc.render());
        try {
            AwsConfig.of(doc, doc);
        } catch (ConfigSyntaxException e) {
            assertTrue(e.getMessage().contains("nested"), e.getMessage());
        }
    }

    @Provide
    Arbitrary<String> fuzz() {
        return Arbitraries.strings().withChars("[]=:#; \t\r\n\u00a0\u3000\u000c\uFEFFaAbp'\"\\").ofMaxLength(40)
                .map(s -> s.replace("p", "profile "));
    }

    // ---- single edits ------------------------------------------------------------------

    record Line(String text, String eol) {
    }

    static List<Line> lines(String text) {
        List<Line> out = new ArrayList<>();
        int start = text.startsWith("\uFEFF") ? 1 : 0;
        int i = start;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                int end = c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n' ? i + 2 : i + 1;
                out.add(new Line(text.substring(start, i), text.substring(i, end)));
                start = i = end;
            } else {
                i++;
            }
        }
        if (start < text.length()) {
            out.add(new Line(text.substring(start), ""));
        }
        return out;
    }

    /**
     * The lines of {@code before} that an edit replaced, and what replaced them, found on the
     * bytes: the longest common prefix and suffix, widened to whole lines of {@code before}. (A
     * line-by-line comparison of the two texts would misread mixed line endings: after a removal,
     * a line ending in CR can meet an empty line ending in LF, and the pair reads as one CRLF.)
     */
    record Diff(List<Line> removed, List<Line> added) {
        static Diff of(String before, String after) {
            List<Line> a = lines(before);
            int n = a.size();
            int[] starts = new int[n + 1];
            starts[0] = before.startsWith("\uFEFF") ? 1 : 0;
            for (int i = 0; i < n; i++) {
                starts[i + 1] = starts[i] + a.get(i).text.length() + a.get(i).eol.length();
            }
            if (!after.startsWith(before.substring(0, starts[0]))) {
                return new Diff(a, lines(after));
            }
            // whole lines of before, byte for byte at the same place in after (a last line without
            // a line ending only when after ends there too: otherwise it was extended)
            int from = 0;
            while (from < n && starts[from + 1] <= after.length()
                    && after.regionMatches(starts[from], before, starts[from], starts[from + 1] - starts[from])
                    && (!a.get(from).eol.isEmpty() || starts[from + 1] == after.length())) {
                from++;
            }
            int to = n;
            while (to > from) {
                int len = starts[to] - starts[to - 1];
                int at = after.length() - (before.length() - starts[to - 1]);
                if (at < starts[from] || !after.regionMatches(at, before, starts[to - 1], len)) {
                    break;
                }
                to--;
            }
            String middle = after.substring(starts[from], after.length() - (before.length() - starts[to]));
            return new Diff(a.subList(from, to), lines(middle));
        }
    }

    static Map<String, Section> view(IniDocument doc) {
        Map<String, Section> out = new LinkedHashMap<>();
        for (Section s : doc.botocoreSections()) {
            out.put(s.name(), s);
        }
        return out;
    }

    @Property(tries = 400)
    void settingAKeyChangesExactlyOneLineAndOnlyThatValue(@ForAll("docs") Doc d,
            @ForAll @IntRange(min = 0, max = 50) int pick, @ForAll boolean existing, @ForAll("values") String value) {
        String text = d.render();
        IniDocument doc = IniDocument.parse(text, "gen");
        if (doc.sections().isEmpty()) {
            return;
        }
        String section = doc.sections().get(pick % doc.sections().size());
        List<String> keys = doc.keys(section);
        String key = existing && !keys.isEmpty() ? keys.get(pick % keys.size()) : "new_key";
        boolean multiLine = doc.value(section, key).map(v -> v.contains("\n")).orElse(false);
        Map<String, Section> before = view(doc);

        doc.set(section, key, value);

        Diff diff = Diff.of(text, doc.render());
        String written = key + " = " + value;
        if (keys.contains(key)) {
            assertEquals(1, diff.added.size(), diff.toString());
            assertEquals(written, diff.added.get(0).text);
            assertTrue(multiLine ? diff.removed.size() >= 2 : diff.removed.size() == 1, diff.toString());
            assertTrue(PyText.lower(diff.removed.get(0).text).startsWith(key), diff.toString());
            assertEquals(diff.removed.get(diff.removed.size() - 1).eol, diff.added.get(0).eol);
        } else if (diff.removed.isEmpty()) {
            assertEquals(List.of(written), diff.added.stream().map(Line::text).toList());
        } else {
            // the last line had no line ending: it gets one, and the new line follows
            assertEquals(1, diff.removed.size());
            assertEquals("", diff.removed.get(0).eol);
            assertEquals(List.of(diff.removed.get(0).text, written), diff.added.stream().map(Line::text).toList());
        }
        Map<String, Section> after = view(doc);
        assertEquals(before.keySet(), after.keySet());
        for (String name : before.keySet()) {
            Section b = before.get(name);
            Map<String, String> values = new LinkedHashMap<>(b.values());
            Map<String, Map<String, String>> nested = new LinkedHashMap<>(b.nested());
            if (name.equals(section)) {
                values.put(key, PyText.strip(value));
                nested.remove(key);
            }
            assertEquals(values, after.get(name).values(), name);
            assertEquals(nested, after.get(name).nested(), name);
        }
    }

    @Property(tries = 400)
    void removingAKeyRemovesOnlyItsLines(@ForAll("docs") Doc d, @ForAll @IntRange(min = 0, max = 50) int pick) {
        String text = d.render();
        IniDocument doc = IniDocument.parse(text, "gen");
        if (doc.sections().isEmpty()) {
            return;
        }
        String section = doc.sections().get(pick % doc.sections().size());
        List<String> keys = doc.keys(section);
        if (keys.isEmpty()) {
            assertFalse(doc.remove(section, "anything"));
            assertEquals(text, doc.render());
            return;
        }
        String key = keys.get(pick % keys.size());
        Map<String, Section> before = view(doc);

        assertTrue(doc.remove(section, key));

        Diff diff = Diff.of(text, doc.render());
        assertEquals(List.of(), diff.added);
        assertTrue(PyText.lower(PyText.strip(diff.removed.get(0).text)).startsWith(key), diff.toString());
        for (Line l : diff.removed.subList(1, diff.removed.size())) {
            assertTrue(PyText.firstNonSpace(l.text) != 0, "only indented lines go with the key: " + diff);
        }
        Map<String, Section> after = view(doc);
        for (String name : before.keySet()) {
            Map<String, String> values = new LinkedHashMap<>(before.get(name).values());
            Map<String, Map<String, String>> nested = new LinkedHashMap<>(before.get(name).nested());
            if (name.equals(section)) {
                values.remove(key);
                nested.remove(key);
            }
            assertEquals(values, after.get(name).values());
            assertEquals(nested, after.get(name).nested());
        }
    }

    @Property(tries = 300)
    void removingASectionLeavesEveryOtherSectionAlone(@ForAll("docs") Doc d, @ForAll @IntRange(min = 0, max = 50) int pick) {
        String text = d.render();
        IniDocument doc = IniDocument.parse(text, "gen");
        if (doc.sections().isEmpty()) {
            return;
        }
        String section = doc.sections().get(pick % doc.sections().size());
        Map<String, Section> before = view(doc);

        assertTrue(doc.removeSection(section));

        Diff diff = Diff.of(text, doc.render());
        assertEquals(List.of(), diff.added);
        assertTrue(diff.removed.stream().anyMatch(l -> l.text.equals("[" + section + "]")), diff.toString());
        before.remove(section);
        assertEquals(before, view(doc));
    }

    @Property(tries = 300)
    void appendingThenRemovingASectionRestoresTheText(@ForAll("docs") Doc d, @ForAll("values") String value) {
        String text = d.render();
        IniDocument doc = IniDocument.parse(text, "gen");
        doc.appendSection("profile appended", Map.of("region", value));
        assertEquals(PyText.strip(value), AwsConfig.of(doc, IniDocument.empty("c")).profile("appended")
                .orElseThrow().get("region").orElseThrow());
        doc.removeSection("profile appended");
        List<Line> original = lines(text);
        if (original.isEmpty() || !original.get(original.size() - 1).eol.isEmpty()) {
            assertEquals(text, doc.render());
        } else {
            // the last line had no line ending and keeps the one it was given
            Diff diff = Diff.of(text, doc.render());
            assertEquals(List.of(original.get(original.size() - 1)), diff.removed);
            assertEquals(1, diff.added.size());
            assertEquals(diff.removed.get(0).text, diff.added.get(0).text);
        }
    }

    /**
     * replaceAll rewrites a section in one splice; it must give exactly what removing the
     * unwanted keys and then setting each key one edit at a time gives.
     */
    @Property(tries = 500)
    void replaceAllEqualsRemovingThenSettingKeyByKey(@ForAll("docs") Doc d,
            @ForAll @IntRange(min = 0, max = 50) int pick,
            @ForAll @net.jqwik.api.constraints.Chars({'0', '1', '2', '3'}) String choices,
            @ForAll boolean addNew, @ForAll("values") String value) {
        String text = d.render();
        IniDocument batch = IniDocument.parse(text, "gen");
        List<String> sections = new ArrayList<>(batch.sections());
        sections.add("profile brand new");
        String section = sections.get(pick % sections.size());
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, Map<String, String>> nested = new LinkedHashMap<>();
        List<String> keys = batch.keys(section);
        for (int i = 0; i < keys.size(); i++) {
            int choice = i < choices.length() ? choices.charAt(i) - '0' : 1;
            String key = keys.get(i);
            switch (choice) {
                case 1 -> values.put(key, value + i);
                case 2 -> nested.put(key, Map.of("sub", "v" + value.replace('\u0085', '_') + "v"));
                case 3 -> values.put(key.toUpperCase(java.util.Locale.ROOT).equals(key) ? key : key.toUpperCase(java.util.Locale.ROOT), value);
                default -> { }
            }
        }
        if (addNew) {
            values.put("new_flat", value);
            nested.put("new_nested", Map.of("a", "1", "b", "2"));
        }
        values.keySet().removeIf(k -> !PyText.lower(k).equals(k.toLowerCase(java.util.Locale.ROOT)));

        IniDocument sequential = IniDocument.parse(text, "gen");
        Map<String, Section> before = view(batch);
        batch.replaceAll(section, values, nested);
        if (sequential.hasSection(section)) {
            List<String> wanted = new ArrayList<>();
            values.keySet().forEach(k -> wanted.add(PyText.lower(k)));
            nested.keySet().forEach(k -> wanted.add(PyText.lower(k)));
            for (String k : sequential.keys(section)) {
                if (!wanted.contains(k)) {
                    sequential.remove(section, k);
                }
            }
            values.forEach((k, v) -> sequential.set(section, k, v));
        } else {
            sequential.appendSection(section, values);
        }
        nested.forEach((k, m) -> sequential.setNested(section, k, m));
        boolean oneKindOfLineEnding = lines(text).stream().map(Line::eol).filter(e -> !e.isEmpty()).distinct().count() <= 1;
        if (oneKindOfLineEnding) {
            assertEquals(sequential.render(), batch.render());
        } else {
            // edit by edit, the "dominant" ending of a mixed file can flip between steps
            assertEquals(normalized(sequential.render()), normalized(batch.render()));
        }

        Map<String, Section> after = view(batch);
        Map<String, String> expectFlat = new LinkedHashMap<>();
        values.forEach((k, v) -> expectFlat.put(PyText.lower(k), PyText.strip(v)));
        Map<String, Map<String, String>> expectNested = new LinkedHashMap<>();
        nested.forEach((k, m) -> expectNested.put(PyText.lower(k), m));
        String name = section;
        assertEquals(expectFlat, after.get(name).values());
        assertEquals(expectNested, after.get(name).nested());
        before.remove(name);
        after.remove(name);
        assertEquals(before, after);
    }

    static String normalized(String text) {
        return text.replace("\r\n", "\n").replace('\r', '\n');
    }

    @Property(tries = 300)
    void anyWritableProfileNameReadsBack(@ForAll("names") String name) {
        IniDocument doc = IniDocument.parse("[default]\nregion = x\n", "gen");
        doc.set(doc.profileHeader(name), "output", "json");
        AwsConfig c = AwsConfig.of(doc, IniDocument.empty("c"));
        assertEquals("json", c.profile(name).orElseThrow().get("output").orElseThrow());
    }

    @Provide
    Arbitrary<String> names() {
        return Arbitraries.strings().withChars("ab \t'\"\\#;=:\u00e9\u65e5\u00a0.-_").ofMinLength(1).ofMaxLength(10);
    }
}
