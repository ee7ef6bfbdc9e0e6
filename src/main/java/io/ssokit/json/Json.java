package io.ssokit.json;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.Writer;

/**
 * jackson-core streaming, shared. The cache files and the credential_process output are small and
 * flat, and they sit on the hot path, so nothing here touches jackson-databind.
 */
public final class Json {
    /** Thread-safe once configured; creating one costs class loading, so there is one. */
    private static final JsonFactory FACTORY = new JsonFactory();

    private Json() {
    }

    public static JsonParser parser(byte[] content) throws IOException {
        return FACTORY.createParser(content);
    }

    public static JsonParser parser(String content) throws IOException {
        return FACTORY.createParser(content);
    }

    /** A compact UTF-8 generator for file content. */
    public static JsonGenerator generator(OutputStream out) throws IOException {
        return FACTORY.createGenerator(out, JsonEncoding.UTF8);
    }

    /** A compact generator: no whitespace at all. */
    public static JsonGenerator generator(Writer out) throws IOException {
        return FACTORY.createGenerator(out);
    }

    /**
     * A generator laid out like Python's {@code json.dumps(obj, indent=2)}, which is what
     * aws-export-credentials prints for {@code --pretty}: two spaces, {@code "key": value}, LF.
     */
    public static JsonGenerator prettyGenerator(Writer out) throws IOException {
        DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter(Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER));
        printer.indentObjectsWith(indenter);
        printer.indentArraysWith(indenter);
        return FACTORY.createGenerator(out).setPrettyPrinter(printer);
    }

    /**
     * Moves to the first token and checks that the document is an object.
     *
     * @throws JsonShapeException when it is not
     */
    public static void startObject(JsonParser p) throws IOException {
        JsonToken first = p.nextToken();
        if (first == null) {
            throw new JsonShapeException("the file is empty");
        }
        if (first != JsonToken.START_OBJECT) {
            throw new JsonShapeException("the content is not a JSON object");
        }
    }

    /**
     * Checks that nothing but whitespace follows the closing brace, as Python's {@code json.load}
     * insists ("Extra data"); a file with trailing junk is damaged.
     */
    public static void endOfInput(JsonParser p) throws IOException {
        if (p.nextToken() != null) {
            throw new JsonShapeException("unexpected content after the JSON object");
        }
    }

    /**
     * The current value as a string: its text, or null for JSON null.
     *
     * @throws JsonShapeException for any other type; the message names {@code field}
     */
    public static String string(JsonParser p, String field) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_STRING) {
            return p.getText();
        }
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        throw new JsonShapeException(new StringBuilder("the field \"").append(field)
                .append("\" is not a string").toString());
    }

    /**
     * The current value (scalar, object or array) as compact JSON text, to write back verbatim.
     * Numbers keep their original text: Jackson's own {@code copyCurrentStructure} would turn
     * {@code 1.50} into {@code 1.5} and {@code 1e400} into {@code Infinity}, which is not JSON.
     */
    public static String rawValue(JsonParser p) throws IOException {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = FACTORY.createGenerator(w)) {
            int depth = 0;
            while (true) {
                JsonToken t = p.currentToken();
                if (t == null) {
                    throw new JsonShapeException("unexpected end of JSON input");
                }
                switch (t) {
                    case START_OBJECT:
                        g.writeStartObject();
                        depth++;
                        break;
                    case END_OBJECT:
                        g.writeEndObject();
                        depth--;
                        break;
                    case START_ARRAY:
                        g.writeStartArray();
                        depth++;
                        break;
                    case END_ARRAY:
                        g.writeEndArray();
                        depth--;
                        break;
                    case FIELD_NAME:
                        g.writeFieldName(p.currentName());
                        break;
                    case VALUE_STRING:
                        g.writeString(p.getText());
                        break;
                    case VALUE_NUMBER_INT:
                    case VALUE_NUMBER_FLOAT:
                        g.writeNumber(p.getText());
                        break;
                    case VALUE_TRUE:
                        g.writeBoolean(true);
                        break;
                    case VALUE_FALSE:
                        g.writeBoolean(false);
                        break;
                    case VALUE_NULL:
                        g.writeNull();
                        break;
                    default:
                        throw new JsonShapeException("unexpected JSON token");
                }
                if (depth == 0) {
                    break;
                }
                p.nextToken();
            }
        }
        return w.toString();
    }
}
