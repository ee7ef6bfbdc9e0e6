package io.ssokit.cli;

import io.ssokit.sso.PortalRole;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * How {@code ssokit roles} lays out its rows: aws-sso-util's column orders, sort keys and padded
 * table (its {@code Printer}), plus CSV and JSON.
 */
final class RolesFormat {

    /** A column: its header (aws-sso-util's words), its JSON key, and how to read it from a row. */
    enum Column {
        ID("Account ID", "accountId", PortalRole::accountId),
        NAME("Account name", "accountName", PortalRole::accountName),
        ROLE("Role name", "roleName", PortalRole::roleName);

        final String header;
        final String jsonKey;
        final Function<PortalRole, String> value;

        Column(String header, String jsonKey, Function<PortalRole, String> value) {
            this.header = header;
            this.jsonKey = jsonKey;
            this.value = value;
        }
    }

    /** {@code --sort-by}: the sort keys, which also fix the column order. */
    enum SortBy {
        ID_ROLE("id,role", Column.ID, Column.ROLE),
        NAME_ROLE("name,role", Column.NAME, Column.ROLE),
        ROLE_ID("role,id", Column.ROLE, Column.ID),
        ROLE_NAME("role,name", Column.ROLE, Column.NAME);

        final String text;
        final Column first;
        final Column second;

        SortBy(String text, Column first, Column second) {
            this.text = text;
            this.first = first;
            this.second = second;
        }

        /**
         * aws-sso-util's column orders: {@code id,...} gives ID, name, role; {@code name,...} (and
         * no sort) name, ID, role; {@code role,id} role, ID, name; {@code role,name} role, name, ID.
         */
        List<Column> columns() {
            if (first != Column.ROLE) {
                return first == Column.ID ? List.of(Column.ID, Column.NAME, Column.ROLE)
                        : List.of(Column.NAME, Column.ID, Column.ROLE);
            }
            return second == Column.ID ? List.of(Column.ROLE, Column.ID, Column.NAME)
                    : List.of(Column.ROLE, Column.NAME, Column.ID);
        }

        /**
         * By the two keys, compared by code point as Python compares strings; the remaining
         * column breaks ties (two accounts with one name), so the order never depends on which
         * call finished first.
         */
        Comparator<PortalRole> comparator() {
            Comparator<PortalRole> c = Comparator.comparing(first.value, PortalRole::compareCodePoints)
                    .thenComparing(second.value, PortalRole::compareCodePoints);
            for (Column col : columns()) {
                if (col != first && col != second) {
                    c = c.thenComparing(col.value, PortalRole::compareCodePoints);
                }
            }
            return c;
        }

        static final class Converter implements ITypeConverter<SortBy> {
            @Override
            public SortBy convert(String value) {
                for (SortBy s : values()) {
                    if (s.text.equals(value)) {
                        return s;
                    }
                }
                throw new TypeConversionException("expected one of id,role name,role role,id role,name but was '" + value + "'");
            }
        }

        /** For completion and help. */
        static final class Candidates extends ArrayList<String> {
            private static final long serialVersionUID = 1L;

            Candidates() {
                for (SortBy s : values()) {
                    add(s.text);
                }
            }
        }
    }

    /** {@code --output}. */
    enum Output { TABLE, CSV, JSON }

    private RolesFormat() {
    }

    /** One line of separator output: values joined, no padding (also used when streaming). */
    static String joined(List<String> values, String separator) {
        return String.join(separator, values) + "\n";
    }

    static List<String> headers(List<Column> columns) {
        List<String> out = new ArrayList<>();
        for (Column c : columns) {
            out.add(c.header);
        }
        return out;
    }

    static List<String> values(PortalRole row, List<Column> columns) {
        List<String> out = new ArrayList<>();
        for (Column c : columns) {
            out.add(c.value.apply(row));
        }
        return out;
    }

    /**
     * aws-sso-util's table: every column left-justified to its widest value (the header counts
     * unless disabled), columns joined by one space. Like Python's {@code str.ljust}, the last
     * column is padded too, and widths count code points.
     */
    static String table(List<PortalRole> rows, List<Column> columns, boolean header) {
        int[] widths = new int[columns.size()];
        if (header) {
            for (int i = 0; i < widths.length; i++) {
                widths[i] = length(columns.get(i).header);
            }
        }
        for (PortalRole row : rows) {
            for (int i = 0; i < widths.length; i++) {
                widths[i] = Math.max(widths[i], length(columns.get(i).value.apply(row)));
            }
        }
        StringBuilder out = new StringBuilder();
        if (header) {
            padded(out, headers(columns), widths);
        }
        for (PortalRole row : rows) {
            padded(out, values(row, columns), widths);
        }
        return out.toString();
    }

    /** Separator output, buffered (when sorted): header and rows joined by the separator. */
    static String separated(List<PortalRole> rows, List<Column> columns, boolean header, String separator) {
        StringBuilder out = new StringBuilder();
        if (header) {
            out.append(joined(headers(columns), separator));
        }
        for (PortalRole row : rows) {
            out.append(joined(values(row, columns), separator));
        }
        return out.toString();
    }

    /**
     * RFC 4180 fields: a value with a comma, double quote, CR or LF is quoted and its quotes
     * doubled. Records end with LF, not the RFC's CRLF, for the shell tools that read them.
     */
    static String csv(List<PortalRole> rows, List<Column> columns, boolean header) {
        StringBuilder out = new StringBuilder();
        if (header) {
            csvRecord(out, headers(columns));
        }
        for (PortalRole row : rows) {
            csvRecord(out, values(row, columns));
        }
        return out.toString();
    }

    /** An array of objects, keys in column order; two-space indented. */
    static String json(List<PortalRole> rows, List<Column> columns) {
        if (rows.isEmpty()) {
            // Jackson's pretty printer writes "[ ]"; Python's json.dumps writes "[]"
            return "[]\n";
        }
        StringWriter w = new StringWriter();
        try (var g = io.ssokit.json.Json.prettyGenerator(w)) {
            g.writeStartArray();
            for (PortalRole row : rows) {
                g.writeStartObject();
                for (Column c : columns) {
                    g.writeStringField(c.jsonKey, c.value.apply(row));
                }
                g.writeEndObject();
            }
            g.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w + "\n";
    }

    static String csvField(String v) {
        boolean quote = false;
        for (int i = 0; i < v.length() && !quote; i++) {
            char c = v.charAt(i);
            quote = c == ',' || c == '"' || c == '\r' || c == '\n';
        }
        return quote ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
    }

    private static void csvRecord(StringBuilder out, List<String> values) {
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(csvField(values.get(i)));
        }
        out.append('\n');
    }

    /** One table line: each value left-justified to its column width, joined by one space (also admin lookup's). */
    static void padded(StringBuilder out, List<String> values, int[] widths) {
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                out.append(' ');
            }
            String v = values.get(i);
            out.append(v);
            for (int n = length(v); n < widths[i]; n++) {
                out.append(' ');
            }
        }
        out.append('\n');
    }

    static int length(String s) {
        return s.codePointCount(0, s.length());
    }
}
