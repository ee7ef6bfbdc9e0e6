package io.ssokit.credentials;

import com.fasterxml.jackson.core.JsonGenerator;
import io.ssokit.json.Json;
import io.ssokit.json.Timestamps;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * The JSON an SDK reads from a {@code credential_process}:
 * {@code {"Version":1,"AccessKeyId":..,"SecretAccessKey":..,"SessionToken":..,"Expiration":..}},
 * keys in that order, {@code SessionToken} and {@code Expiration} only when the credentials have
 * them, {@code Expiration} as {@code YYYY-MM-DDTHH:MM:SSZ}. The text carries no trailing newline;
 * the command adds one when printing.
 */
public final class CredentialProcessOutput {
    private CredentialProcessOutput() {
    }

    /** One line of compact JSON, as aws-sso-util's {@code credential-process} prints. */
    public static String json(Credentials credentials) {
        StringWriter out = new StringWriter(1536);
        try (JsonGenerator g = Json.generator(out)) {
            write(g, credentials);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** Indented by two spaces, as aws-export-credentials prints with {@code --pretty}. */
    public static String prettyJson(Credentials credentials) {
        StringWriter out = new StringWriter(1536);
        try (JsonGenerator g = Json.prettyGenerator(out)) {
            write(g, credentials);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static void write(JsonGenerator g, Credentials c) throws IOException {
        g.writeStartObject();
        g.writeNumberField("Version", 1);
        g.writeStringField("AccessKeyId", c.accessKeyId());
        g.writeStringField("SecretAccessKey", c.secretAccessKey());
        if (c.sessionToken() != null) {
            g.writeStringField("SessionToken", c.sessionToken());
        }
        if (c.expiration() != null) {
            g.writeStringField("Expiration", Timestamps.format(c.expiration()));
        }
        g.writeEndObject();
    }
}
