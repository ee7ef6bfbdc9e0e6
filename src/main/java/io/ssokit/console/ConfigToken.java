package io.ssokit.console;

import io.ssokit.ExitCodes;
import io.ssokit.SsokitException;
import io.ssokit.json.PythonJson;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A console config token (§7.3): the launch settings, without credentials, as compact
 * ASCII-escaped JSON with short keys, in URL-safe base64 with padding. What
 * {@code get-config-token} prints and {@code launch-from-config} reads; byte-compatible with
 * aws-sso-util in both directions.
 *
 * @param version {@code v}: the JSON value as decoded (only the string {@code "1"} is known)
 * @param duration {@code dur}, minutes, or null
 * @param unknownKeys keys of a decoded token that mean nothing here (in token order); empty when encoding
 */
public record ConfigToken(Object version, String ssoStartUrl, String ssoRegion, String federationEndpoint, String destination,
        String accountId, String roleName, String region, Integer duration, String issuer, List<String> unknownKeys) {

    public static final String VERSION = "1";

    /** Long key (aws-sso-util's names) to short key (the wire), in the order a token is written. */
    private static final Map<String, String> SHORT = new LinkedHashMap<>();

    static {
        SHORT.put("version", "v");
        SHORT.put("sso_start_url", "ssourl");
        SHORT.put("sso_region", "ssoreg");
        SHORT.put("federation_endpoint", "url");
        SHORT.put("destination", "dst");
        SHORT.put("account_id", "acc");
        SHORT.put("role_name", "rol");
        SHORT.put("region", "reg");
        SHORT.put("duration", "dur");
        SHORT.put("issuer", "iss");
    }

    public ConfigToken {
        unknownKeys = unknownKeys == null ? List.of() : List.copyOf(unknownKeys);
    }

    /** A new token of the current version. */
    public static ConfigToken of(String ssoStartUrl, String ssoRegion, String federationEndpoint, String destination,
            String accountId, String roleName, String region, Integer duration, String issuer) {
        return new ConfigToken(VERSION, ssoStartUrl, ssoRegion, federationEndpoint, destination, accountId, roleName, region,
                duration, issuer, List.of());
    }

    /** Whether the version is the one this code (and aws-sso-util) writes. */
    public boolean knownVersion() {
        return VERSION.equals(version);
    }

    /** The version for messages: a string as is, anything else as its JSON text. */
    public String versionText() {
        return version instanceof String s ? s : version == null ? "(none)" : PythonJson.dumps(version, true);
    }

    /** The token text; optional values that are null or empty are left out, as aws-sso-util does. */
    public String encode() {
        StringBuilder json = new StringBuilder("{");
        Object[] values = {VERSION, ssoStartUrl, ssoRegion, federationEndpoint, destination, accountId, roleName, region, duration,
            issuer};
        int i = 0;
        for (String shortKey : SHORT.values()) {
            Object v = values[i++];
            if (v == null || v.equals("") || v.equals(0)) {
                continue;
            }
            if (json.length() > 1) {
                json.append(',');
            }
            // each piece is Python's json.dumps(ensure_ascii=True) of that string or number
            json.append(PythonJson.dumps(shortKey, true)).append(':').append(PythonJson.dumps(v, true));
        }
        json.append('}');
        return Base64.getUrlEncoder().encodeToString(json.toString().getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * Reads a token: URL-safe or standard base64 (padding optional, whitespace ignored), a JSON
     * object, short or long keys (a later duplicate wins, as in a Python dict). Unknown keys are
     * kept by name in {@link #unknownKeys()}.
     *
     * @throws SsokitException exit 1, "the config token is invalid: ...", for anything else
     */
    public static ConfigToken decode(String token) {
        String text = token.replaceAll("\\s+", "").replace('-', '+').replace('_', '/');
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw invalid("not base64 (" + e.getMessage() + ")");
        }
        Object parsed;
        try {
            parsed = PythonJson.loads(new String(bytes, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw invalid("not JSON");
        }
        if (!(parsed instanceof Map<?, ?> payload)) {
            throw invalid("not a JSON object");
        }
        Map<String, Object> data = new LinkedHashMap<>();
        List<String> unknown = new ArrayList<>();
        for (Map.Entry<?, ?> e : payload.entrySet()) {
            String key = longKey((String) e.getKey());
            data.put(key, e.getValue());
            if (!SHORT.containsKey(key) && !unknown.contains(key)) {
                unknown.add(key);
            }
        }
        return new ConfigToken(data.get("version"), string(data, "sso_start_url"), string(data, "sso_region"),
                string(data, "federation_endpoint"), string(data, "destination"), string(data, "account_id"),
                string(data, "role_name"), string(data, "region"), minutes(data.get("duration")), string(data, "issuer"), unknown);
    }

    /** The same token with the account and role replaced where the arguments are not null. */
    public ConfigToken withRole(String newAccountId, String newRoleName) {
        return new ConfigToken(version, ssoStartUrl, ssoRegion, federationEndpoint, destination,
                newAccountId != null ? newAccountId : accountId, newRoleName != null ? newRoleName : roleName, region, duration,
                issuer, unknownKeys);
    }

    private static String longKey(String key) {
        for (Map.Entry<String, String> e : SHORT.entrySet()) {
            if (e.getValue().equals(key)) {
                return e.getKey();
            }
        }
        return key;
    }

    private static String string(Map<String, Object> data, String key) {
        Object v = data.get(key);
        if (v == null || v instanceof String) {
            return (String) v;
        }
        throw invalid(key + " is not a string");
    }

    private static Integer minutes(Object v) {
        if (v == null) {
            return null;
        }
        if (v instanceof BigInteger b && b.bitLength() < 32) {
            return b.intValue();
        }
        throw invalid("duration is not a whole number of minutes");
    }

    private static SsokitException invalid(String why) {
        return new SsokitException(ExitCodes.ERROR, "the config token is invalid: " + why);
    }
}
