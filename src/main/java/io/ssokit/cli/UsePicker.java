package io.ssokit.cli;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jline.keymap.BindingReader;
import org.jline.keymap.KeyMap;
import org.jline.reader.EndOfFileException;
import org.jline.terminal.Attributes;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;
import org.jline.utils.Display;
import org.jline.utils.InfoCmp.Capability;

/**
 * A one-screen list to choose a profile from, drawn on a JLine terminal below the cursor and
 * erased afterwards: type to filter (case-insensitive, name and details), Up/Down or Ctrl-P/Ctrl-N
 * to move, Enter to choose, Esc, Ctrl-C, Ctrl-D or Ctrl-G to cancel. The terminal is the caller's
 * (stdin and stderr of the shell), never stdout, which carries only the chosen name.
 */
final class UsePicker {
    /** A choice: the profile name and a one-line description. */
    record Item(String name, String detail) {
    }

    private enum Op { UP, DOWN, PAGE_UP, PAGE_DOWN, CHOOSE, CANCEL, BACKSPACE, CLEAR, CHAR }

    private static final int MAX_ROWS = 12;

    private final List<Item> items;
    /** What is being chosen, shown before the filter text ("profile", "account", "role"...). */
    private final String noun;
    private String filter = "";
    private List<Item> shown;
    private int selected;
    private int top;

    UsePicker(List<Item> items, String current) {
        this(items, current, "profile");
    }

    UsePicker(List<Item> items, String current, String noun) {
        this.items = List.copyOf(items);
        this.noun = noun;
        this.shown = this.items;
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i).name().equals(current)) {
                selected = i;
            }
        }
    }

    String filter() {
        return filter;
    }

    List<Item> shown() {
        return shown;
    }

    /** The highlighted item, or null when the filter matches nothing. */
    Item selected() {
        return shown.isEmpty() ? null : shown.get(selected);
    }

    void type(String text) {
        setFilter(filter + text);
    }

    void backspace() {
        if (!filter.isEmpty()) {
            int end = filter.offsetByCodePoints(filter.length(), -1);
            setFilter(filter.substring(0, end));
        }
    }

    void clearFilter() {
        setFilter("");
    }

    void move(int delta) {
        if (!shown.isEmpty()) {
            selected = Math.max(0, Math.min(shown.size() - 1, selected + delta));
        }
    }

    private void setFilter(String f) {
        Item keep = selected();
        filter = f;
        String needle = f.toLowerCase(Locale.ROOT);
        List<Item> matching = new ArrayList<>();
        for (Item it : items) {
            if (it.name().toLowerCase(Locale.ROOT).contains(needle) || it.detail().toLowerCase(Locale.ROOT).contains(needle)) {
                matching.add(it);
            }
        }
        shown = matching;
        selected = Math.max(0, keep == null ? 0 : matching.indexOf(keep));
        top = 0;
    }

    /** The lines to draw for a terminal of the given size; the first is the filter prompt. */
    List<AttributedString> lines(int rows, int columns) {
        int visible = Math.max(1, Math.min(Math.min(MAX_ROWS, rows - 1), Math.max(1, shown.size())));
        if (selected < top) {
            top = selected;
        } else if (selected >= top + visible) {
            top = selected - visible + 1;
        }
        List<AttributedString> out = new ArrayList<>();
        AttributedStringBuilder head = new AttributedStringBuilder();
        head.style(AttributedStyle.BOLD).append(noun + ": ").style(AttributedStyle.DEFAULT).append(sanitize(filter));
        out.add(fit(head.toAttributedString(), columns));
        if (shown.isEmpty()) {
            out.add(fit(new AttributedString("  (no " + noun + " matches; Backspace to edit, Esc to cancel)", AttributedStyle.DEFAULT.faint()), columns));
            return out;
        }
        int width = 0;
        for (Item it : shown) {
            width = Math.max(width, Math.min(40, sanitize(it.name()).length()));
        }
        for (int i = top; i < Math.min(shown.size(), top + visible); i++) {
            Item it = shown.get(i);
            boolean sel = i == selected;
            AttributedStringBuilder b = new AttributedStringBuilder();
            b.style(sel ? AttributedStyle.INVERSE : AttributedStyle.DEFAULT).append(sel ? "> " : "  ");
            String name = sanitize(it.name());
            b.append(name);
            for (int pad = name.length(); pad < width; pad++) {
                b.append(' ');
            }
            b.style(sel ? AttributedStyle.INVERSE : AttributedStyle.DEFAULT.faint()).append("  ").append(sanitize(it.detail()));
            out.add(fit(b.toAttributedString(), columns));
        }
        return out;
    }

    private static AttributedString fit(AttributedString s, int columns) {
        return s.columnLength() < columns ? s : s.columnSubSequence(0, Math.max(1, columns - 1));
    }

    /** Control characters in a name (from a config file) must not drive the terminal. */
    static String sanitize(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            sb.append(Character.isISOControl(c) ? '?' : c);
        }
        return sb.toString();
    }

    /**
     * Runs the picker on {@code terminal} until a choice or a cancel.
     *
     * @return the chosen item's name, or null when cancelled
     */
    String run(Terminal terminal) throws IOException {
        Attributes saved = terminal.enterRawMode();
        Attributes raw = new Attributes(terminal.getAttributes());
        // Ctrl-C is a key here (cancel), not a signal that would leave the terminal in raw mode
        raw.setLocalFlag(Attributes.LocalFlag.ISIG, false);
        terminal.setAttributes(raw);
        terminal.puts(Capability.keypad_xmit);
        Display display = new Display(terminal, false);
        KeyMap<Op> keys = keys(terminal);
        BindingReader reader = new BindingReader(terminal.reader());
        try {
            while (true) {
                Size size = terminal.getSize();
                int rows = size.getRows() > 0 ? size.getRows() : 24;
                int columns = size.getColumns() > 0 ? size.getColumns() : 80;
                display.resize(rows, columns);
                List<AttributedString> lines = lines(rows, columns);
                display.update(lines, Math.min(columns - 1, lines.get(0).columnLength()));
                Op op;
                try {
                    op = reader.readBinding(keys);
                } catch (EndOfFileException e) {
                    // the terminal closed (hangup, end of input): nothing was chosen
                    return null;
                }
                if (op == null) {
                    return null;
                }
                switch (op) {
                    case UP -> move(-1);
                    case DOWN -> move(1);
                    case PAGE_UP -> move(-MAX_ROWS);
                    case PAGE_DOWN -> move(MAX_ROWS);
                    case BACKSPACE -> backspace();
                    case CLEAR -> clearFilter();
                    case CHAR -> type(reader.getLastBinding());
                    case CANCEL -> {
                        return null;
                    }
                    case CHOOSE -> {
                        Item it = selected();
                        if (it != null) {
                            return it.name();
                        }
                    }
                    default -> throw new IllegalStateException(op.toString());
                }
            }
        } finally {
            display.update(List.of(), 0);
            terminal.puts(Capability.keypad_local);
            terminal.setAttributes(saved);
            terminal.flush();
        }
    }

    private static KeyMap<Op> keys(Terminal t) {
        KeyMap<Op> keys = new KeyMap<>();
        keys.setAmbiguousTimeout(100);
        keys.setUnicode(Op.CHAR);
        keys.bind(Op.CHAR, KeyMap.range(" -~"));
        bind(keys, Op.UP, t, Capability.key_up, "\033[A", "\033OA", KeyMap.ctrl('P'));
        bind(keys, Op.DOWN, t, Capability.key_down, "\033[B", "\033OB", KeyMap.ctrl('N'));
        bind(keys, Op.PAGE_UP, t, Capability.key_ppage, "\033[5~");
        bind(keys, Op.PAGE_DOWN, t, Capability.key_npage, "\033[6~");
        keys.bind(Op.CHOOSE, "\r", "\n");
        keys.bind(Op.CANCEL, KeyMap.esc(), KeyMap.ctrl('C'), KeyMap.ctrl('D'), KeyMap.ctrl('G'));
        keys.bind(Op.BACKSPACE, KeyMap.del(), KeyMap.ctrl('H'));
        keys.bind(Op.CLEAR, KeyMap.ctrl('U'));
        return keys;
    }

    private static void bind(KeyMap<Op> keys, Op op, Terminal t, Capability cap, String... fallbacks) {
        String fromTerminfo = KeyMap.key(t, cap);
        if (fromTerminfo != null && !fromTerminfo.isEmpty()) {
            keys.bind(op, fromTerminfo);
        }
        keys.bind(op, fallbacks);
    }
}
