package io.ssokit;

import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/**
 * The process environment and home directory, passed explicitly so that every command can be
 * run in-process by tests with a fake HOME and fake variables.
 *
 * <p>An empty variable counts as unset, as the AWS CLI treats it.
 */
public record Env(Map<String, String> vars, Path home) {

    public Env {
        vars = Collections.unmodifiableMap(new HashMap<>(vars));
    }

    public static Env system() {
        String home = System.getenv("HOME");
        if (home == null || home.isEmpty()) {
            home = System.getProperty("user.home");
        }
        return new Env(System.getenv(), Path.of(home));
    }

    /** The value, or null when unset or empty. */
    public String get(String name) {
        String v = vars.get(name);
        return v == null || v.isEmpty() ? null : v;
    }

    public String getOrDefault(String name, String fallback) {
        String v = get(name);
        return v == null ? fallback : v;
    }

    /** The first of the names that is set, or null. */
    public String first(String... names) {
        for (String n : names) {
            String v = get(n);
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    /** aws-sso-util's boolean convention: {@code 1} or {@code true}, case-insensitive. */
    public boolean flag(String name) {
        String v = get(name);
        return v != null && (v.equals("1") || v.equalsIgnoreCase("true"));
    }

    public Env with(String name, String value) {
        Map<String, String> copy = new HashMap<>(vars);
        if (value == null) {
            copy.remove(name);
        } else {
            copy.put(name, value);
        }
        return new Env(copy, home);
    }

    /** Expands a leading {@code ~} or {@code ~/} the way the AWS CLI does (against HOME). */
    public Path expand(String path) {
        if (path.equals("~")) {
            return home;
        }
        if (path.startsWith("~/")) {
            return home.resolve(path.substring(2));
        }
        return Path.of(path);
    }

    public Path awsConfigFile() {
        String f = get("AWS_CONFIG_FILE");
        return f != null ? expand(f) : home.resolve(".aws").resolve("config");
    }

    public Path awsCredentialsFile() {
        String f = get("AWS_SHARED_CREDENTIALS_FILE");
        return f != null ? expand(f) : home.resolve(".aws").resolve("credentials");
    }

    /** The AWS CLI's SSO token cache directory; like the CLI, not configurable. */
    public Path ssoCacheDir() {
        return home.resolve(".aws").resolve("sso").resolve("cache");
    }

    /** The AWS CLI's role-credential cache directory. */
    public Path cliCacheDir() {
        return home.resolve(".aws").resolve("cli").resolve("cache");
    }

    /** The profile named by AWS_PROFILE, then AWS_DEFAULT_PROFILE, else null. */
    public String profileFromEnv() {
        return first("AWS_PROFILE", "AWS_DEFAULT_PROFILE");
    }
}
