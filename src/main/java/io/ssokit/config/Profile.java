package io.ssokit.config;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A profile as the AWS CLI v2 sees it: its config-file section with its credentials-file
 * section merged over it key by key (credentials-file values win), plus keys inherited from a
 * {@code [DEFAULT]} section. Keys are lowercased; a key is either flat ({@link #values}) or a
 * nested block such as {@code s3} ({@link #nested}). Maps keep file order and are unmodifiable.
 *
 * <p>For an sso-session profile, {@code get("sso_session")} names the section to look up with
 * {@link AwsConfig#ssoSession(String)}.
 *
 * @param fromCredentialsFile the keys (flat or nested) whose value came from the credentials file
 */
public record Profile(
        String name,
        Map<String, String> values,
        Map<String, Map<String, String>> nested,
        Set<String> fromCredentialsFile) {

    /** The file a value was read from. */
    public enum Source { CONFIG_FILE, CREDENTIALS_FILE }

    /** The flat value of a (lowercase) key. */
    public Optional<String> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    /** Where a key's value came from, or null when the profile does not have the key. */
    public Source source(String key) {
        if (fromCredentialsFile.contains(key)) {
            return Source.CREDENTIALS_FILE;
        }
        return values.containsKey(key) || nested.containsKey(key) ? Source.CONFIG_FILE : null;
    }
}
