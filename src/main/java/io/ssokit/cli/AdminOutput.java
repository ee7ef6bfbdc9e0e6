package io.ssokit.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * The rows of an admin command: streamed, each line printed and flushed as it is found, when a
 * separator is given; else an aligned table (as {@code roles} prints it), printed by {@link #finish()}.
 */
final class AdminOutput {
    private final PrintWriter out;
    private final String separator;
    private final List<String> preamble = new ArrayList<>();
    private final List<List<String>> rows = new ArrayList<>();

    /** @param separator the field separator, or null for an aligned table */
    AdminOutput(PrintWriter out, String separator) {
        this.out = out;
        this.separator = separator;
    }

    /** A line that is not a row (the "Using ... instance" line of --show-id). */
    void line(String text) {
        if (separator != null) {
            out.println(text);
            out.flush();
        } else {
            preamble.add(text);
        }
    }

    void row(List<String> fields) {
        if (separator != null) {
            out.println(String.join(separator, fields));
            out.flush();
        } else {
            rows.add(fields);
        }
    }

    /** Prints what was held back: the table as {@code roles} lays it out, every column left-justified to its widest value. */
    void finish() {
        preamble.forEach(out::println);
        preamble.clear();
        int columns = rows.stream().mapToInt(List::size).max().orElse(0);
        int[] widths = new int[columns];
        for (List<String> r : rows) {
            for (int i = 0; i < r.size(); i++) {
                widths[i] = Math.max(widths[i], RolesFormat.length(r.get(i)));
            }
        }
        StringBuilder sb = new StringBuilder();
        for (List<String> r : rows) {
            RolesFormat.padded(sb, r, widths);
        }
        out.print(sb);
        rows.clear();
        out.flush();
    }
}
