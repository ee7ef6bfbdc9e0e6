package io.ssokit.shell;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Data formats that take the same op list as the shells. They describe a resulting environment,
 * not a sequence of commands, so the ops are applied first (a later set wins, an unset removes an
 * earlier set, in the order names were first set) and an unset of a variable that was never set
 * leaves no trace: neither format can express "remove".
 */
public enum DataFormat implements EnvRenderer {

    /**
     * {@code NAME='value'} lines, read identically by docker compose (compose-go's dotenv parser)
     * and python-dotenv. Single quotes, because compose expands {@code $} in unquoted and
     * double-quoted values and the two parsers disagree on double-quoted escapes. Inside single
     * quotes the two still differ, so this rejects what one of them would alter:
     *
     * <ul>
     *   <li>{@code '}: compose keeps {@code \'} as typed (or unescapes it, depending on the
     *       version), python-dotenv unescapes it;
     *   <li>{@code \}: python-dotenv turns {@code \\} into {@code \}, compose keeps both, and a
     *       trailing {@code \} hides compose's closing quote;
     *   <li>{@code ${}: python-dotenv expands {@code ${NAME}} even inside single quotes;
     *   <li>CR: python-dotenv reads the file with universal newlines, turning CR into LF;
     *   <li>NUL and unpaired surrogates.
     * </ul>
     *
     * LF is carried: both read a single-quoted value across lines. {@code docker run --env-file}
     * is a different format with no quoting at all (it would keep the quotes) and is not a target.
     */
    DOTENV("dotenv"),

    /**
     * One JSON object, name to value, written with jackson-core's streaming generator. Non-ASCII
     * characters are written as {@code \}{@code uXXXX} escapes so the output is pure ASCII and
     * survives any stdout encoding. Rejects NUL (no environment can hold it) and unpaired surrogates.
     */
    JSON("json");

    private final String id;

    DataFormat(String id) {
        this.id = id;
    }

    @Override
    public String id() {
        return id;
    }

    /** "dotenv, json". */
    public static String ids() {
        return "dotenv, json";
    }

    /** @throws io.ssokit.SsokitException (exit code 2) listing the supported formats */
    public static DataFormat parse(String value) {
        String v = value == null ? "" : value.toLowerCase(Locale.ROOT);
        switch (v) {
            case "dotenv":
                return DOTENV;
            case "json":
                return JSON;
            default:
                throw Checks.usage("unsupported format " + (value == null ? "(none given)" : Checks.printable(value))
                        + "; it must be one of: " + ids());
        }
    }

    @Override
    public String render(List<? extends EnvOp> ops) {
        Map<String, String> env = new LinkedHashMap<>();
        for (EnvOp op : ops) {
            if (op instanceof EnvOp.Set s) {
                Checks.universal(id, s.name(), s.value());
                if (this == DOTENV) {
                    checkDotenv(s.name(), s.value());
                }
                env.put(s.name(), s.value());
            } else {
                env.remove(op.name());
            }
        }
        return this == DOTENV ? dotenv(env) : Json.render(env);
    }

    private static String dotenv(Map<String, String> env) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> e : env.entrySet()) {
            sb.append(e.getKey()).append("='").append(e.getValue()).append("'\n");
        }
        return sb.toString();
    }

    private static void checkDotenv(String name, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            String why = null;
            if (c == '\'') {
                why = "contains a single quote, which docker compose and python-dotenv read differently";
            } else if (c == '\\') {
                why = "contains a backslash, which docker compose and python-dotenv read differently";
            } else if (c == '\r') {
                why = "contains a carriage return, which python-dotenv turns into a line feed";
            } else if (c == '$' && i + 1 < value.length() && value.charAt(i + 1) == '{') {
                why = "contains '${', which python-dotenv expands even inside single quotes";
            }
            if (why != null) {
                throw Checks.unsafe("dotenv", name, why);
            }
        }
    }

    /** A nested class so jackson-core is loaded only when JSON is actually rendered. */
    private static final class Json {
        private static final JsonFactory FACTORY = JsonFactory.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();

        static String render(Map<String, String> env) {
            StringWriter out = new StringWriter();
            try (JsonGenerator g = FACTORY.createGenerator(out)) {
                g.writeStartObject();
                for (Map.Entry<String, String> e : env.entrySet()) {
                    g.writeStringField(e.getKey(), e.getValue());
                }
                g.writeEndObject();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return out.append('\n').toString();
        }
    }
}
