package io.ssokit.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An HTTP request as the sandbox received it, detached from the server so that services can be
 * driven directly. Header names are lower-case.
 */
record ApiRequest(String method, String rawPath, String rawQuery, Map<String, List<String>> headers, byte[] body) {
    static final ObjectMapper JSON = new ObjectMapper();

    ApiRequest {
        Map<String, List<String>> lower = new LinkedHashMap<>();
        headers.forEach((k, v) -> lower.computeIfAbsent(k.toLowerCase(Locale.ROOT), x -> new java.util.ArrayList<>()).addAll(v));
        headers = lower;
        body = body == null ? new byte[0] : body;
    }

    String header(String name) {
        List<String> v = headers.get(name.toLowerCase(Locale.ROOT));
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    /** The decoded path (rest-json paths carry no encoded characters the sandbox cares about). */
    String path() {
        return URLDecoder.decode(rawPath.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** Query parameters, decoded; the first value wins when a name repeats. */
    Map<String, String> query() {
        return formDecode(rawQuery);
    }

    /** An {@code application/x-www-form-urlencoded} body, decoded. */
    Map<String, String> form() {
        return formDecode(new String(body, StandardCharsets.UTF_8));
    }

    boolean isForm() {
        String ct = header("content-type");
        return ct != null && ct.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded");
    }

    /** The JSON body; an empty body is an empty object, as the rest-json clients send for no members. */
    JsonNode json() throws IOException {
        if (body.length == 0) {
            return JsonNodeFactory.instance.objectNode();
        }
        return JSON.readTree(body);
    }

    static Map<String, String> formDecode(String s) {
        Map<String, String> out = new LinkedHashMap<>();
        if (s == null || s.isEmpty()) {
            return out;
        }
        for (String pair : s.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            String v = eq < 0 ? "" : pair.substring(eq + 1);
            try {
                out.putIfAbsent(URLDecoder.decode(k, StandardCharsets.UTF_8), URLDecoder.decode(v, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                // a malformed escape: keep the raw text rather than failing the whole request
                out.putIfAbsent(k, v);
            }
        }
        return out;
    }
}
