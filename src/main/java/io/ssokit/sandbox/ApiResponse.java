package io.ssokit.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** A response to write: status, headers and body. */
record ApiResponse(int status, Map<String, String> headers, byte[] body) {

    static ApiResponse json(int status, Object value) {
        try {
            return of(status, "application/json", ApiRequest.JSON.writeValueAsBytes(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render JSON", e);
        }
    }

    static ApiResponse xml(int status, String xml) {
        return of(status, "text/xml", xml.getBytes(StandardCharsets.UTF_8));
    }

    static ApiResponse html(int status, String html) {
        return of(status, "text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8));
    }

    static ApiResponse redirect(String location) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Location", location);
        h.put("Cache-Control", "no-store");
        return new ApiResponse(302, h, new byte[0]);
    }

    /** An empty 200, as rest-json operations without output members answer. */
    static ApiResponse empty() {
        return new ApiResponse(200, new LinkedHashMap<>(), new byte[0]);
    }

    static ApiResponse of(int status, String contentType, byte[] body) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Content-Type", contentType);
        return new ApiResponse(status, h, body);
    }

    ApiResponse withHeader(String name, String value) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put(name, value);
        return new ApiResponse(status, h, body);
    }
}
