package io.ssokit.configure;

import io.ssokit.config.AwsConfig;
import io.ssokit.config.IniDocument;
import io.ssokit.config.Profile;
import io.ssokit.config.Section;
import io.ssokit.naming.NamedProfile;
import io.ssokit.sso.PortalRole;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What one {@code configure populate} run does to the config file, worked out before anything is
 * written: each generated profile is added, changed or already up to date, and with {@code --prune}
 * stale auto-populated profiles are removed. {@link #apply} then edits the document in memory
 * (new sections in one splice); the caller saves it once, atomically.
 *
 * <p>Pruning removes a profile only when all of this holds: it is in the config file, carries
 * {@code sso_auto_populated = true}, belongs to the same instance (its {@code sso_start_url} and
 * {@code sso_region}, directly or through its {@code sso_session}), was not generated this run, and
 * its account and role are no longer in the listing. A profile whose account and role still exist
 * but whose name the current naming options no longer produce is kept and reported ({@link
 * #renamed}): removing it would silently break scripts that use the old name.
 */
public final class PopulatePlan {

    public enum Kind { ADD, CHANGE, UNCHANGED, REMOVE }

    /**
     * One profile section and what happens to it.
     *
     * @param before its keys now ({@link ProfileKeys.Keys#NONE} when it is new)
     * @param after  its keys afterwards (NONE when it is removed)
     */
    public record Entry(String name, String header, Kind kind, ProfileKeys.Keys before, ProfileKeys.Keys after) {
        /** The keys whose value differs, is new, or goes away. */
        public List<String> changedKeys() {
            List<String> out = new ArrayList<>();
            for (Map.Entry<String, String> e : after.flat().entrySet()) {
                if (!e.getValue().equals(before.flat().get(e.getKey()))) {
                    out.add(e.getKey());
                }
            }
            for (Map.Entry<String, Map<String, String>> e : after.nested().entrySet()) {
                if (!e.getValue().equals(before.nested().get(e.getKey()))) {
                    out.add(e.getKey());
                }
            }
            for (String k : before.flat().keySet()) {
                if (!after.has(k)) {
                    out.add("-" + k);
                }
            }
            for (String k : before.nested().keySet()) {
                if (!after.has(k)) {
                    out.add("-" + k);
                }
            }
            return out;
        }
    }

    /**
     * Settings for every generated profile.
     *
     * @param regions                 the regions asked for; a name's region index picks one
     * @param credentialProcessPrefix the command before {@code --profile}, or null to leave
     *                                {@code credential_process} out (and remove it)
     */
    public record Settings(ProfileKeys.SsoForm form, Map<String, String> configDefaults, ExistingConfigAction action,
            String credentialProcessPrefix, boolean prune) {
    }

    private final List<Entry> entries;
    private final List<String> renamed;
    private final SsoSessionSection.Change session;
    private final Settings settings;

    private PopulatePlan(List<Entry> entries, List<String> renamed, SsoSessionSection.Change session, Settings settings) {
        this.entries = entries;
        this.renamed = renamed;
        this.session = session;
        this.settings = settings;
    }

    /**
     * @param doc    the config file as it is now
     * @param named  the generated profiles, sorted by name (as {@code ProfileNamer.nameAll} returns them)
     * @param listed every (account, role) the portal listed
     * @param session what {@link SsoSessionSection#ensure} did to the document already (null in the
     *                legacy form): the section is settled first, so that a conflict stops the run
     *                before it logs in
     */
    public static PopulatePlan of(IniDocument doc, List<NamedProfile> named, List<PortalRole> listed, Settings s,
            SsoSessionSection.Change session) {
        List<Entry> entries = new ArrayList<>();
        Set<String> generated = new HashSet<>();
        for (NamedProfile p : named) {
            generated.add(p.name());
            String header = doc.profileHeader(p.name());
            ProfileKeys.Keys before = ProfileKeys.Keys.read(doc, header);
            String credentialProcess = s.credentialProcessPrefix() == null ? null
                    : CredentialProcessLine.of(s.credentialProcessPrefix(), p.name());
            ProfileKeys.Keys after = ProfileKeys.compute(before, new ProfileKeys.Request(s.form(),
                    p.input().accountName(), p.input().accountId(), p.input().roleName(), p.input().region(), null, null,
                    s.configDefaults(), s.action(), credentialProcess, true));
            Kind kind = !doc.hasSection(header) ? Kind.ADD : after.sameAs(before) ? Kind.UNCHANGED : Kind.CHANGE;
            entries.add(new Entry(p.name(), header, kind, before, after));
        }
        List<String> renamed = new ArrayList<>();
        Set<String> pairs = new HashSet<>();
        for (PortalRole r : listed) {
            pairs.add(r.accountId() + "\t" + r.roleName());
        }
        AwsConfig config = AwsConfig.of(doc, IniDocument.empty(doc.origin()));
        for (String name : config.profileNames()) {
            Profile profile = config.profile(name).orElseThrow();
            if (generated.contains(name) || !isAutoPopulated(profile) || !sameInstance(config, profile, s.form())) {
                continue;
            }
            String pair = profile.get("sso_account_id").orElse("") + "\t" + profile.get("sso_role_name").orElse("");
            if (pairs.contains(pair)) {
                renamed.add(name);
            } else if (s.prune()) {
                String header = doc.profileHeader(name);
                entries.add(new Entry(name, header, Kind.REMOVE, ProfileKeys.Keys.read(doc, header), ProfileKeys.Keys.NONE));
            }
        }
        return new PopulatePlan(List.copyOf(entries), List.copyOf(renamed), session, s);
    }

    static boolean isAutoPopulated(Profile p) {
        return p.get(ProfileKeys.AUTO_POPULATED).map(v -> v.equalsIgnoreCase("true")).orElse(false);
    }

    private static boolean sameInstance(AwsConfig config, Profile p, ProfileKeys.SsoForm form) {
        String url;
        String region;
        Optional<String> session = p.get("sso_session");
        if (session.isPresent()) {
            Optional<Section> section = config.ssoSession(session.get());
            url = section.flatMap(x -> x.get("sso_start_url")).orElse(null);
            region = section.flatMap(x -> x.get("sso_region")).orElse(null);
        } else {
            url = p.get("sso_start_url").orElse(null);
            region = p.get("sso_region").orElse(null);
        }
        return form.startUrl().equals(url) && form.region().equals(region);
    }

    public List<Entry> entries() {
        return entries;
    }

    public List<Entry> entries(Kind kind) {
        return entries.stream().filter(e -> e.kind() == kind).toList();
    }

    /** Auto-populated profiles of this instance whose account and role exist but were not generated. */
    public List<String> renamed() {
        return renamed;
    }

    /** What happens to the sso-session section; null in the legacy form. */
    public SsoSessionSection.Change session() {
        return session;
    }

    /** Whether applying the plan changes the file. */
    public boolean changesAnything() {
        return (session != null && session != SsoSessionSection.Change.UNCHANGED)
                || entries.stream().anyMatch(e -> e.kind() != Kind.UNCHANGED);
    }

    /** Edits the document: changed profiles, removals, then the new ones in one splice. */
    public void apply(IniDocument doc) {
        Map<String, Map<String, String>> added = new LinkedHashMap<>();
        for (Entry e : entries) {
            switch (e.kind()) {
                case ADD -> {
                    if (e.after().nested().isEmpty()) {
                        added.put(e.header(), e.after().flat());
                    } else {
                        doc.replaceAll(e.header(), e.after().flat(), e.after().nested());
                    }
                }
                case CHANGE -> doc.replaceAll(e.header(), e.after().flat(), e.after().nested());
                case REMOVE -> doc.removeSection(e.header());
                case UNCHANGED -> { }
                default -> throw new IllegalStateException(e.kind().toString());
            }
        }
        doc.appendSections(added);
    }

    /**
     * The dry run's stdout, in aws-sso-util's format: each generated profile as a section with
     * every key it would have, then an empty line; a new sso-session section first.
     */
    public String renderIni(IniDocument doc) {
        StringBuilder b = new StringBuilder();
        if (session == SsoSessionSection.Change.CREATED || session == SsoSessionSection.Change.UPDATED) {
            b.append(SsoSessionSection.render(doc, settings.form().session(), settings.form().startUrl(),
                    settings.form().region())).append('\n');
        }
        for (Entry e : entries) {
            if (e.kind() == Kind.REMOVE) {
                continue;
            }
            b.append('[').append(e.header()).append("]\n");
            for (Map.Entry<String, String> kv : e.after().flat().entrySet()) {
                b.append(kv.getKey()).append(" = ").append(kv.getValue()).append('\n');
            }
            for (Map.Entry<String, Map<String, String>> kv : e.after().nested().entrySet()) {
                b.append(kv.getKey()).append(" =\n");
                for (Map.Entry<String, String> sub : kv.getValue().entrySet()) {
                    b.append("  ").append(sub.getKey()).append(" = ").append(sub.getValue()).append('\n');
                }
            }
            b.append('\n');
        }
        return b.toString();
    }

    /** The diff-like listing: {@code +} added, {@code ~} changed (with its keys), {@code -} removed. */
    public List<String> diffLines() {
        List<String> out = new ArrayList<>();
        if (session == SsoSessionSection.Change.CREATED) {
            out.add("+ [sso-session " + settings.form().session() + "]");
        } else if (session == SsoSessionSection.Change.UPDATED) {
            out.add("~ [sso-session " + settings.form().session() + "] (sso_start_url, sso_region)");
        }
        for (Entry e : entries) {
            switch (e.kind()) {
                case ADD -> out.add("+ [" + e.header() + "]");
                case CHANGE -> out.add("~ [" + e.header() + "] (" + String.join(", ", e.changedKeys()) + ")");
                case REMOVE -> out.add("- [" + e.header() + "]");
                default -> { }
            }
        }
        return out;
    }

    /** {@code 3 added, 1 changed, 10 unchanged, 2 removed}. */
    public String counts() {
        return entries(Kind.ADD).size() + " added, " + entries(Kind.CHANGE).size() + " changed, "
                + entries(Kind.UNCHANGED).size() + " unchanged, " + entries(Kind.REMOVE).size() + " removed";
    }
}
