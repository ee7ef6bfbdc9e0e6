package io.ssokit.config;

import io.ssokit.shell.ShellWords;

import io.ssokit.Env;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The AWS shared config and credentials files, merged and read with the AWS CLI v2's semantics
 * (botocore's {@code configloader.load_config} for the config file, {@code Session.full_config}
 * for merging the credentials file over it). Immutable; cheap enough to load on every {@code
 * credential-process} call.
 *
 * <p>How sections map, exactly as botocore does it:
 *
 * <ul>
 *   <li>a header starting with {@code profile} is split like a shell word list and names a
 *       profile only when it yields exactly two words: {@code [profile dev]}, {@code [profile
 *       "my name"]}, {@code [profile 'my name']} (and, a botocore quirk kept for fidelity, {@code
 *       [profiles dev]}); {@code [profile a b]} or an unbalanced quote is silently ignored;
 *   <li>{@code [default]} and {@code [profile default]} both name the default profile; when a
 *       file has both, or two spellings of one name, the later section wins entirely (no merge);
 *   <li>{@code [sso-session NAME]} and {@code [services NAME]} likewise (services as in botocore
 *       1.31+, which added them);
 *   <li>{@code [DEFAULT]} (upper case) is configparser's defaults section: its keys appear in
 *       every other section of the same file;
 *   <li>credentials-file sections are profile names verbatim ({@code [dev]}); their keys replace
 *       the config profile's keys one by one, and profiles only there are added after the
 *       config-file ones.
 * </ul>
 *
 * <p>A missing file (or a path that is not a regular file) is empty. A file botocore would refuse
 * (duplicate section, duplicate key, a line outside any section, bad UTF-8...) raises {@link
 * ConfigSyntaxException}. Deliberately unlike botocore: a UTF-8 BOM is skipped instead of failing,
 * and a file that exists but cannot be read is an error instead of silently empty.
 */
public final class AwsConfig {

    static final int OTHER = 0;
    static final int PROFILE = 1;
    static final int SSO_SESSION = 2;
    static final int SERVICES = 3;

    private final Map<String, Profile> profiles;
    private final Map<String, Section> ssoSessions;
    private final Map<String, Section> services;

    private AwsConfig(Map<String, Profile> profiles, Map<String, Section> ssoSessions, Map<String, Section> services) {
        this.profiles = profiles;
        this.ssoSessions = ssoSessions;
        this.services = services;
    }

    /** Reads {@link Env#awsConfigFile()} and {@link Env#awsCredentialsFile()}. */
    public static AwsConfig load(Env env) {
        Path config = env.awsConfigFile();
        Path credentials = env.awsCredentialsFile();
        return of(ConfigFile.read(config, ConfigFile.displayName(env, config)),
                ConfigFile.read(credentials, ConfigFile.displayName(env, credentials)));
    }

    /** The view of two documents, e.g. after editing them and before saving. */
    public static AwsConfig of(IniDocument config, IniDocument credentials) {
        LinkedHashMap<String, Section> configProfiles = new LinkedHashMap<>();
        LinkedHashMap<String, Section> sessions = new LinkedHashMap<>();
        LinkedHashMap<String, Section> svcs = new LinkedHashMap<>();
        for (Section s : config.botocoreSections()) {
            int kind = kind(s.name());
            String name = name(s.name());
            if (name == null) {
                continue;
            }
            if (kind == PROFILE) {
                configProfiles.put(name, s);
            } else if (kind == SSO_SESSION) {
                sessions.put(name, new Section(name, s.values(), s.nested()));
            } else {
                svcs.put(name, new Section(name, s.values(), s.nested()));
            }
        }
        LinkedHashMap<String, Section> credentialProfiles = new LinkedHashMap<>();
        for (Section s : credentials.botocoreSections()) {
            credentialProfiles.put(s.name(), s);
        }
        LinkedHashMap<String, Profile> built = new LinkedHashMap<>();
        for (Map.Entry<String, Section> e : configProfiles.entrySet()) {
            Section c = e.getValue();
            Section k = credentialProfiles.get(e.getKey());
            built.put(e.getKey(), k == null
                    ? new Profile(e.getKey(), c.values(), c.nested(), Set.of())
                    : merge(e.getKey(), c, k));
        }
        for (Map.Entry<String, Section> e : credentialProfiles.entrySet()) {
            if (!built.containsKey(e.getKey())) {
                built.put(e.getKey(), merge(e.getKey(), null, e.getValue()));
            }
        }
        return new AwsConfig(Collections.unmodifiableMap(built), Collections.unmodifiableMap(sessions),
                Collections.unmodifiableMap(svcs));
    }

    /**
     * botocore's {@code dict.update} of the config profile with the credentials section: a key
     * keeps its position, its value is replaced, new keys follow. botocore keeps flat and nested
     * keys in one dict; a Section has them in two maps, so a key that is nested in one file and
     * flat in the other can end up later in the key order than botocore has it (values agree).
     */
    @SuppressWarnings("unchecked")
    private static Profile merge(String name, Section config, Section credentials) {
        LinkedHashMap<String, Object> all = new LinkedHashMap<>();
        if (config != null) {
            all.putAll(config.values());
            all.putAll(config.nested());
        }
        all.putAll(credentials.values());
        all.putAll(credentials.nested());
        LinkedHashMap<String, String> flat = new LinkedHashMap<>();
        LinkedHashMap<String, Map<String, String>> nested = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : all.entrySet()) {
            if (e.getValue() instanceof String) {
                flat.put(e.getKey(), (String) e.getValue());
            } else {
                nested.put(e.getKey(), (Map<String, String>) e.getValue());
            }
        }
        Set<String> fromCredentials = new LinkedHashSet<>(credentials.values().keySet());
        fromCredentials.addAll(credentials.nested().keySet());
        return new Profile(name, Collections.unmodifiableMap(flat), Collections.unmodifiableMap(nested),
                Collections.unmodifiableSet(fromCredentials));
    }

    public Optional<Profile> profile(String name) {
        return Optional.ofNullable(profiles.get(name));
    }

    /** Every profile name: config-file order, then those only in the credentials file. */
    public List<String> profileNames() {
        return List.copyOf(profiles.keySet());
    }

    public Optional<Section> ssoSession(String name) {
        return Optional.ofNullable(ssoSessions.get(name));
    }

    /** Every {@code [sso-session NAME]} name, in file order. */
    public List<String> ssoSessionNames() {
        return List.copyOf(ssoSessions.keySet());
    }

    /** Every {@code [services NAME]} name, in file order. */
    public List<String> servicesNames() {
        return List.copyOf(services.keySet());
    }

    public Optional<Section> services(String name) {
        return Optional.ofNullable(services.get(name));
    }

    /** The profile a command uses when none is given: AWS_PROFILE, AWS_DEFAULT_PROFILE, else default. */
    public static String defaultProfileName(Env env) {
        String fromEnv = env.profileFromEnv();
        return fromEnv != null ? fromEnv : "default";
    }

    /** Which of botocore's maps a config-file section lands in (checked in botocore's order). */
    static int kind(String section) {
        if (section.startsWith("profile")) {
            return PROFILE;
        }
        if (section.startsWith("sso-session")) {
            return SSO_SESSION;
        }
        if (section.startsWith("services")) {
            return SERVICES;
        }
        return section.equals("default") ? PROFILE : OTHER;
    }

    /** The profile, sso-session or services name of a section, or null when botocore ignores it. */
    static String name(String section) {
        int kind = kind(section);
        if (kind == OTHER) {
            return null;
        }
        if (section.equals("default")) {
            return section;
        }
        List<String> words = ShellWords.trySplit(section);
        return words != null && words.size() == 2 ? words.get(1) : null;
    }
}
