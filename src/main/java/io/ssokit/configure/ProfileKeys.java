package io.ssokit.configure;

import io.ssokit.config.IniDocument;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The keys one profile section ends up with, computed up front as aws-sso-util does (reference
 * §3.3 steps 2-5, §3.4, §5.5) and then written in one {@link IniDocument#replaceAll}: existing
 * keys first (unless {@link ExistingConfigAction#DISCARD}), then the instance, account, role,
 * region and output, then {@code --config-default} keys, then {@code credential_process} and the
 * populate marker.
 *
 * <p>The instance takes one of two forms. Legacy (inline): {@code sso_start_url} and
 * {@code sso_region}, exactly as aws-sso-util writes them; an {@code sso_session} key the profile
 * had is removed. Session: {@code sso_session = NAME}; inline {@code sso_start_url} and
 * {@code sso_region} the profile had are removed, since the section now carries them (the AWS CLI
 * refuses a profile whose inline values disagree with its session).
 */
public final class ProfileKeys {
    public static final String AUTO_POPULATED = "sso_auto_populated";

    private ProfileKeys() {
    }

    /**
     * Where the profile's Identity Center instance is written.
     *
     * @param session the sso-session name for the session form, null for the legacy form
     */
    public record SsoForm(String startUrl, String region, String session) {
        public SsoForm {
            Objects.requireNonNull(startUrl, "startUrl");
            Objects.requireNonNull(region, "region");
        }

        public static SsoForm legacy(String startUrl, String region) {
            return new SsoForm(startUrl, region, null);
        }

        public static SsoForm session(String name, String startUrl, String region) {
            return new SsoForm(startUrl, region, Objects.requireNonNull(name, "name"));
        }

        public boolean isSession() {
            return session != null;
        }

        /** The keys a complete profile of this form has. */
        public List<String> requiredKeys() {
            return isSession() ? List.of("sso_session", "sso_account_id", "sso_role_name", "region")
                    : List.of("sso_start_url", "sso_region", "sso_account_id", "sso_role_name", "region");
        }
    }

    /**
     * A section's keys: flat values and nested blocks (such as {@code s3 =} with indented lines),
     * each in file order, lowercased as configparser stores them.
     */
    public record Keys(Map<String, String> flat, Map<String, Map<String, String>> nested) {
        public static final Keys NONE = new Keys(Map.of(), Map.of());

        public Keys {
            flat = Collections.unmodifiableMap(new LinkedHashMap<>(flat));
            nested = Collections.unmodifiableMap(new LinkedHashMap<>(nested));
        }

        /** The section's own keys (not those inherited from {@code [DEFAULT]}); none when it is missing. */
        public static Keys read(IniDocument doc, String section) {
            if (!doc.hasSection(section)) {
                return NONE;
            }
            Map<String, String> flat = new LinkedHashMap<>();
            Map<String, Map<String, String>> nested = new LinkedHashMap<>();
            for (String key : doc.keys(section)) {
                String value = doc.value(section, key).orElse("");
                if (value.startsWith("\n")) {
                    nested.put(key, parseNested(value));
                } else {
                    flat.put(key, value);
                }
            }
            return new Keys(flat, nested);
        }

        /** botocore's {@code _parse_nested}: {@code key = value} lines, blank lines skipped. */
        private static Map<String, String> parseNested(String value) {
            Map<String, String> out = new LinkedHashMap<>();
            for (String line : value.split("\n")) {
                int eq = line.indexOf('=');
                if (line.isBlank() || eq < 0) {
                    continue;
                }
                out.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
            }
            return out;
        }

        public boolean has(String key) {
            return flat.containsKey(key) || nested.containsKey(key);
        }

        /** The required keys this section lacks (or has empty). */
        public List<String> missing(List<String> required) {
            List<String> out = new ArrayList<>();
            for (String k : required) {
                String v = flat.get(k);
                if (v == null || v.isEmpty()) {
                    out.add(k);
                }
            }
            return out;
        }

        /** Same keys and values, whatever their order: writing it again would change nothing that matters. */
        public boolean sameAs(Keys other) {
            return flat.equals(other.flat) && nested.equals(other.nested);
        }
    }

    /**
     * What this run says about one profile. Null fields are not given.
     *
     * @param accountName       the raw account name (populate); written as {@code sso_account_name}
     *                          when it differs from the id
     * @param defaultRegion     applied only when neither {@code region} nor the profile has one
     *                          (aws-sso-util's {@code AWS_CONFIGURE_DEFAULT_REGION}/{@code AWS_DEFAULT_REGION})
     * @param configDefaults    {@code --config-default} pairs, in the order given
     * @param credentialProcess the {@code credential_process} value, or null to remove the key
     * @param autoPopulated     write {@code sso_auto_populated = true} (populate)
     */
    public record Request(SsoForm form, String accountName, String accountId, String roleName, String region,
            String defaultRegion, String output, Map<String, String> configDefaults, ExistingConfigAction action,
            String credentialProcess, boolean autoPopulated) {
        public Request {
            Objects.requireNonNull(form, "form");
            Objects.requireNonNull(action, "action");
            configDefaults = Collections.unmodifiableMap(new LinkedHashMap<>(configDefaults));
        }
    }

    /** The keys the profile gets, given the keys it has now. */
    public static Keys compute(Keys existing, Request r) {
        boolean discard = r.action() == ExistingConfigAction.DISCARD;
        LinkedHashMap<String, String> flat = discard ? new LinkedHashMap<>() : new LinkedHashMap<>(existing.flat());
        LinkedHashMap<String, Map<String, String>> nested = discard ? new LinkedHashMap<>()
                : new LinkedHashMap<>(existing.nested());
        SsoForm form = r.form();
        if (form.isSession()) {
            remove(flat, nested, "sso_start_url");
            remove(flat, nested, "sso_region");
            put(flat, nested, "sso_session", form.session());
        } else {
            remove(flat, nested, "sso_session");
            put(flat, nested, "sso_start_url", form.startUrl());
            put(flat, nested, "sso_region", form.region());
        }
        if (r.accountName() != null && r.accountId() != null && !r.accountName().isEmpty()
                && !r.accountName().equals(r.accountId())) {
            // informational only: a line break in a name from the portal must not fail the whole run, and
            // configparser strips values, so a stripped value is what reads back (no change on re-runs)
            put(flat, nested, "sso_account_name", r.accountName().replaceAll("[\\r\\n\\x00]", " ").strip());
        }
        putIfGiven(flat, nested, "sso_account_id", r.accountId());
        putIfGiven(flat, nested, "sso_role_name", r.roleName());
        if (r.region() != null) {
            put(flat, nested, "region", r.region());
        } else if (r.defaultRegion() != null && !flat.containsKey("region")) {
            put(flat, nested, "region", r.defaultRegion());
        }
        putIfGiven(flat, nested, "output", r.output());
        for (Map.Entry<String, String> e : r.configDefaults().entrySet()) {
            String key = e.getKey();
            boolean has = flat.containsKey(key) || nested.containsKey(key);
            if (has && r.action() == ExistingConfigAction.KEEP) {
                continue;
            }
            put(flat, nested, key, e.getValue());
        }
        if (r.credentialProcess() != null) {
            put(flat, nested, "credential_process", r.credentialProcess());
        } else {
            remove(flat, nested, "credential_process");
        }
        if (r.autoPopulated()) {
            put(flat, nested, AUTO_POPULATED, "true");
        }
        return new Keys(flat, nested);
    }

    private static void putIfGiven(Map<String, String> flat, Map<String, Map<String, String>> nested, String key,
            String value) {
        if (value != null) {
            put(flat, nested, key, value);
        }
    }

    private static void put(Map<String, String> flat, Map<String, Map<String, String>> nested, String key, String value) {
        nested.remove(key);
        flat.put(key, value);
    }

    private static void remove(Map<String, String> flat, Map<String, Map<String, String>> nested, String key) {
        flat.remove(key);
        nested.remove(key);
    }
}
