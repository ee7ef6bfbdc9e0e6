package io.ssokit.config;

import io.ssokit.text.PyText;
import io.ssokit.shell.Dialects;

import io.ssokit.ExitCodes;
import io.ssokit.SsokitException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One AWS config or credentials file as a list of lines, kept verbatim: {@link #render()} of an
 * unedited document returns exactly the text it was parsed from (BOM, comments, spacing, CR LF,
 * lone CR, a missing final newline). Edits replace, insert or delete only the lines they must.
 *
 * <p>Lines are classified exactly as Python's configparser does for botocore (strict mode, {@code
 * =} and {@code :} delimiters, {@code #} and {@code ;} full-line comments, no inline comments,
 * continuation lines by indentation), so a file the AWS CLI refuses to read is refused here with a
 * {@link ConfigSyntaxException}, and a file this class accepts means the same thing to both.
 *
 * <p>Sections are addressed by their configparser name: the text between {@code [} and the last
 * {@code ]} of the header, e.g. {@code default}, {@code profile dev}, {@code profile 'my name'},
 * {@code sso-session corp}. For a config file use {@link #profileHeader}, {@link
 * #ssoSessionHeader} and {@link #servicesHeader} to get the name of the section that holds a
 * profile; in a credentials file the section name is the profile name. {@code DEFAULT} is
 * configparser's defaults section, whose keys every other section inherits.
 *
 * <p>Every edit is atomic: it is validated first, and a rejected edit (a bad name, key or value:
 * {@link SsokitException} with {@link ExitCodes#USAGE}) leaves the document untouched.
 */
public final class IniDocument {

    static final String DEFAULT_SECTION = "DEFAULT";

    private static final String LF = "\n";
    private static final String CRLF = "\r\n";
    private static final String CR = "\r";
    private static final String NO_EOL = "";

    private static final byte BLANK = 0;
    private static final byte COMMENT = 1;
    private static final byte HEADER = 2;
    private static final byte OPTION = 3;
    private static final byte CONTINUATION = 4;

    /** One physical line: its text and the line ending that followed it ("" for the last). */
    private record Line(String text, String eol) {
    }

    private final String origin;
    private final boolean bom;
    private List<Line> lines;
    private Layout layout;

    private IniDocument(String origin, boolean bom, List<Line> lines, Layout layout) {
        this.origin = origin;
        this.bom = bom;
        this.lines = lines;
        this.layout = layout;
    }

    /**
     * Parses the text of a config or credentials file. A leading BOM is kept for rendering and
     * ignored for parsing (botocore would fail on it; see AwsConfig).
     *
     * @param origin the file as shown in error messages, e.g. {@code ~/.aws/config}
     */
    public static IniDocument parse(String text, String origin) {
        boolean bom = text.startsWith("\uFEFF");
        char[] buf = text.toCharArray();
        int from = bom ? 1 : 0;
        int count = 0;
        for (int i = from; i < buf.length; i++) {
            char c = buf[i];
            if (c == '\n' || (c == '\r' && (i + 1 == buf.length || buf[i + 1] != '\n'))) {
                count++;
            }
        }
        int[] starts = new int[count + 1];
        int[] ends = new int[count + 1];
        List<Line> lines = new ArrayList<>(count + 1);
        int n = 0;
        int start = from;
        int i = from;
        while (i < buf.length) {
            char c = buf[i];
            if (c > '\r' || (c != '\n' && c != '\r')) {
                i++;
                continue;
            }
            String eol = c == '\n' ? LF : i + 1 < buf.length && buf[i + 1] == '\n' ? CRLF : CR;
            starts[n] = start;
            ends[n++] = i;
            lines.add(new Line(text.substring(start, i), eol));
            i += eol.length();
            start = i;
        }
        if (start < buf.length) {
            starts[n] = start;
            ends[n++] = buf.length;
            lines.add(new Line(text.substring(start), NO_EOL));
        }
        return new IniDocument(origin, bom, lines, scan(text, buf, starts, ends, n, origin));
    }

    /** Parses UTF-8 bytes; malformed UTF-8 is a syntax error naming its line, as in botocore. */
    public static IniDocument parse(byte[] bytes, String origin) {
        return parse(decodeUtf8(bytes, origin), origin);
    }

    public static IniDocument empty(String origin) {
        return parse("", origin);
    }

    /** The file as shown in messages. */
    public String origin() {
        return origin;
    }

    /** The whole text, byte for byte as parsed plus the edits made. */
    public String render() {
        int size = bom ? 1 : 0;
        for (Line l : lines) {
            size += l.text.length() + l.eol.length();
        }
        StringBuilder sb = new StringBuilder(size);
        if (bom) {
            sb.append('\uFEFF');
        }
        for (Line l : lines) {
            sb.append(l.text).append(l.eol);
        }
        return sb.toString();
    }

    /** Section names in file order, each once ({@code DEFAULT} included where present). */
    public List<String> sections() {
        List<String> out = new ArrayList<>();
        for (Block b : layout.blocks) {
            if (!out.contains(b.name)) {
                out.add(b.name);
            }
        }
        return out;
    }

    public boolean hasSection(String section) {
        return layout.firstBlock(section) != null;
    }

    /** The section's own option names, lowercased as configparser stores them, in file order. */
    public List<String> keys(String section) {
        List<String> out = new ArrayList<>();
        for (Block b : layout.blocksNamed(section)) {
            for (Opt o : b.options) {
                out.add(o.key);
            }
        }
        return out;
    }

    /**
     * The section's own value for a key (not inherited from {@code DEFAULT}), as configparser
     * returns it: stripped, continuation lines joined by {@code \n}. A nested block such as
     * {@code s3 =} followed by indented lines reads as {@code "\nkey = value..."}.
     */
    public Optional<String> value(String section, String key) {
        Opt o = layout.find(section, PyText.lower(key));
        return o == null ? Optional.empty() : Optional.of(o.value());
    }

    // ---- section names for profiles, sso-sessions and services -----------------------------

    /**
     * The section that holds profile {@code name} in a config file: the one botocore reads (for
     * {@code default} that may be {@code [default]} or {@code [profile default]}; for a quoted
     * name, whichever quoting the file uses; the last one when several map to the name), or, when
     * there is none, the header a new section gets: {@code default} for the default profile
     * (understood by every SDK), else {@code profile NAME} with NAME POSIX-quoted when it holds
     * whitespace, a quote or a backslash.
     */
    public String profileHeader(String name) {
        checkEntityName("profile", name);
        String found = findHeader(AwsConfig.PROFILE, name);
        if (found != null) {
            return found;
        }
        return name.equals("default") ? "default" : "profile " + quoteName(name);
    }

    /** Like {@link #profileHeader} for an {@code [sso-session NAME]} section. */
    public String ssoSessionHeader(String name) {
        checkEntityName("sso-session", name);
        String found = findHeader(AwsConfig.SSO_SESSION, name);
        return found != null ? found : "sso-session " + quoteName(name);
    }

    /** Like {@link #profileHeader} for a {@code [services NAME]} section. */
    public String servicesHeader(String name) {
        checkEntityName("services", name);
        String found = findHeader(AwsConfig.SERVICES, name);
        return found != null ? found : "services " + quoteName(name);
    }

    private String findHeader(int kind, String name) {
        return layout.headerIndex(kind).get(name);
    }

    // ---- edits ---------------------------------------------------------------------------

    /**
     * Sets {@code key = value}. An existing key (matched case-insensitively, as configparser
     * does) has its line rewritten in place, keeping its indentation and line ending; a multi-line
     * or nested value's continuation lines go with it. A new key is inserted after the section's
     * last option, with the file's dominant line ending. A missing section is appended.
     */
    public void set(String section, String key, String value) {
        checkSectionName(section);
        checkKey(key);
        checkValue(key, value);
        edit(() -> {
            Opt o = layout.find(section, PyText.lower(key));
            if (o != null) {
                String text = leading(lines.get(o.line).text) + key + " = " + value;
                splice(o.line, o.last + 1, List.of(new Line(text, lines.get(o.last).eol)));
            } else if (layout.firstBlock(section) == null) {
                appendLines(section, List.of(key + " = " + value));
            } else {
                insertOption(section, List.of(key + " = " + value));
            }
        });
    }

    /**
     * Sets a nested block: {@code key =} followed by one indented {@code sub = value} line per
     * entry, the form botocore reads as a dictionary (e.g. {@code s3}, or the per-service keys of
     * a {@code [services]} section). Replaces an existing value of the key, flat or nested.
     */
    public void setNested(String section, String key, Map<String, String> subKeys) {
        checkSectionName(section);
        checkKey(key);
        checkNested(key, subKeys);
        edit(() -> {
            Opt o = layout.find(section, PyText.lower(key));
            if (o != null) {
                String indent = leading(lines.get(o.line).text);
                String subIndent = indent + "  ";
                for (int i = o.line + 1; i <= o.last; i++) {
                    if (layout.kind[i] == CONTINUATION) {
                        subIndent = leading(lines.get(i).text);
                        break;
                    }
                }
                String eol = lines.get(o.line).eol.isEmpty() ? dominantEol() : lines.get(o.line).eol;
                List<Line> block = new ArrayList<>();
                block.add(new Line(indent + key + " =", eol));
                for (Map.Entry<String, String> e : subKeys.entrySet()) {
                    block.add(new Line(subIndent + e.getKey() + " = " + e.getValue(), eol));
                }
                splice(o.line, o.last + 1, block);
            } else {
                List<String> texts = new ArrayList<>();
                texts.add(key + " =");
                for (Map.Entry<String, String> e : subKeys.entrySet()) {
                    texts.add("  " + e.getKey() + " = " + e.getValue());
                }
                if (layout.firstBlock(section) == null) {
                    appendLines(section, texts);
                } else {
                    insertOption(section, texts);
                }
            }
        });
    }

    /** Removes a key's line and its continuation (nested) lines. False when it is not there. */
    public boolean remove(String section, String key) {
        Opt o = layout.find(section, PyText.lower(key));
        if (o == null) {
            return false;
        }
        edit(() -> splice(o.line, o.last + 1, List.of()));
        return true;
    }

    /**
     * Removes a section: its header and body up to its last option's last line, plus one blank
     * line separating it from what precedes (or, when there is none, the blank lines after it).
     * Comments after the last option are kept, since they usually introduce the next section.
     * False when there is no such section.
     */
    public boolean removeSection(String section) {
        if (layout.firstBlock(section) == null) {
            return false;
        }
        edit(() -> {
            for (int bi = layout.blocks.size() - 1; bi >= 0; bi--) {
                Block b = layout.blocks.get(bi);
                if (!b.name.equals(section)) {
                    continue;
                }
                int from = b.header;
                int to = b.options.isEmpty() ? b.header + 1 : b.options.get(b.options.size() - 1).last + 1;
                if (from > 0 && layout.kind[from - 1] == BLANK) {
                    from--;
                } else {
                    while (to < lines.size() && layout.kind[to] == BLANK) {
                        to++;
                    }
                }
                splice(from, to, List.of());
            }
        });
        return true;
    }

    /**
     * Appends a new section at the end of the file, as aws-sso-util does: a blank line (unless
     * the document is empty), {@code [section]}, then one {@code key = value} line per entry. The
     * previous last line gets a line ending if it had none.
     *
     * @throws IllegalStateException when the section already exists
     */
    public void appendSection(String section, Map<String, String> values) {
        checkSectionName(section);
        for (Map.Entry<String, String> e : values.entrySet()) {
            checkKey(e.getKey());
            checkValue(e.getKey(), e.getValue());
        }
        checkDistinctKeys(values.keySet(), List.of());
        if (layout.firstBlock(section) != null) {
            throw new IllegalStateException("section [" + section + "] already exists in " + origin);
        }
        List<String> texts = new ArrayList<>();
        for (Map.Entry<String, String> e : values.entrySet()) {
            texts.add(e.getKey() + " = " + e.getValue());
        }
        edit(() -> appendLines(section, texts));
    }

    /**
     * Appends several new sections in one edit, with the result of calling {@link #appendSection}
     * for each in order. Every edit re-scans the whole file, so {@code configure populate} adding
     * thousands of profiles one by one would take quadratic time.
     *
     * @throws IllegalStateException when one of the sections already exists
     */
    public void appendSections(Map<String, Map<String, String>> sections) {
        for (Map.Entry<String, Map<String, String>> s : sections.entrySet()) {
            checkSectionName(s.getKey());
            for (Map.Entry<String, String> e : s.getValue().entrySet()) {
                checkKey(e.getKey());
                checkValue(e.getKey(), e.getValue());
            }
            checkDistinctKeys(s.getValue().keySet(), List.of());
            if (layout.firstBlock(s.getKey()) != null) {
                throw new IllegalStateException("section [" + s.getKey() + "] already exists in " + origin);
            }
        }
        if (sections.isEmpty()) {
            return;
        }
        edit(() -> {
            String eol = dominantEol();
            List<Line> added = new ArrayList<>();
            int from = lines.size();
            if (!lines.isEmpty()) {
                Line last = lines.get(from - 1);
                if (last.eol.isEmpty()) {
                    from--;
                    added.add(new Line(last.text, eol));
                }
            }
            for (Map.Entry<String, Map<String, String>> s : sections.entrySet()) {
                if (!lines.isEmpty() || !added.isEmpty()) {
                    added.add(new Line("", eol));
                }
                added.add(new Line("[" + s.getKey() + "]", eol));
                for (Map.Entry<String, String> e : s.getValue().entrySet()) {
                    added.add(new Line(e.getKey() + " = " + e.getValue(), eol));
                }
            }
            splice(from, lines.size(), added);
        });
    }

    /**
     * Makes the section hold exactly these keys, the way aws-sso-util's writer does: existing
     * keys are rewritten in place, keys not given are removed (with their nested lines), new keys
     * go after the last option (flat ones, then nested ones); comments and blank lines stay. The
     * section is appended when missing. Flat and nested keys must not overlap. New lines take the
     * dominant line ending of the rewritten file. One re-scan per call, so rewriting every profile
     * of a large file stays linear per profile.
     */
    public void replaceAll(String section, Map<String, String> values, Map<String, Map<String, String>> nested) {
        checkSectionName(section);
        for (Map.Entry<String, String> e : values.entrySet()) {
            checkKey(e.getKey());
            checkValue(e.getKey(), e.getValue());
        }
        for (Map.Entry<String, Map<String, String>> e : nested.entrySet()) {
            checkKey(e.getKey());
            checkNested(e.getKey(), e.getValue());
        }
        checkDistinctKeys(values.keySet(), nested.keySet());
        edit(() -> {
            Block b = layout.firstBlock(section);
            if (b == null) {
                List<String> texts = new ArrayList<>();
                for (Map.Entry<String, String> e : values.entrySet()) {
                    texts.add(e.getKey() + " = " + e.getValue());
                }
                addNestedTexts(texts, nested);
                appendLines(section, texts);
            } else if (b != layout.lastBlock(section)) {
                replaceAllKeyByKey(section, values, nested);
            } else {
                rewriteBlock(b, values, nested);
            }
        });
    }

    private static void addNestedTexts(List<String> texts, Map<String, Map<String, String>> nested) {
        for (Map.Entry<String, Map<String, String>> e : nested.entrySet()) {
            texts.add(e.getKey() + " =");
            for (Map.Entry<String, String> sub : e.getValue().entrySet()) {
                texts.add("  " + sub.getKey() + " = " + sub.getValue());
            }
        }
    }

    /** replaceAll for a section split over several blocks (only DEFAULT can be): edit by edit. */
    private void replaceAllKeyByKey(String section, Map<String, String> values, Map<String, Map<String, String>> nested) {
        List<String> wanted = new ArrayList<>();
        for (String k : values.keySet()) {
            wanted.add(PyText.lower(k));
        }
        for (String k : nested.keySet()) {
            wanted.add(PyText.lower(k));
        }
        for (String existing : keys(section)) {
            if (!wanted.contains(existing)) {
                remove(section, existing);
            }
        }
        for (Map.Entry<String, String> e : values.entrySet()) {
            set(section, e.getKey(), e.getValue());
        }
        for (Map.Entry<String, Map<String, String>> e : nested.entrySet()) {
            setNested(section, e.getKey(), e.getValue());
        }
    }

    /**
     * replaceAll in one splice, so that rewriting many profiles (populate) costs one re-scan per
     * profile rather than one per key. Same result as removing the unwanted keys, then setting
     * each flat key, then each nested one.
     */
    private void rewriteBlock(Block b, Map<String, String> values, Map<String, Map<String, String>> nested) {
        Map<String, String> flatKeys = new HashMap<>();
        for (String k : values.keySet()) {
            flatKeys.put(PyText.lower(k), k);
        }
        Map<String, String> nestedKeys = new HashMap<>();
        for (String k : nested.keySet()) {
            nestedKeys.put(PyText.lower(k), k);
        }
        int end = b.options.isEmpty() ? b.header + 1 : b.options.get(b.options.size() - 1).last + 1;
        List<Line> out = new ArrayList<>();
        out.add(lines.get(b.header));
        int insertAt = -1;
        String indent = null;
        int cursor = b.header + 1;
        List<String> done = new ArrayList<>();
        int unterminatedFrom = -1;
        for (Opt o : b.options) {
            out.addAll(lines.subList(cursor, o.line));
            cursor = o.last + 1;
            String given = flatKeys.get(o.key);
            String lead = leading(lines.get(o.line).text);
            if (given != null) {
                out.add(new Line(lead + given + " = " + values.get(given), lines.get(o.last).eol));
            } else if ((given = nestedKeys.get(o.key)) != null) {
                String subIndent = lead + "  ";
                for (int i = o.line + 1; i <= o.last; i++) {
                    if (layout.kind[i] == CONTINUATION) {
                        subIndent = leading(lines.get(i).text);
                        break;
                    }
                }
                // an unterminated last line gets the dominant ending, settled once it is known
                String blockEol = lines.get(o.line).eol;
                if (blockEol.isEmpty()) {
                    unterminatedFrom = out.size();
                }
                out.add(new Line(lead + given + " =", blockEol));
                for (Map.Entry<String, String> sub : nested.get(given).entrySet()) {
                    out.add(new Line(subIndent + sub.getKey() + " = " + sub.getValue(), blockEol));
                }
            } else {
                continue;
            }
            done.add(given);
            insertAt = out.size();
            indent = lead;
        }
        List<String> texts = new ArrayList<>();
        for (Map.Entry<String, String> e : values.entrySet()) {
            if (!done.contains(e.getKey())) {
                texts.add(e.getKey() + " = " + e.getValue());
            }
        }
        Map<String, Map<String, String>> newNested = new LinkedHashMap<>();
        for (Map.Entry<String, Map<String, String>> e : nested.entrySet()) {
            if (!done.contains(e.getKey())) {
                newNested.put(e.getKey(), e.getValue());
            }
        }
        addNestedTexts(texts, newNested);
        String eol = dominantEol(lines.subList(0, b.header), out, lines.subList(end, lines.size()));
        for (int i = unterminatedFrom; i >= 0 && i < out.size(); i++) {
            out.set(i, new Line(out.get(i).text, eol));
        }
        if (!texts.isEmpty()) {
            if (insertAt < 0) {
                insertAt = 1;
                indent = leading(lines.get(b.header).text);
                for (int i = end; i < lines.size(); i++) {
                    if (layout.kind[i] != BLANK && layout.kind[i] != COMMENT) {
                        String next = leading(lines.get(i).text);
                        if (next.length() > indent.length()) {
                            indent = next;
                        }
                        break;
                    }
                }
            }
            Line before = out.get(insertAt - 1);
            if (before.eol.isEmpty()) {
                out.set(insertAt - 1, new Line(before.text, eol));
            }
            List<Line> added = new ArrayList<>();
            for (String t : texts) {
                added.add(new Line(indent + t, eol));
            }
            out.addAll(insertAt, added);
        }
        splice(b.header, end, out);
    }

    /** {@link #replaceAll(String, Map, Map)} with no nested keys. */
    public void replaceAll(String section, Map<String, String> values) {
        replaceAll(section, values, Map.of());
    }

    // ---- edit machinery -------------------------------------------------------------------

    /**
     * Runs an edit; if any step fails, the document is restored as it was. Line lists are never
     * changed in place (each splice builds a new one), so keeping the old reference is enough.
     */
    private void edit(Runnable body) {
        List<Line> savedLines = lines;
        Layout savedLayout = layout;
        try {
            body.run();
        } catch (RuntimeException e) {
            lines = savedLines;
            layout = savedLayout;
            throw e;
        }
    }

    /**
     * Replaces lines [from, to) and re-scans. Every line outside the range must keep its meaning
     * (its kind; for options and continuations also its section and owning option); configparser's indentation rules make a few odd files (e.g.
     * indented section headers) impossible to edit without changing other lines, and those edits
     * are refused rather than silently corrupting the file.
     */
    private void splice(int from, int to, List<Line> replacement) {
        List<Line> next = new ArrayList<>(lines.size() - (to - from) + replacement.size());
        next.addAll(lines.subList(0, from));
        next.addAll(replacement);
        next.addAll(lines.subList(to, lines.size()));
        Layout nextLayout;
        try {
            nextLayout = scan(next, origin);
        } catch (ConfigSyntaxException e) {
            throw refused(from);
        }
        int shift = replacement.size() - (to - from);
        for (int i = 0; i < lines.size(); i++) {
            if (i >= from && i < to) {
                continue;
            }
            int j = i < from ? i : i + shift;
            byte kind = layout.kind[i];
            // blank and comment lines may change section (e.g. when the one before is removed)
            boolean carriesValue = kind == OPTION || kind == CONTINUATION;
            if (kind != nextLayout.kind[j]
                    || carriesValue && !Objects.equals(layout.sectionOf(i), nextLayout.sectionOf(j))
                    || movedOwner(layout.owner[i], from, to, shift) != nextLayout.owner[j]) {
                throw refused(i < from ? from : i);
            }
        }
        lines = next;
        layout = nextLayout;
    }

    private static int movedOwner(int owner, int from, int to, int shift) {
        if (owner < 0 || owner < from) {
            return owner;
        }
        return owner >= to ? owner + shift : -2;
    }

    private SsokitException refused(int line) {
        return new SsokitException(ExitCodes.ERROR, origin + ":" + (line + 1)
                + ": cannot edit this file without changing the meaning of other lines"
                + " (an indented section header or option); fix its indentation and try again");
    }

    /** Inserts option lines (texts without indentation) after the last option of the section. */
    private void insertOption(String section, List<String> texts) {
        Block b = layout.lastBlock(section);
        int anchor;
        String indent;
        if (b.options.isEmpty()) {
            anchor = b.header;
            indent = leading(lines.get(b.header).text);
            // A more deeply indented line after an option would read as its continuation.
            for (int i = anchor + 1; i < lines.size(); i++) {
                if (layout.kind[i] != BLANK && layout.kind[i] != COMMENT) {
                    String next = leading(lines.get(i).text);
                    if (next.length() > indent.length()) {
                        indent = next;
                    }
                    break;
                }
            }
        } else {
            Opt last = b.options.get(b.options.size() - 1);
            anchor = last.last;
            indent = leading(lines.get(last.line).text);
        }
        String eol = dominantEol();
        List<Line> added = new ArrayList<>();
        Line anchorLine = lines.get(anchor);
        boolean fixEol = anchorLine.eol.isEmpty();
        if (fixEol) {
            added.add(new Line(anchorLine.text, eol));
        }
        for (String t : texts) {
            added.add(new Line(indent + t, eol));
        }
        splice(fixEol ? anchor : anchor + 1, anchor + 1, added);
    }

    private void appendLines(String section, List<String> texts) {
        String eol = dominantEol();
        List<Line> added = new ArrayList<>();
        int from = lines.size();
        if (!lines.isEmpty()) {
            Line last = lines.get(from - 1);
            if (last.eol.isEmpty()) {
                from--;
                added.add(new Line(last.text, eol));
            }
            added.add(new Line("", eol));
        }
        added.add(new Line("[" + section + "]", eol));
        for (String t : texts) {
            added.add(new Line(t, eol));
        }
        splice(from, lines.size(), added);
    }

    /** The most common line ending, LF when there is none or on a tie with LF. */
    private String dominantEol() {
        return dominantEol(lines);
    }

    @SafeVarargs
    private static String dominantEol(List<Line>... parts) {
        int lf = 0;
        int crlf = 0;
        int cr = 0;
        for (List<Line> part : parts) {
            for (Line l : part) {
                if (l.eol.equals(LF)) {
                    lf++;
                } else if (l.eol.equals(CRLF)) {
                    crlf++;
                } else if (l.eol.equals(CR)) {
                    cr++;
                }
            }
        }
        if (crlf > lf && crlf >= cr) {
            return CRLF;
        }
        return cr > lf && cr > crlf ? CR : LF;
    }

    private static String leading(String text) {
        int i = PyText.firstNonSpace(text);
        return i < 0 ? text : text.substring(0, i);
    }

    // ---- validation of what callers write ------------------------------------------------

    private static SsokitException invalid(String message) {
        return new SsokitException(ExitCodes.USAGE, message);
    }

    private static void checkEntityName(String what, String name) {
        if (name == null || name.isEmpty()) {
            throw invalid("a " + what + " name cannot be empty");
        }
        String bad = badNameChar(name);
        if (bad != null) {
            throw invalid("the " + what + " name cannot be written to a config file: it contains " + bad);
        }
    }

    private static void checkSectionName(String section) {
        if (section == null || section.isEmpty()) {
            throw invalid("a section name cannot be empty");
        }
        String bad = badNameChar(section);
        if (bad != null) {
            throw invalid("the section name cannot be written to a config file: it contains " + bad);
        }
    }

    private static String badNameChar(String name) {
        for (int i = 0; i < name.length(); i++) {
            switch (name.charAt(i)) {
                case '[': return "'['";
                case ']': return "']'";
                case '\n': case '\r': return "a line break";
                case '\0': return "a NUL character";
                default: break;
            }
        }
        return null;
    }

    private static void checkKey(String key) {
        if (key == null || key.isEmpty()) {
            throw invalid("a config key cannot be empty");
        }
        if (!PyText.strip(key).equals(key)) {
            throw invalid("the config key '" + key.strip() + "' cannot start or end with whitespace");
        }
        char first = key.charAt(0);
        if (first == '#' || first == ';' || first == '[') {
            throw invalid("a config key cannot start with '" + first + "'");
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c == '=' || c == ':' || c == '\n' || c == '\r' || c == '\0') {
                throw invalid("a config key cannot contain '=', ':', a line break or NUL");
            }
        }
    }

    private static void checkValue(String key, String value) {
        if (value == null) {
            throw invalid("the value for '" + key + "' is missing");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\n' || c == '\r' || c == '\0') {
                throw invalid("the value for '" + key + "' cannot contain a line break or NUL");
            }
        }
    }

    private static void checkNested(String key, Map<String, String> subKeys) {
        if (subKeys == null || subKeys.isEmpty()) {
            // "key =" with nothing under it reads back as an empty string, not a dictionary.
            throw invalid("the nested value for '" + key + "' needs at least one entry");
        }
        for (Map.Entry<String, String> e : subKeys.entrySet()) {
            String sub = e.getKey();
            String v = e.getValue();
            if (sub == null || sub.isEmpty() || !PyText.strip(sub).equals(sub)
                    || sub.charAt(0) == '#' || sub.charAt(0) == ';' || sub.indexOf('=') >= 0
                    || hasNestedBreak(sub)) {
                throw invalid("'" + key + "' has a nested key that cannot be written to a config file");
            }
            if (v == null || hasNestedBreak(v)) {
                throw invalid("the nested value " + key + "." + sub + " cannot contain a line break or NUL");
            }
        }
    }

    /** Nested blocks are split with str.splitlines(), which breaks on more than CR and LF. */
    private static boolean hasNestedBreak(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\0' || PyText.isLineBreak(c)) {
                return true;
            }
        }
        return false;
    }

    private static void checkDistinctKeys(Iterable<String> a, Iterable<String> b) {
        List<String> seen = new ArrayList<>();
        for (Iterable<String> keys : List.of(a, b)) {
            for (String k : keys) {
                String low = PyText.lower(k);
                if (seen.contains(low)) {
                    throw invalid("the config key '" + k + "' is given twice");
                }
                seen.add(low);
            }
        }
    }

    // ---- what botocore reads -----------------------------------------------------------------

    /**
     * The sections as botocore's {@code raw_config_parse} returns them: in file order, DEFAULT
     * itself left out but its keys inherited by every other section (own keys first), values
     * stripped, nested blocks parsed into maps. A nested line without {@code =} is the error
     * botocore raises.
     */
    List<Section> botocoreSections() {
        LinkedHashMap<String, Opt> defaults = new LinkedHashMap<>();
        for (Block b : layout.blocks) {
            if (b.name.equals(DEFAULT_SECTION)) {
                for (Opt o : b.options) {
                    defaults.put(o.key, o);
                }
            }
        }
        List<Section> out = new ArrayList<>();
        for (Block b : layout.blocks) {
            if (b.name.equals(DEFAULT_SECTION)) {
                continue;
            }
            LinkedHashMap<String, String> flat = new LinkedHashMap<>();
            LinkedHashMap<String, Map<String, String>> nested = new LinkedHashMap<>();
            for (Opt o : b.options) {
                put(o, flat, nested);
            }
            for (Opt o : defaults.values()) {
                if (!flat.containsKey(o.key) && !nested.containsKey(o.key)) {
                    put(o, flat, nested);
                }
            }
            out.add(new Section(b.name, Collections.unmodifiableMap(flat), Collections.unmodifiableMap(nested)));
        }
        return out;
    }

    private void put(Opt o, Map<String, String> flat, Map<String, Map<String, String>> nested) {
        String v = o.value();
        if (v.startsWith("\n")) {
            nested.put(o.key, parseNested(o));
        } else {
            flat.put(o.key, v);
        }
    }

    /** botocore's {@code _parse_nested}: keys are NOT lowercased, later duplicates win. */
    private Map<String, String> parseNested(Opt o) {
        LinkedHashMap<String, String> map = new LinkedHashMap<>();
        for (int p = 0; p < o.parts.size(); p++) {
            for (String piece : PyText.splitLines(o.parts.get(p))) {
                String s = PyText.strip(piece);
                if (s.isEmpty()) {
                    continue;
                }
                int eq = s.indexOf('=');
                if (eq < 0) {
                    throw new ConfigSyntaxException(origin, o.partLines.get(p) + 1,
                            "expected 'key = value' inside the nested '" + o.key + "' block");
                }
                map.put(PyText.strip(s.substring(0, eq)), PyText.strip(s.substring(eq + 1)));
            }
        }
        return Collections.unmodifiableMap(map);
    }

    // ---- parsing ---------------------------------------------------------------------------

    private static String decodeUtf8(byte[] bytes, String origin) {
        String fast = new String(bytes, StandardCharsets.UTF_8);
        if (fast.indexOf('\uFFFD') < 0) {
            return fast;
        }
        // A replacement character is either in the file or marks bad bytes: decode strictly.
        CharsetDecoder dec = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult r = dec.decode(in, out, true);
        if (r.isError()) {
            int line = 1;
            for (int i = 0; i < in.position(); i++) {
                if (bytes[i] == '\n' || (bytes[i] == '\r' && (i + 1 >= bytes.length || bytes[i + 1] != '\n'))) {
                    line++;
                }
            }
            throw new ConfigSyntaxException(origin, line, "not valid UTF-8 text");
        }
        return fast;
    }

    /** Re-scans edited lines: joins their texts so that the array scanner can run on them. */
    private static Layout scan(List<Line> lines, String origin) {
        int n = lines.size();
        int[] starts = new int[n];
        int[] ends = new int[n];
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            starts[i] = sb.length();
            sb.append(lines.get(i).text);
            ends[i] = sb.length();
            sb.append('\n');
        }
        String text = sb.toString();
        return scan(text, text.toCharArray(), starts, ends, n, origin);
    }

    /**
     * configparser's {@code _read}, line by line (see the class comment). Line i is {@code
     * buf[starts[i], ends[i])}. This runs on every credential-process call, mostly before the JIT
     * has compiled anything, so it indexes a char array and tests the common ASCII cases inline
     * rather than calling {@code charAt} and helpers per character.
     */
    private static Layout scan(String text, char[] buf, int[] starts, int[] ends, int n, String origin) {
        Layout lay = new Layout(n);
        HashMap<String, Integer> headerLines = new HashMap<>();
        // per section name (DEFAULT blocks share one); no string concatenation on this hot path
        HashMap<String, HashMap<String, Integer>> keyLines = new HashMap<>();
        HashMap<String, Integer> sectionKeys = null;
        Block cur = null;
        Opt opt = null;
        int indentLevel = 0;
        for (int i = 0; i < n; i++) {
            int lineStart = starts[i];
            int lineEnd = ends[i];
            lay.block[i] = lay.blocks.size() - 1;
            lay.owner[i] = -1;
            int first = PyText.firstNonSpace(buf, lineStart, lineEnd);
            if (first < 0) {
                lay.kind[i] = BLANK;
                if (opt != null) {
                    opt.addPart("", i);
                }
                continue;
            }
            char c = buf[first];
            if (c == '#' || c == ';') {
                lay.kind[i] = COMMENT;
                continue;
            }
            int end = PyText.endOfNonSpace(buf, first, lineEnd);
            int indent = first - lineStart;
            if (opt != null && indent > indentLevel) {
                lay.kind[i] = CONTINUATION;
                lay.owner[i] = opt.line;
                opt.addPart(text.substring(first, end), i);
                opt.last = i;
                continue;
            }
            indentLevel = indent;
            if (c == '[') {
                int close = end - 1;
                while (close > first + 1 && buf[close] != ']') {
                    close--;
                }
                if (close > first + 1) {
                    String name = text.substring(first + 1, close);
                    if (!name.equals(DEFAULT_SECTION)) {
                        Integer prev = headerLines.putIfAbsent(name, i);
                        if (prev != null) {
                            throw new ConfigSyntaxException(origin, i + 1, "section [" + name
                                    + "] appears a second time (first at line " + (prev + 1)
                                    + "); the AWS CLI refuses such a file");
                        }
                    }
                    sectionKeys = keyLines.get(name);
                    if (sectionKeys == null) {
                        sectionKeys = new HashMap<>();
                        keyLines.put(name, sectionKeys);
                    }
                    cur = new Block(name, i);
                    lay.blocks.add(cur);
                    lay.block[i] = lay.blocks.size() - 1;
                    lay.kind[i] = HEADER;
                    opt = null;
                    continue;
                }
            }
            if (cur == null) {
                throw new ConfigSyntaxException(origin, i + 1, c == '['
                        ? "section header without a closing ']'"
                        : "this line comes before any [section] header");
            }
            int delim = first;
            while (delim < end && buf[delim] != '=' && buf[delim] != ':') {
                delim++;
            }
            if (delim == end) {
                throw new ConfigSyntaxException(origin, i + 1, c == '['
                        ? "section header without a closing ']'"
                        : "expected 'key = value', a [section] header or a comment");
            }
            int keyEnd = PyText.endOfNonSpace(buf, first, delim);
            if (keyEnd == first) {
                throw new ConfigSyntaxException(origin, i + 1, "'" + buf[delim] + "' without a key name before it");
            }
            String key = lowerKey(text, buf, first, keyEnd);
            Integer prev = sectionKeys.putIfAbsent(key, i);
            if (prev != null) {
                throw new ConfigSyntaxException(origin, i + 1, "'" + key + "' appears a second time in ["
                        + cur.name + "] (first at line " + (prev + 1) + "); the AWS CLI refuses such a file");
            }
            int valueStart = PyText.firstNonSpace(buf, delim + 1, end);
            opt = new Opt(key, i, valueStart < 0 ? "" : text.substring(valueStart, end));
            cur.options.add(opt);
            lay.kind[i] = OPTION;
        }
        return lay;
    }

    /** configparser's {@code optionxform}: Python's lower(), with the all-ASCII case done here. */
    private static String lowerKey(String text, char[] buf, int from, int to) {
        boolean upper = false;
        for (int j = from; j < to; j++) {
            char c = buf[j];
            if (c >= 0x80) {
                return PyText.lower(text.substring(from, to));
            }
            upper |= c >= 'A' && c <= 'Z';
        }
        if (!upper) {
            return text.substring(from, to);
        }
        char[] low = new char[to - from];
        for (int j = from; j < to; j++) {
            char c = buf[j];
            low[j - from] = c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
        }
        return new String(low);
    }

    /** The meaning of every line, recomputed after each edit. */
    private static final class Layout {
        final byte[] kind;
        /** Index into {@link #blocks} of the section a line belongs to, -1 before the first. */
        final int[] block;
        /** For a continuation line, the line of its option; else -1. */
        final int[] owner;
        final List<Block> blocks = new ArrayList<>();
        private Map<Integer, Map<String, String>> headerIndex;
        /**
         * The blocks of each section name, in file order; built on first use. Lookups by name are
         * then constant time: populate looks up thousands of profiles in a file of thousands.
         */
        private Map<String, List<Block>> byName;

        List<Block> blocksNamed(String name) {
            if (byName == null) {
                byName = new HashMap<>();
                for (Block b : blocks) {
                    byName.computeIfAbsent(b.name, k -> new ArrayList<>(1)).add(b);
                }
            }
            return byName.getOrDefault(name, List.of());
        }

        Layout(int n) {
            kind = new byte[n];
            block = new int[n];
            owner = new int[n];
        }

        /** The name of the section a line belongs to, null before the first header. */
        String sectionOf(int line) {
            int b = block[line];
            return b < 0 ? null : blocks.get(b).name;
        }

        /**
         * Profile (or sso-session, services) name to the header botocore reads it from, built on
         * first use: populate looks up every profile, and a scan per lookup would be quadratic.
         */
        Map<String, String> headerIndex(int kind) {
            if (headerIndex == null) {
                headerIndex = new HashMap<>();
            }
            Map<String, String> index = headerIndex.get(kind);
            if (index == null) {
                index = new HashMap<>();
                for (Block b : blocks) {
                    if (AwsConfig.kind(b.name) == kind) {
                        String name = AwsConfig.name(b.name);
                        if (name != null) {
                            // later sections win, as in botocore
                            index.put(name, b.name);
                        }
                    }
                }
                headerIndex.put(kind, index);
            }
            return index;
        }

        Block firstBlock(String name) {
            List<Block> named = blocksNamed(name);
            return named.isEmpty() ? null : named.get(0);
        }

        Block lastBlock(String name) {
            List<Block> named = blocksNamed(name);
            return named.isEmpty() ? null : named.get(named.size() - 1);
        }

        Opt find(String section, String lowerKey) {
            for (Block b : blocksNamed(section)) {
                for (Opt o : b.options) {
                    if (o.key.equals(lowerKey)) {
                        return o;
                    }
                }
            }
            return null;
        }
    }

    /** One header occurrence and its options. */
    private static final class Block {
        final String name;
        final int header;
        final List<Opt> options = new ArrayList<>();

        Block(String name, int header) {
            this.name = name;
            this.header = header;
        }
    }

    /** One option: its line, its last continuation line, and its value pieces. */
    private static final class Opt {
        final String key;
        final int line;
        final String first;
        int last;
        List<String> parts = List.of();
        List<Integer> partLines = List.of();

        Opt(String key, int line, String first) {
            this.key = key;
            this.line = line;
            this.first = first;
            this.last = line;
        }

        void addPart(String part, int lineIndex) {
            if (parts.isEmpty()) {
                parts = new ArrayList<>();
                partLines = new ArrayList<>();
            }
            parts.add(part);
            partLines.add(lineIndex);
        }

        /** configparser's value: first line and continuations joined by LF, right-stripped. */
        String value() {
            if (parts.isEmpty()) {
                return first;
            }
            StringBuilder sb = new StringBuilder(first);
            for (String p : parts) {
                sb.append('\n').append(p);
            }
            return PyText.rstrip(sb.toString());
        }
    }

    /**
     * A name as a section header carries it: POSIX single quotes (the bash dialect's quoter) when
     * it holds a space or tab, as aws-sso-util writes it, and also when it holds a quote or a
     * backslash, which botocore's shlex split would otherwise mangle or reject.
     */
    static String quoteName(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == ' ' || c == '\t' || c == '\'' || c == '"' || c == '\\') {
                return Dialects.BASH.quote(name);
            }
        }
        return name;
    }
}
