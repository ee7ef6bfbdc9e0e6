package io.ssokit.sso;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.ssokit.Env;
import io.ssokit.json.CacheFileException;
import io.ssokit.json.Json;
import io.ssokit.json.JsonFiles;
import io.ssokit.json.JsonShapeException;
import io.ssokit.json.Sha1;
import io.ssokit.json.Timestamps;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The SSO token cache shared with the AWS CLI v2, botocore and the AWS SDKs:
 * {@code ~/.aws/sso/cache/<key>.json}, where the key is {@link #cacheKey} of the start URL for a
 * legacy profile ({@code sso_start_url} in the profile) or of the sso-session NAME for a profile
 * with {@code sso_session} (botocore {@code SSOTokenLoader._generate_cache_key}, Java SDK
 * {@code OnDiskTokenManager}).
 *
 * <p>Reads are lock-free (writes are atomic renames); callers that refresh a token use
 * {@link #lockFile} with {@code io.ssokit.lock.SingleFlight}.
 */
public final class TokenCache {
    private static final String[] TOKEN_FIELDS = {"startUrl", "region", "accessToken", "expiresAt",
        "receivedAt", "clientId", "clientSecret", "registrationExpiresAt", "refreshToken"};

    private final Path dir;

    public TokenCache(Path dir) {
        this.dir = dir;
    }

    /** The cache in {@code ~/.aws/sso/cache} of the given environment's home. */
    public static TokenCache of(Env env) {
        return new TokenCache(env.ssoCacheDir());
    }

    /**
     * The cache key: lowercase hex SHA-1 of the UTF-8 start URL (legacy profiles, exactly as
     * configured, no normalisation) or sso-session name (sso-session profiles).
     */
    public static String cacheKey(String startUrlOrSessionName) {
        return Sha1.hex(startUrlOrSessionName);
    }

    public Path dir() {
        return dir;
    }

    public Path file(String key) {
        return JsonFiles.entry(dir, key, ".json");
    }

    /** The lock file that serialises refreshes of this entry across processes. */
    public Path lockFile(String key) {
        return JsonFiles.entry(dir, key, ".lock");
    }

    /**
     * The cached token, or empty when there is no file. Expiry is not checked here: see
     * {@link SsoToken#isUsable}; a file without {@code expiresAt} loads with a null expiry, which
     * counts as expired.
     *
     * @throws CacheFileException when the file is corrupt (it is left as it is), has no
     *     {@code accessToken}, is not private to the user, or cannot be read
     */
    public Optional<SsoToken> load(String key) {
        return Optional.ofNullable(JsonFiles.readSecret(file(key), TokenCache::parseRequired));
    }

    /**
     * Writes the token atomically with mode 0600 (directory 0700), in the AWS CLI's format;
     * unknown fields the token carries are written back.
     */
    public void save(String key, SsoToken token) {
        JsonFiles.writeAtomically(file(key), serialize(token));
    }

    /** Removes the entry; false when there was none. */
    public boolean delete(String key) {
        return JsonFiles.delete(file(key));
    }

    /**
     * Every token in the directory, in no particular order. Client registrations and other JSON
     * files without an {@code accessToken} are left out. A file that cannot be read or parsed is
     * listed with its {@link Entry#problem()} (it may or may not be a token).
     */
    public List<Entry> list() {
        List<Entry> entries = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                if (!name.endsWith(".json") || name.startsWith(".") || !Files.isRegularFile(f)) {
                    continue;
                }
                String key = name.substring(0, name.length() - ".json".length());
                try {
                    SsoToken token = JsonFiles.readSecret(f, TokenCache::parseOptional);
                    if (token != null) {
                        entries.add(new Entry(key, f, token, null));
                    }
                } catch (CacheFileException e) {
                    entries.add(new Entry(key, f, null, e));
                }
            }
        } catch (NoSuchFileException e) {
            return entries;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return entries;
    }

    /**
     * One file of {@link #list()}: either a token or the reason it could not be read.
     *
     * @param key the file name without {@code .json}
     * @param token the token, or null when {@code problem} is set
     * @param problem why the file could not be used, or null
     */
    public record Entry(String key, Path file, SsoToken token, CacheFileException problem) {
    }

    static boolean isTokenField(String name) {
        for (String f : TOKEN_FIELDS) {
            if (f.equals(name)) {
                return true;
            }
        }
        return false;
    }

    private static SsoToken parseRequired(JsonParser p) throws IOException {
        SsoToken token = parse(p);
        if (token == null) {
            throw new JsonShapeException("the token has no \"accessToken\"");
        }
        return token;
    }

    private static SsoToken parseOptional(JsonParser p) throws IOException {
        return parse(p);
    }

    /** The token in the document, or null when it has no {@code accessToken}. */
    static SsoToken parse(JsonParser p) throws IOException {
        Json.startObject(p);
        String startUrl = null;
        String region = null;
        String accessToken = null;
        Instant expiresAt = null;
        Instant receivedAt = null;
        String clientId = null;
        String clientSecret = null;
        Instant registrationExpiresAt = null;
        String refreshToken = null;
        Map<String, String> extra = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            switch (name) {
                case "startUrl":
                    startUrl = Json.string(p, name);
                    break;
                case "region":
                    region = Json.string(p, name);
                    break;
                case "accessToken":
                    accessToken = Json.string(p, name);
                    break;
                case "expiresAt":
                    expiresAt = instant(p, name);
                    break;
                case "receivedAt":
                    receivedAt = instant(p, name);
                    break;
                case "clientId":
                    clientId = Json.string(p, name);
                    break;
                case "clientSecret":
                    clientSecret = Json.string(p, name);
                    break;
                case "registrationExpiresAt":
                    registrationExpiresAt = instant(p, name);
                    break;
                case "refreshToken":
                    refreshToken = Json.string(p, name);
                    break;
                default:
                    extra.put(name, Json.rawValue(p));
            }
        }
        Json.endOfInput(p);
        if (accessToken == null) {
            return null;
        }
        return new SsoToken(startUrl, region, accessToken, expiresAt, receivedAt, clientId,
                clientSecret, registrationExpiresAt, refreshToken, extra);
    }

    static Instant instant(JsonParser p, String field) throws IOException {
        String text = Json.string(p, field);
        if (text == null) {
            return null;
        }
        try {
            return Timestamps.parse(text);
        } catch (IllegalArgumentException e) {
            throw new JsonShapeException(new StringBuilder("the field \"").append(field)
                    .append("\" is not an ISO-8601 timestamp").toString());
        }
    }

    static byte[] serialize(SsoToken t) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        try (JsonGenerator g = Json.generator(out)) {
            g.writeStartObject();
            field(g, "startUrl", t.startUrl());
            field(g, "region", t.region());
            field(g, "accessToken", t.accessToken());
            field(g, "expiresAt", t.expiresAt());
            field(g, "receivedAt", t.receivedAt());
            field(g, "clientId", t.clientId());
            field(g, "clientSecret", t.clientSecret());
            field(g, "registrationExpiresAt", t.registrationExpiresAt());
            field(g, "refreshToken", t.refreshToken());
            for (Map.Entry<String, String> e : t.extraFields().entrySet()) {
                g.writeFieldName(e.getKey());
                g.writeRawValue(e.getValue());
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static void field(JsonGenerator g, String name, String value) throws IOException {
        if (value != null) {
            g.writeStringField(name, value);
        }
    }

    static void field(JsonGenerator g, String name, Instant value) throws IOException {
        if (value != null) {
            g.writeStringField(name, Timestamps.format(value));
        }
    }
}
