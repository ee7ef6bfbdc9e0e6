package io.ssokit.credentials;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import io.ssokit.Log;
import io.ssokit.SsokitException;
import io.ssokit.json.Json;
import io.ssokit.json.JsonFiles;
import io.ssokit.json.Timestamps;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * aws-export-credentials' {@code --cache-file} (§9.5): one file the user names, holding
 * {@code {"ProviderType": "aws-export-credentials", "Credentials": {"AccessKeyId",
 * "SecretAccessKey", "SessionToken", "Expiration"}}}, 0600. It is not keyed by identity: one file
 * per profile is the user's business, as in the original. Every failure is silent (a debug line):
 * the cache only ever saves a call.
 */
public final class ExportCredentialsCache {
    public static final String PROVIDER_TYPE = "aws-export-credentials";
    /** aws-export-credentials' {@code --cache-expiration-buffer} default. */
    public static final Duration DEFAULT_BUFFER = Duration.ofMinutes(10);

    private final Path file;
    private final Log log;

    public ExportCredentialsCache(Path file, Log log) {
        this.file = file;
        this.log = log;
    }

    /**
     * The cached credentials when the file has all four fields, a valid expiration, and more than
     * {@code buffer} left; else null.
     */
    public Credentials load(Duration buffer, Clock clock) {
        try {
            Credentials c = JsonFiles.readSecret(file, READER);
            if (c == null) {
                log.debug("cache file " + file + " does not exist");
                return null;
            }
            if (c.sessionToken() == null || c.expiration() == null) {
                log.debug("cache file " + file + " lacks a session token or an expiration: not used");
                return null;
            }
            if (c.expiresWithin(buffer, clock)) {
                log.debug("cache file " + file + " expires within " + buffer.toMinutes() + " minutes: not used");
                return null;
            }
            log.debug("using the credentials cached in " + file);
            return c;
        } catch (SsokitException | UncheckedIOException e) {
            log.debug("cache file " + file + " not used: " + e.getMessage());
            return null;
        }
    }

    /** Writes the credentials (directories created, 0600); only temporary ones, as the original. */
    public void save(Credentials c) {
        if (c.sessionToken() == null || c.expiration() == null) {
            log.debug("credentials without an expiration are not cached");
            return;
        }
        try {
            JsonFiles.writeAtomically(file, serialize(c));
            log.debug("cached the credentials in " + file);
        } catch (SsokitException | UncheckedIOException e) {
            log.debug("could not write the cache file " + file + ": " + e.getMessage());
        }
    }

    static byte[] serialize(Credentials c) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(2048);
        try (JsonGenerator g = Json.generator(out)) {
            g.writeStartObject();
            g.writeStringField("ProviderType", PROVIDER_TYPE);
            g.writeObjectFieldStart("Credentials");
            g.writeStringField("AccessKeyId", c.accessKeyId());
            g.writeStringField("SecretAccessKey", c.secretAccessKey());
            g.writeStringField("SessionToken", c.sessionToken());
            g.writeStringField("Expiration", Timestamps.format(c.expiration()));
            g.writeEndObject();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static final JsonFiles.Reader<Credentials> READER = new JsonFiles.Reader<>() {
        @Override
        public Credentials read(JsonParser p) throws IOException {
            return CredentialCache.parse(p);
        }
    };
}
