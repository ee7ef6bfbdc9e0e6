package io.ssokit.config;

import java.util.Map;
import java.util.Optional;

/**
 * A section as botocore reads it: an {@code [sso-session NAME]} or {@code [services NAME]}
 * section of the config file (named by NAME), or any section in raw form. Keys are lowercased,
 * values stripped; a key is either flat ({@link #values}) or a nested block ({@link #nested},
 * whose own keys keep their case, as in botocore). Maps keep file order and are unmodifiable.
 */
public record Section(String name, Map<String, String> values, Map<String, Map<String, String>> nested) {

    /** The flat value of a (lowercase) key. */
    public Optional<String> get(String key) {
        return Optional.ofNullable(values.get(key));
    }
}
