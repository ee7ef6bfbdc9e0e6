package io.ssokit.sso;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.ssokit.Env;
import io.ssokit.json.CacheFileException;
import io.ssokit.json.Json;
import io.ssokit.json.JsonFiles;
import io.ssokit.json.JsonShapeException;
import io.ssokit.json.PythonJson;
import io.ssokit.json.Sha1;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Cached OIDC client registrations, in the same directory as the tokens
 * ({@code ~/.aws/sso/cache}). Two naming schemes exist:
 *
 * <ul>
 *   <li>{@link #legacyKey}: {@code botocore-client-id-<sso_region>}, written by aws-sso-util and by
 *       AWS CLI v2 releases before sso-session support; one registration per region, no scopes.
 *   <li>{@link #cliKey}: what the AWS CLI v2 uses since 2.9 for every login, legacy or
 *       sso-session ({@code SSOTokenFetcher._registration_cache_key} in the CLI's bundled botocore):
 *       the SHA-1 of {@code json.dumps({"tool": "botocore", "startUrl": ..., "region": ...,
 *       "scopes": ..., "session_name": ...}, sort_keys=True)} with Python's default separators.
 * </ul>
 */
public final class RegistrationCache {
    private static final String[] REGISTRATION_FIELDS =
        {"clientId", "clientSecret", "expiresAt", "receivedAt", "scopes"};

    private final Path dir;

    public RegistrationCache(Path dir) {
        this.dir = dir;
    }

    public static RegistrationCache of(Env env) {
        return new RegistrationCache(env.ssoCacheDir());
    }

    /** {@code botocore-client-id-<ssoRegion>}: aws-sso-util's and the pre-2.9 CLI's key. */
    public static String legacyKey(String ssoRegion) {
        return "botocore-client-id-".concat(ssoRegion);
    }

    /**
     * The AWS CLI v2's registration key.
     *
     * @param startUrl the start URL, as configured
     * @param ssoRegion the sso_region
     * @param scopes the parsed {@code sso_registration_scopes} (see {@link #parseScopes}), or null
     *     when the setting is absent; an empty list (the setting present but empty) hashes
     *     differently from null, exactly as in the CLI
     * @param sessionName the sso-session name, or null for a legacy profile
     */
    public static String cliKey(String startUrl, String ssoRegion, List<String> scopes,
            String sessionName) {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("tool", "botocore");
        args.put("startUrl", startUrl);
        args.put("region", ssoRegion);
        args.put("scopes", scopes);
        args.put("session_name", sessionName);
        return Sha1.hex(PythonJson.dumps(args, false));
    }

    /**
     * The AWS CLI's {@code parse_sso_registration_scopes}: split on commas, strip, drop empties.
     * Null stays null (setting absent).
     */
    public static List<String> parseScopes(String raw) {
        if (raw == null) {
            return null;
        }
        List<String> scopes = new ArrayList<>();
        for (String s : raw.split(",", -1)) {
            String t = s.strip();
            if (!t.isEmpty()) {
                scopes.add(t);
            }
        }
        return scopes;
    }

    public Path dir() {
        return dir;
    }

    public Path file(String key) {
        return JsonFiles.entry(dir, key, ".json");
    }

    /** The lock file that serialises registering a client under this key across processes. */
    public Path lockFile(String key) {
        return JsonFiles.entry(dir, key, ".lock");
    }

    /**
     * The cached registration, or empty when there is none.
     *
     * @throws CacheFileException as {@link TokenCache#load}
     */
    public Optional<ClientRegistration> load(String key) {
        return Optional.ofNullable(JsonFiles.readSecret(file(key), RegistrationCache::parse));
    }

    /** The cached registration if it has more than {@link ClientRegistration#REUSE_MARGIN} left. */
    public Optional<ClientRegistration> loadReusable(String key, Clock clock) {
        Optional<ClientRegistration> r = load(key);
        return r.isPresent() && r.get().isReusable(clock) ? r : Optional.empty();
    }

    public void save(String key, ClientRegistration registration) {
        JsonFiles.writeAtomically(file(key), serialize(registration));
    }

    public boolean delete(String key) {
        return JsonFiles.delete(file(key));
    }

    static boolean isRegistrationField(String name) {
        for (String f : REGISTRATION_FIELDS) {
            if (f.equals(name)) {
                return true;
            }
        }
        return false;
    }

    static ClientRegistration parse(JsonParser p) throws IOException {
        Json.startObject(p);
        String clientId = null;
        String clientSecret = null;
        Instant expiresAt = null;
        Instant receivedAt = null;
        List<String> scopes = null;
        Map<String, String> extra = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            switch (name) {
                case "clientId":
                    clientId = Json.string(p, name);
                    break;
                case "clientSecret":
                    clientSecret = Json.string(p, name);
                    break;
                case "expiresAt":
                    expiresAt = TokenCache.instant(p, name);
                    break;
                case "receivedAt":
                    receivedAt = TokenCache.instant(p, name);
                    break;
                case "scopes":
                    scopes = stringList(p, name);
                    break;
                default:
                    extra.put(name, Json.rawValue(p));
            }
        }
        Json.endOfInput(p);
        if (clientId == null || clientSecret == null) {
            throw new JsonShapeException("the registration has no \"clientId\" or \"clientSecret\"");
        }
        return new ClientRegistration(clientId, clientSecret, expiresAt, receivedAt, scopes, extra);
    }

    private static List<String> stringList(JsonParser p, String field) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return null;
        }
        if (p.currentToken() != JsonToken.START_ARRAY) {
            throw new JsonShapeException(new StringBuilder("the field \"").append(field)
                    .append("\" is not a list").toString());
        }
        List<String> items = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            String s = Json.string(p, field);
            if (s == null) {
                throw new JsonShapeException(new StringBuilder("the field \"").append(field)
                        .append("\" holds a null").toString());
            }
            items.add(s);
        }
        return items;
    }

    static byte[] serialize(ClientRegistration r) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        try (JsonGenerator g = Json.generator(out)) {
            g.writeStartObject();
            TokenCache.field(g, "clientId", r.clientId());
            TokenCache.field(g, "clientSecret", r.clientSecret());
            TokenCache.field(g, "expiresAt", r.expiresAt());
            TokenCache.field(g, "receivedAt", r.receivedAt());
            if (r.scopes() != null) {
                g.writeArrayFieldStart("scopes");
                for (String s : r.scopes()) {
                    g.writeString(s);
                }
                g.writeEndArray();
            }
            for (Map.Entry<String, String> e : r.extraFields().entrySet()) {
                g.writeFieldName(e.getKey());
                g.writeRawValue(e.getValue());
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
