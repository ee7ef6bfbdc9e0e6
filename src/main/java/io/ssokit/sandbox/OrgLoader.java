package io.ssokit.sandbox;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.ssokit.ExitCodes;
import io.ssokit.SsokitException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads an org file (schema in {@link Org}): YAML when the name ends in {@code .yaml} or
 * {@code .yml}, JSON otherwise. Every failure is one line naming the file, the line when the
 * parser knows it, the field path, and what is wrong.
 */
public final class OrgLoader {
    private OrgLoader() {
    }

    public static Org load(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new SsokitException(ExitCodes.USAGE, "cannot read org file " + file + ": no such file");
        } catch (IOException e) {
            throw new SsokitException(ExitCodes.USAGE, "cannot read org file " + file + ": " + e.getMessage());
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        boolean yaml = name.endsWith(".yaml") || name.endsWith(".yml");
        return parse(text, yaml, file.toString());
    }

    /** Parses org text; {@code source} names it in error messages. */
    public static Org parse(String text, boolean yaml, String source) {
        ObjectMapper mapper = (yaml ? new YAMLMapper() : new ObjectMapper())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY);
        Map<String, Integer> lines = new HashMap<>();
        try {
            // Jackson reports an unknown field only after the record's constructor ran, and a
            // constructor's complaint at the end of the object; this pass finds unknown fields
            // first and remembers where each object starts, so every error names its line.
            try (JsonParser p = mapper.createParser(text)) {
                if (p.nextToken() == null) {
                    throw new SsokitException(ExitCodes.USAGE, "invalid org file " + source + ": the file is empty");
                }
                walk(p, SCHEMA, "", lines, source);
            }
            return mapper.readValue(text, Org.class);
        } catch (JsonProcessingException e) {
            throw new SsokitException(ExitCodes.USAGE, "invalid org file " + source + describe(e, lines));
        } catch (IOException e) {
            throw new SsokitException(ExitCodes.USAGE, "cannot read org file " + source + ": " + e.getMessage());
        }
    }

    /** An OU's fields; {@code children} refers back to this map, so the walk follows any depth. */
    private static final Map<String, Object> OU = new HashMap<>();

    static {
        OU.put("name", "");
        OU.put("id", "");
        OU.put("accounts", List.of(""));
        OU.put("children", java.util.Collections.singletonList(OU));
    }

    /** Field names allowed in each object: a nested map is an object, a one-element list an array of it. */
    private static final Map<String, Object> SCHEMA = Map.of(
            "instances", List.of(Map.of("startUrl", "", "region", "", "instanceArn", "", "identityStoreId", "")),
            "accounts", List.of(Map.of("id", "", "name", "", "email", "", "roles", List.of(""), "status", "",
                    "iamRoles", List.of(Map.of("name", "", "maxSessionDuration", "", "externalId", "",
                            "requireMfa", "", "trustedPrincipals", List.of(""))))),
            "users", List.of(Map.of("name", "", "email", "", "id", "", "access", Map.of("*", List.of("")))),
            "mfaDevices", List.of(Map.of("serialNumber", "", "secret", "")),
            "groups", List.of(Map.of("name", "", "id", "", "members", List.of(""), "access", Map.of("*", List.of("")))),
            "permissionSets", List.of(Map.of("name", "", "description", "", "sessionDuration", "")),
            "managementAccount", "",
            "rootId", "",
            "organizationalUnits", List.of(OU),
            "iamUsers", List.of(Map.of("name", "", "account", "", "accessKeyId", "", "secretAccessKey", "",
                    "mfaSerial", "", "requireMfa", "")));

    /** Checks field names against the schema, recording the line each object and array starts on. */
    @SuppressWarnings("unchecked")
    private static void walk(JsonParser p, Object schema, String path, Map<String, Integer> lines, String source) throws IOException {
        JsonToken t = p.currentToken();
        lines.put(path, p.currentLocation().getLineNr());
        if (t == JsonToken.START_OBJECT && schema instanceof Map<?, ?> fields) {
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                Object sub = fields.containsKey("*") ? fields.get("*") : fields.get(name);
                if (sub == null) {
                    throw new SsokitException(ExitCodes.USAGE, "invalid org file " + source + " line "
                            + p.currentLocation().getLineNr() + " (" + join(path, name) + "): unknown field '" + name
                            + "' (expected one of " + String.join(", ", new TreeSet<>((Set<String>) fields.keySet())) + ")");
                }
                p.nextToken();
                walk(p, sub, join(path, name), lines, source);
            }
        } else if (t == JsonToken.START_ARRAY && schema instanceof List<?> item) {
            int i = 0;
            while (p.nextToken() != JsonToken.END_ARRAY) {
                walk(p, item.get(0), path + "[" + i++ + "]", lines, source);
            }
        } else if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
            // a shape the schema does not expect here: let the mapper explain it
            p.skipChildren();
        }
    }

    private static String join(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    private static String describe(JsonProcessingException e, Map<String, Integer> lines) {
        StringBuilder sb = new StringBuilder();
        String path = e instanceof JsonMappingException m ? path(m) : "";
        Integer line = e instanceof ValueInstantiationException ? lines.get(path) : null;
        JsonLocation loc = e.getLocation();
        if (line == null && loc != null && loc.getLineNr() > 0) {
            line = loc.getLineNr();
        }
        if (line != null) {
            sb.append(" line ").append(line);
        }
        if (!path.isEmpty()) {
            sb.append(" (").append(path).append(')');
        }
        sb.append(": ");
        String detail;
        if (e instanceof UnrecognizedPropertyException u) {
            detail = "unknown field '" + u.getPropertyName() + "'" + (u.getKnownPropertyIds() == null ? ""
                    : " (expected one of " + String.join(", ", u.getKnownPropertyIds().stream().map(String::valueOf).sorted().toList()) + ")");
        } else if (e instanceof ValueInstantiationException && e.getCause() instanceof IllegalArgumentException iae) {
            detail = iae.getMessage();
        } else {
            detail = e.getOriginalMessage();
        }
        // Jackson's messages can span lines and quote the whole source; an error is one line
        sb.append(detail.replaceAll("\\s+", " ").trim());
        return sb.toString();
    }

    private static String path(JsonMappingException m) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : m.getPath()) {
            if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            } else if (r.getFieldName() != null) {
                if (sb.length() > 0) {
                    sb.append('.');
                }
                sb.append(r.getFieldName());
            }
        }
        return sb.toString();
    }
}
