package io.ssokit.cli;

import io.ssokit.ExitCodes;
import io.ssokit.SsokitException;
import io.ssokit.config.AwsConfig;
import io.ssokit.config.IniDocument;
import io.ssokit.configure.ProfileKeys.SsoForm;
import io.ssokit.configure.SsoSessionSection;
import io.ssokit.sso.Instance;
import io.ssokit.sso.InstanceResolver;
import io.ssokit.sso.LoginRequiredException;
import io.ssokit.sso.RegistrationCache;
import io.ssokit.sso.SsoToken;
import io.ssokit.sso.SsoTokens;
import io.ssokit.sso.TokenSource.Mode;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/** What {@code configure profile} and {@code configure populate} share: the instance, the token, the terminal. */
final class ConfigureSupport {
    private ConfigureSupport() {
    }

    /**
     * The instance to log in to and the form the profiles take.
     *
     * @param instance   what to log in to: for the session form the sso-session instance (its token
     *                   has a refresh token and is what the profiles will use)
     * @param newSession the session form's section is not in the config file yet, so {@code ssokit
     *                   login --sso-session NAME} cannot sign in to it before this run writes it
     */
    record Target(Instance instance, SsoForm form, boolean newSession) {
        Target(Instance instance, SsoForm form) {
            this(instance, form, false);
        }
    }

    /**
     * Resolves the instance. With {@code --sso-session NAME} and an existing section, the section
     * gives the start URL and region unless {@code -u} (a full URL) or {@code --sso-region} say
     * otherwise; without a section, or without {@code --sso-session}, aws-sso-util's configure
     * rules apply (command line, the configure and generic variables, the only instance configured).
     *
     * @param fallback the instance to use when nothing on the command line names one (the existing
     *                 profile's own), or null
     */
    static Target resolve(Ctx ctx, AwsConfig config, IniDocument doc, ConfigureOptions o, SsoForm fallback) {
        if (o.ssoSession != null) {
            Optional<SsoSessionSection.Target> section = SsoSessionSection.read(doc, o.ssoSession);
            String url;
            String region;
            if (section.isPresent() && section.get().startUrl() != null && section.get().region() != null) {
                if (o.startUrl != null && !o.startUrl.startsWith("http")) {
                    throw new SsokitException(ExitCodes.USAGE, "with --sso-session, --sso-start-url must be a full"
                            + " https:// start URL, not a pattern");
                }
                url = o.startUrl != null ? o.startUrl : section.get().startUrl();
                region = o.ssoRegion != null ? o.ssoRegion : section.get().region();
            } else {
                Instance i = resolveLegacy(ctx, config, o);
                url = i.startUrl();
                region = i.region();
            }
            List<String> scopes = config.ssoSession(o.ssoSession).flatMap(s -> s.get("sso_registration_scopes"))
                    .map(RegistrationCache::parseScopes).orElse(List.of(SsoSessionSection.DEFAULT_SCOPES));
            return new Target(Instance.session(o.ssoSession, url, region, scopes), SsoForm.session(o.ssoSession, url, region),
                    section.isEmpty());
        }
        if (fallback != null && !o.namesInstance()) {
            if (fallback.isSession()) {
                List<String> scopes = config.ssoSession(fallback.session()).flatMap(s -> s.get("sso_registration_scopes"))
                        .map(RegistrationCache::parseScopes).orElse(null);
                return new Target(Instance.session(fallback.session(), fallback.startUrl(), fallback.region(), scopes),
                        fallback);
            }
            return new Target(Instance.legacy(fallback.startUrl(), fallback.region()), fallback);
        }
        Instance i = resolveLegacy(ctx, config, o);
        return new Target(i, SsoForm.legacy(i.startUrl(), i.region()));
    }

    private static Instance resolveLegacy(Ctx ctx, AwsConfig config, ConfigureOptions o) {
        return new InstanceResolver(ctx.env(), config, ctx.log()).resolve(new InstanceResolver.Request(o.startUrl,
                o.ssoRegion, null, null, InstanceResolver.Vars.CONFIGURE)).instance();
    }

    /** A token for the instance: logging in when needed and a terminal is there, never otherwise. */
    static SsoToken token(Ctx ctx, Target target, boolean forceRefresh) {
        Instance instance = target.instance();
        boolean interactive = RolesCommand.interactive();
        try {
            if (forceRefresh && !interactive) {
                throw new LoginRequiredException(instance, "--force-refresh logs in, which needs a terminal (stdin and"
                        + " stderr)", LoginRequiredException.hint(instance, null) + " --force-refresh");
            }
            Mode mode = forceRefresh ? Mode.FORCE_LOGIN : interactive ? Mode.INTERACTIVE : Mode.NON_INTERACTIVE;
            return SsoTokens.create(ctx.env(), ctx.log()).token(instance, mode);
        } catch (LoginRequiredException e) {
            if (!target.newSession()) {
                throw e;
            }
            // the usual hint, 'ssokit login --sso-session NAME', needs the section this run would write
            throw new SsokitException(ExitCodes.ERROR, "no usable token for the new [sso-session "
                    + instance.sessionName() + "] (" + instance.startUrl() + ", " + instance.region() + "); run this"
                    + " command in a terminal, where it signs in (nothing was written)");
        }
    }

    /** The user's terminal: keys from stdin, drawing on stderr; stdout stays free for the product. */
    static Terminal terminal(String instead) throws IOException {
        Terminal t = TerminalBuilder.builder().system(true).systemOutput(TerminalBuilder.SystemOutput.SysErr)
                .dumb(true).build();
        if (t.getType() == null || t.getType().startsWith(Terminal.TYPE_DUMB)) {
            t.close();
            throw new SsokitException(ExitCodes.USAGE, "choosing needs a terminal (stdin and stderr); " + instead);
        }
        return t;
    }
}
