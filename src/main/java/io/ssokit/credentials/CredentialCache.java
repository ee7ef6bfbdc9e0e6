package io.ssokit.credentials;

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
import io.ssokit.json.Timestamps;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The AWS CLI's credential cache, {@code ~/.aws/cli/cache/<key>.json}, shared with the CLI (and
 * with aws-sso-util's credential-process): role credentials from SSO and from assume-role.
 *
 * <p>Content: {@code {"ProviderType": "sso", "Credentials": {"AccessKeyId", "SecretAccessKey",
 * "SessionToken", "Expiration", "AccountId"}}}. The CLI's assume-role entries are the whole
 * AssumeRole response instead ({@code Credentials}, {@code AssumedRoleUser},
 * {@code ResponseMetadata}, no {@code ProviderType}) with an {@code Expiration} that older
 * botocore wrote as {@code 2024-06-02T19:10:44UTC}; only {@code Credentials} is read, and every
 * timestamp form is accepted.
 *
 * <p>This is the credential-process hot path: a hit costs one stat, one read and one small
 * streaming parse, with no SDK, databind or crypto provider class loaded.
 */
public final class CredentialCache {
    /** Cached credentials are reused while more than this is left (botocore's expiry window). */
    public static final Duration DEFAULT_REFRESH_MARGIN = Duration.ofMinutes(15);

    private final Path dir;

    public CredentialCache(Path dir) {
        this.dir = dir;
    }

    /** The cache in {@code ~/.aws/cli/cache} of the given environment's home. */
    public static CredentialCache of(Env env) {
        return new CredentialCache(env.cliCacheDir());
    }

    /**
     * The key of SSO role credentials, botocore's {@code SSOCredentialFetcher._create_cache_key}:
     * SHA-1 of the compact, key-sorted JSON of {@code accountId}, {@code roleName} and either
     * {@code sessionName} (sso-session profiles) or {@code startUrl} (legacy profiles).
     *
     * @param sessionName the sso-session name; null or empty for a legacy profile (botocore tests
     *     it for truthiness)
     */
    public static String ssoKey(String accountId, String roleName, String startUrl,
            String sessionName) {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("roleName", roleName);
        args.put("accountId", accountId);
        if (sessionName != null && !sessionName.isEmpty()) {
            args.put("sessionName", sessionName);
        } else {
            args.put("startUrl", startUrl);
        }
        return fileSafe(Sha1.hex(PythonJson.dumps(args, true)));
    }

    /**
     * The key of assume-role credentials as the AWS CLI builds it from a profile
     * ({@code AssumeRoleProvider._load_creds_via_assume_role}): only the settings that are present
     * take part, under their AssumeRole parameter names.
     *
     * @param roleArn {@code role_arn}
     * @param roleSessionName {@code role_session_name}, or null when botocore generates one (a
     *     generated name is left out of the hash)
     * @param externalId {@code external_id}, or null
     * @param mfaSerial {@code mfa_serial}, or null
     * @param durationSeconds {@code duration_seconds}, or null
     */
    public static String assumeRoleKey(String roleArn, String roleSessionName, String externalId,
            String mfaSerial, Integer durationSeconds) {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("RoleArn", roleArn);
        putIfSet(args, "RoleSessionName", roleSessionName);
        putIfSet(args, "ExternalId", externalId);
        putIfSet(args, "SerialNumber", mfaSerial);
        putIfSet(args, "DurationSeconds", durationSeconds);
        return assumeRoleKey(args);
    }

    /**
     * ssokit's key for a {@code credential_process} command's output (the AWS CLI caches none): the
     * SHA-1 of {@code {"CredentialProcess": <command line>}} as compact JSON, so it cannot collide
     * with a key of the CLI's, whose arguments never have that name.
     */
    public static String processKey(String commandLine) {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("CredentialProcess", commandLine);
        return fileSafe(Sha1.hex(PythonJson.dumps(args, true)));
    }

    /**
     * botocore's {@code BaseAssumeRoleCredentialFetcher._create_cache_key} over the AssumeRole (or
     * AssumeRoleWithWebIdentity) arguments: SHA-1 of {@code json.dumps(args, sort_keys=True)}
     * with Python's default separators, a {@code Policy} string parsed first so that its keys are
     * sorted too, and {@code :} and path separators replaced by {@code _}.
     *
     * @param args parameter name to value (String, Integer/Long, List, Map, Boolean); leave out a
     *     generated {@code RoleSessionName}
     * @throws IllegalArgumentException when {@code Policy} is not valid JSON
     */
    public static String assumeRoleKey(Map<String, ?> args) {
        Map<String, Object> copy = new LinkedHashMap<>(args);
        Object policy = copy.get("Policy");
        if (policy instanceof String) {
            try {
                copy.put("Policy", PythonJson.loads((String) policy));
            } catch (IOException e) {
                throw new IllegalArgumentException("the Policy is not valid JSON");
            }
        }
        return fileSafe(Sha1.hex(PythonJson.dumps(copy, false)));
    }

    public Path dir() {
        return dir;
    }

    public Path file(String key) {
        return JsonFiles.entry(dir, key, ".json");
    }

    /** The lock file that serialises fetching this entry across processes. */
    public Path lockFile(String key) {
        return JsonFiles.entry(dir, key, ".lock");
    }

    /**
     * The cached credentials, or empty when there is no entry. An entry without
     * {@code Expiration} loads with a null expiration.
     *
     * @throws CacheFileException when the file is corrupt or lacks the keys (left as it is), is
     *     not private to the user, or cannot be read. A caller that can fetch afresh may treat
     *     {@code CORRUPT} and {@code INSECURE_PERMISSIONS} as a miss (with a warning):
     *     {@link #save} replaces the file atomically with a new 0600 one. (The CLI's cache
     *     rewrites files in place, so a file once created with a wider mode keeps it.)
     */
    public Optional<Credentials> load(String key) {
        return Optional.ofNullable(JsonFiles.readSecret(file(key), PARSER));
    }

    /**
     * The cached credentials if more than {@code refreshMargin} is left before they expire; an
     * entry without expiration is never fresh (the CLI could not use it either).
     */
    public Optional<Credentials> loadFresh(String key, Duration refreshMargin, Clock clock) {
        Optional<Credentials> c = load(key);
        if (c.isPresent() && c.get().expiration() != null
                && !c.get().expiresWithin(refreshMargin, clock)) {
            return c;
        }
        return Optional.empty();
    }

    /**
     * Writes the entry atomically (0600, directory 0700) in the CLI's format.
     *
     * @param providerType the {@code ProviderType} to record ({@code "sso"} for SSO role
     *     credentials, as botocore writes), or null to leave it out as the CLI does for
     *     assume-role
     * @throws IllegalArgumentException when the credentials have no session token or expiration:
     *     the CLI reads both unconditionally and would fail on such an entry
     */
    public void save(String key, Credentials credentials, String providerType) {
        if (credentials.sessionToken() == null || credentials.expiration() == null) {
            throw new IllegalArgumentException(
                    "only temporary credentials (session token and expiration) can be cached");
        }
        JsonFiles.writeAtomically(file(key), serialize(credentials, providerType));
    }

    public boolean delete(String key) {
        return JsonFiles.delete(file(key));
    }

    private static void putIfSet(Map<String, Object> args, String name, Object value) {
        if (value != null) {
            args.put(name, value);
        }
    }

    /** botocore's {@code _make_file_safe}: a no-op on hex digests, kept for exactness. */
    private static String fileSafe(String name) {
        return name.replace(':', '_').replace('/', '_').replace('\\', '_');
    }

    /** A class, not a method reference: no lambda bootstrap on the hot path. */
    private static final JsonFiles.Reader<Credentials> PARSER = new JsonFiles.Reader<>() {
        @Override
        public Credentials read(JsonParser p) throws IOException {
            return parse(p);
        }
    };

    static Credentials parse(JsonParser p) throws IOException {
        Json.startObject(p);
        Credentials creds = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            if (name.equals("Credentials") && value == JsonToken.START_OBJECT) {
                creds = parseCredentials(p);
            } else if (name.equals("Credentials")) {
                throw new JsonShapeException("the field \"Credentials\" is not an object");
            } else {
                p.skipChildren();
            }
        }
        Json.endOfInput(p);
        if (creds == null) {
            throw new JsonShapeException("the entry has no \"Credentials\"");
        }
        return creds;
    }

    private static Credentials parseCredentials(JsonParser p) throws IOException {
        String accessKeyId = null;
        String secretAccessKey = null;
        String sessionToken = null;
        Instant expiration = null;
        String accountId = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            switch (name) {
                case "AccessKeyId":
                    accessKeyId = Json.string(p, name);
                    break;
                case "SecretAccessKey":
                    secretAccessKey = Json.string(p, name);
                    break;
                case "SessionToken":
                    sessionToken = Json.string(p, name);
                    break;
                case "Expiration":
                    String text = Json.string(p, name);
                    if (text != null) {
                        try {
                            expiration = Timestamps.parse(text);
                        } catch (IllegalArgumentException e) {
                            throw new JsonShapeException(
                                    "the field \"Expiration\" is not an ISO-8601 timestamp");
                        }
                    }
                    break;
                case "AccountId":
                    accountId = Json.string(p, name);
                    break;
                default:
                    p.skipChildren();
            }
        }
        if (accessKeyId == null || secretAccessKey == null) {
            throw new JsonShapeException(
                    "the entry has no \"AccessKeyId\" or \"SecretAccessKey\"");
        }
        return new Credentials(accessKeyId, secretAccessKey, sessionToken, expiration, accountId);
    }

    static byte[] serialize(Credentials c, String providerType) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(2048);
        try (JsonGenerator g = Json.generator(out)) {
            g.writeStartObject();
            if (providerType != null) {
                g.writeStringField("ProviderType", providerType);
            }
            g.writeObjectFieldStart("Credentials");
            g.writeStringField("AccessKeyId", c.accessKeyId());
            g.writeStringField("SecretAccessKey", c.secretAccessKey());
            g.writeStringField("SessionToken", c.sessionToken());
            g.writeStringField("Expiration", Timestamps.format(c.expiration()));
            if (c.accountId() != null) {
                g.writeStringField("AccountId", c.accountId());
            }
            g.writeEndObject();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
