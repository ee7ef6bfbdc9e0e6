package io.ssokit.sso;

import io.ssokit.Env;
import io.ssokit.ExitCodes;
import io.ssokit.Log;
import io.ssokit.SsokitException;
import io.ssokit.config.AwsConfig;
import io.ssokit.config.Profile;
import io.ssokit.config.Section;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Chooses the Identity Center instance a command works on, with aws-sso-util's rules
 * (reference §2): command-line values, then the command's own environment variables, then
 * {@code AWS_DEFAULT_SSO_START_URL}/{@code AWS_DEFAULT_SSO_REGION}; a full {@code http...} URL
 * with a region is used as given; anything else is matched (unanchored regex) against the
 * instances in the config file. Past aws-sso-util, {@code [sso-session]} sections are instances
 * too, {@code --sso-session NAME} picks one, and profiles with {@code sso_session} resolve
 * through it. Where an sso-session and legacy profiles share a start URL, the session stands for
 * both (its login also serves the legacy token file; see the login service).
 */
public final class InstanceResolver {

    /** The environment-variable families of §2.2. */
    public enum Vars {
        DEFAULT(new String[0], new String[0]),
        LOGIN(new String[] {"AWS_SSO_LOGIN_DEFAULT_SSO_START_URL", "AWS_LOGIN_SSO_DEFAULT_SSO_START_URL"},
                new String[] {"AWS_SSO_LOGIN_DEFAULT_SSO_REGION", "AWS_LOGIN_DEFAULT_SSO_REGION"}),
        CONFIGURE(new String[] {"AWS_CONFIGURE_SSO_DEFAULT_SSO_START_URL", "AWS_SSO_CONFIGURE_DEFAULT_SSO_START_URL",
                    "AWS_CONFIGURE_DEFAULT_SSO_START_URL"},
                new String[] {"AWS_CONFIGURE_SSO_DEFAULT_SSO_REGION", "AWS_SSO_CONFIGURE_DEFAULT_SSO_REGION",
                    "AWS_CONFIGURE_DEFAULT_SSO_REGION"});

        final String[] urlVars;
        final String[] regionVars;

        Vars(String[] urlVars, String[] regionVars) {
            this.urlVars = urlVars;
            this.regionVars = regionVars;
        }
    }

    /** Why resolution failed; commands map these to their exit codes (check: 101/102/103). */
    public enum Failure { NONE_CONFIGURED, NO_MATCH, MULTIPLE, BAD_SELECTION }

    public static final class ResolutionException extends SsokitException {
        private static final long serialVersionUID = 1L;
        private final Failure failure;

        ResolutionException(Failure failure, String message) {
            super(failure == Failure.BAD_SELECTION ? ExitCodes.USAGE : ExitCodes.ERROR, message);
            this.failure = failure;
        }

        public Failure failure() {
            return failure;
        }
    }

    /**
     * What the user asked for. All fields may be null.
     *
     * @param profile {@code --profile}: take the instance from this profile
     * @param ssoSession {@code --sso-session}: take the instance from this section
     */
    public record Request(String startUrl, String region, String profile, String ssoSession, Vars vars) {
        public static Request of(String startUrl, String region, Vars vars) {
            return new Request(startUrl, region, null, null, vars);
        }
    }

    /**
     * The chosen instance and where it came from (for {@code check --instance-details}).
     *
     * @param candidates every instance found in the config file, sorted
     */
    public record Resolution(Instance instance, String urlSource, String regionSource, List<Instance> candidates) {
    }

    private final Env env;
    private final AwsConfig config;
    private final Log log;

    public InstanceResolver(Env env, AwsConfig config, Log log) {
        this.env = env;
        this.config = config;
        this.log = log;
    }

    public Resolution resolve(Request req) {
        if (req.profile() != null) {
            return fromProfile(req);
        }
        if (req.ssoSession() != null) {
            return new Resolution(fromSession(req.ssoSession()), "--sso-session", "--sso-session", configured());
        }
        Specifier spec = specifier(req);
        if (spec.url != null && spec.url.startsWith("http") && spec.region != null) {
            // A full URL with a region needs no config file; but when an sso-session describes
            // exactly this instance, use it so that the login gets a refresh token.
            Instance direct = Instance.legacy(spec.url, spec.region);
            for (Instance i : configured()) {
                if (i.isSession() && i.sameUrlAndRegion(direct)) {
                    return new Resolution(i, spec.urlSource, spec.regionSource, configured());
                }
            }
            return new Resolution(direct, spec.urlSource, spec.regionSource, configured());
        }
        List<Instance> all = configured();
        if (all.isEmpty()) {
            throw new ResolutionException(Failure.NONE_CONFIGURED,
                    "no Identity Center instance found: give a start URL and region (ssokit login URL REGION), "
                            + "set AWS_DEFAULT_SSO_START_URL and AWS_DEFAULT_SSO_REGION, or configure a profile or sso-session");
        }
        if (spec.url == null && spec.region == null) {
            return single(all, all, null, "config file", "config file");
        }
        Pattern urlPattern = null;
        if (spec.url != null && !spec.url.startsWith("http")) {
            try {
                urlPattern = Pattern.compile(spec.url);
            } catch (PatternSyntaxException e) {
                throw new ResolutionException(Failure.BAD_SELECTION, "invalid start URL pattern '" + spec.url
                        + "' (from " + spec.urlSource + "): " + e.getDescription());
            }
        }
        List<Instance> matches = new ArrayList<>();
        for (Instance i : all) {
            boolean urlOk = spec.url == null
                    || (urlPattern == null ? i.startUrl().equals(spec.url) : urlPattern.matcher(i.startUrl()).find());
            if (!urlOk) {
                continue;
            }
            if (spec.region != null && !spec.region.equals(i.region())) {
                log.warn("instance " + i.describe() + " matches the start URL but not the region " + spec.region);
                continue;
            }
            matches.add(i);
        }
        return single(matches, all, spec.describe(), spec.urlSource, spec.regionSource);
    }

    /**
     * {@code login --all}: the environment's specifier first (if it names a full instance), then
     * every configured instance not equal to it.
     */
    public List<Instance> all(Vars vars) {
        List<Instance> out = new ArrayList<>();
        Specifier spec = specifier(new Request(null, null, null, null, vars));
        Instance first = null;
        if (spec.url != null && spec.url.startsWith("http") && spec.region != null) {
            first = Instance.legacy(spec.url, spec.region);
        } else if (spec.url != null || spec.region != null) {
            log.warn("ignoring the partial instance from the environment (" + spec.describe()
                    + "): --all needs both a full start URL and a region there");
        }
        List<Instance> configured = configured();
        if (first != null) {
            Instance f = first;
            first = configured.stream().filter(i -> i.isSession() && i.sameUrlAndRegion(f)).findFirst().orElse(f);
            out.add(first);
        }
        for (Instance i : configured) {
            if (first == null || !(i.sameUrlAndRegion(first) && java.util.Objects.equals(i.sessionName(), first.sessionName()))) {
                out.add(i);
            }
        }
        return out;
    }

    /**
     * Every instance in the config: each {@code [sso-session]} section with a URL and a region,
     * and each distinct legacy start URL of a profile (first occurrence wins; a different region
     * for the same URL is warned about). A legacy URL that an sso-session already covers is not
     * listed again. Sorted by start URL, then session name.
     */
    public List<Instance> configured() {
        List<Instance> sessions = new ArrayList<>();
        for (String name : config.ssoSessionNames()) {
            Section s = config.ssoSession(name).orElseThrow();
            Optional<String> url = s.get("sso_start_url");
            Optional<String> region = s.get("sso_region");
            if (url.isPresent() && region.isPresent()) {
                sessions.add(Instance.session(name, url.get(), region.get(),
                        RegistrationCache.parseScopes(s.get("sso_registration_scopes").orElse(null))));
            }
        }
        Map<String, Instance> legacy = new LinkedHashMap<>();
        for (String name : config.profileNames()) {
            Profile p = config.profile(name).orElseThrow();
            if (p.get("sso_session").isPresent()) {
                continue;
            }
            Optional<String> url = p.get("sso_start_url");
            Optional<String> region = p.get("sso_region");
            if (url.isEmpty() || region.isEmpty()) {
                continue;
            }
            Instance seen = legacy.get(url.get());
            if (seen == null) {
                legacy.put(url.get(), Instance.legacy(url.get(), region.get()));
            } else if (!seen.region().equals(region.get())) {
                log.warn("region mismatch for " + url.get() + ": profile '" + name + "' says " + region.get()
                        + ", an earlier profile says " + seen.region() + "; using " + seen.region());
            }
        }
        List<Instance> out = new ArrayList<>(sessions);
        for (Instance l : legacy.values()) {
            if (sessions.stream().noneMatch(s -> s.sameUrlAndRegion(l))) {
                out.add(l);
            }
        }
        out.sort(Comparator.comparing(Instance::startUrl)
                .thenComparing(i -> i.sessionName() == null ? "" : i.sessionName()));
        return out;
    }

    private Resolution fromProfile(Request req) {
        Profile p = config.profile(req.profile()).orElseThrow(() -> new ResolutionException(Failure.NO_MATCH,
                "profile '" + req.profile() + "' does not exist in the config file"));
        SsoProfile sp;
        try {
            sp = SsoProfile.of(config, p).orElseThrow(() -> new ResolutionException(Failure.NO_MATCH,
                    "profile '" + req.profile() + "' has no Identity Center settings (sso_session, or sso_start_url and sso_region)"));
        } catch (ResolutionException e) {
            throw e;
        } catch (SsokitException e) {
            throw new ResolutionException(Failure.NO_MATCH, e.getMessage());
        }
        Instance i = sp.instance();
        if ((req.startUrl() != null && !req.startUrl().equals(i.startUrl()))
                || (req.region() != null && !req.region().equals(i.region()))) {
            log.warn("using the instance of profile '" + req.profile() + "' (" + i.describe()
                    + "), not the start URL/region given on the command line");
        }
        String src = "profile " + req.profile();
        return new Resolution(i, src, src, configured());
    }

    private Instance fromSession(String name) {
        Section s = config.ssoSession(name).orElseThrow(() -> new ResolutionException(Failure.NO_MATCH,
                "no [sso-session " + name + "] section in the config file"
                        + (config.ssoSessionNames().isEmpty() ? "" : " (found: " + String.join(", ", config.ssoSessionNames()) + ")")));
        String url = s.get("sso_start_url").orElse(null);
        String region = s.get("sso_region").orElse(null);
        if (url == null || region == null) {
            throw new ResolutionException(Failure.NO_MATCH, "[sso-session " + name + "] needs both sso_start_url and sso_region");
        }
        return Instance.session(name, url, region, RegistrationCache.parseScopes(s.get("sso_registration_scopes").orElse(null)));
    }

    private Resolution single(List<Instance> matches, List<Instance> all, String spec, String urlSource, String regionSource) {
        if (matches.size() == 1) {
            return new Resolution(matches.get(0), urlSource, regionSource, all);
        }
        if (matches.isEmpty()) {
            throw new ResolutionException(Failure.NO_MATCH, "no instance matched " + spec + " among: " + list(all));
        }
        throw new ResolutionException(Failure.MULTIPLE, "found " + matches.size() + " instances, please specify one"
                + " (a start URL or pattern and a region, --sso-session or --profile): " + list(matches));
    }

    private static String list(List<Instance> instances) {
        List<String> d = new ArrayList<>();
        for (Instance i : instances) {
            d.add(i.describe());
        }
        return String.join("; ", d);
    }

    private record Specifier(String url, String urlSource, String region, String regionSource) {
        String describe() {
            List<String> parts = new ArrayList<>();
            if (url != null) {
                parts.add("start URL '" + url + "' (from " + urlSource + ")");
            }
            if (region != null) {
                parts.add("region " + region + " (from " + regionSource + ")");
            }
            return String.join(" and ", parts);
        }
    }

    private Specifier specifier(Request req) {
        String url = req.startUrl();
        String region = req.region();
        String urlSource = url == null ? null : "command line";
        String regionSource = region == null ? null : "command line";
        if (url == null && region == null && req.vars() != null) {
            String[] hit = firstSet(req.vars().urlVars);
            if (hit != null) {
                url = hit[1];
                urlSource = hit[0];
            }
            hit = firstSet(req.vars().regionVars);
            if (hit != null) {
                region = hit[1];
                regionSource = hit[0];
            }
        }
        if (url == null && region == null) {
            url = env.get("AWS_DEFAULT_SSO_START_URL");
            urlSource = url == null ? null : "AWS_DEFAULT_SSO_START_URL";
            region = env.get("AWS_DEFAULT_SSO_REGION");
            regionSource = region == null ? null : "AWS_DEFAULT_SSO_REGION";
        }
        return new Specifier(url, urlSource, region, regionSource);
    }

    private String[] firstSet(String[] names) {
        for (String n : names) {
            String v = env.get(n);
            if (v != null) {
                return new String[] {n, v};
            }
        }
        return null;
    }
}
