package io.ssokit.server;

import com.fasterxml.jackson.core.JsonGenerator;
import io.ssokit.json.Json;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.function.Consumer;

/** The servers' small JSON documents, written with jackson-core's streaming generator. */
final class EndpointJson {
    private final JsonGenerator g;

    private EndpointJson(JsonGenerator g) {
        this.g = g;
    }

    /** One object, compact, built by {@code body}. */
    static String object(Consumer<EndpointJson> body) {
        StringWriter out = new StringWriter(256);
        try (JsonGenerator g = Json.generator(out)) {
            g.writeStartObject();
            body.accept(new EndpointJson(g));
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** A string field; a null value leaves the field out. */
    EndpointJson field(String name, String value) {
        if (value != null) {
            try {
                g.writeStringField(name, value);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return this;
    }

    EndpointJson object(String name, Consumer<EndpointJson> body) {
        try {
            g.writeObjectFieldStart(name);
            body.accept(this);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }
}
