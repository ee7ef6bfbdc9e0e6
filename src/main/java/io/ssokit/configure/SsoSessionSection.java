package io.ssokit.configure;

import io.ssokit.ExitCodes;
import io.ssokit.SsokitException;
import io.ssokit.config.IniDocument;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code [sso-session NAME]} section that session-form profiles point at: written when
 * missing ({@code sso_start_url}, {@code sso_region}, {@code sso_registration_scopes =
 * sso:account:access}, the AWS CLI's defaults, which give refresh tokens), reused when it already
 * names the same instance. A section that names another instance is only changed with {@code
 * --existing-config-action overwrite} or {@code discard}: profiles of other tools may point at it.
 */
public final class SsoSessionSection {
    public static final String DEFAULT_SCOPES = "sso:account:access";

    /** What {@link #ensure} did (or would do). */
    public enum Change { CREATED, UPDATED, UNCHANGED }

    private SsoSessionSection() {
    }

    /** The start URL and region a section names, when it names both. */
    public record Target(String startUrl, String region) {
    }

    public static Optional<Target> read(IniDocument doc, String name) {
        String header = doc.ssoSessionHeader(name);
        if (!doc.hasSection(header)) {
            return Optional.empty();
        }
        Optional<String> url = doc.value(header, "sso_start_url");
        Optional<String> region = doc.value(header, "sso_region");
        return Optional.of(new Target(url.orElse(null), region.orElse(null)));
    }

    /**
     * Makes {@code [sso-session name]} name this instance.
     *
     * @throws SsokitException (usage) when it names another instance and the action is keep
     */
    public static Change ensure(IniDocument doc, String name, String startUrl, String region,
            ExistingConfigAction action) {
        String header = doc.ssoSessionHeader(name);
        if (!doc.hasSection(header)) {
            Map<String, String> values = new LinkedHashMap<>();
            values.put("sso_start_url", startUrl);
            values.put("sso_region", region);
            values.put("sso_registration_scopes", DEFAULT_SCOPES);
            doc.appendSection(header, values);
            return Change.CREATED;
        }
        String url = doc.value(header, "sso_start_url").orElse(null);
        String reg = doc.value(header, "sso_region").orElse(null);
        boolean scopes = doc.value(header, "sso_registration_scopes").isPresent();
        if (startUrl.equals(url) && region.equals(reg) && scopes) {
            return Change.UNCHANGED;
        }
        boolean conflict = (url != null && !url.equals(startUrl)) || (reg != null && !reg.equals(region));
        if (conflict && action == ExistingConfigAction.KEEP) {
            throw new SsokitException(ExitCodes.USAGE, "[sso-session " + name + "] is for " + url + " (" + reg
                    + "), not " + startUrl + " (" + region + "); choose another --sso-session name, or replace it with"
                    + " --existing-config-action overwrite (nothing was written)");
        }
        doc.set(header, "sso_start_url", startUrl);
        doc.set(header, "sso_region", region);
        if (!scopes) {
            doc.set(header, "sso_registration_scopes", DEFAULT_SCOPES);
        }
        return Change.UPDATED;
    }

    /** A new section as a dry run prints it. */
    public static String render(IniDocument doc, String name, String startUrl, String region) {
        return "[" + doc.ssoSessionHeader(name) + "]\nsso_start_url = " + startUrl + "\nsso_region = " + region
                + "\nsso_registration_scopes = " + DEFAULT_SCOPES + "\n";
    }
}
