package io.ssokit.cli;

import io.ssokit.ExitCodes;
import io.ssokit.SsokitException;
import io.ssokit.Version;
import io.ssokit.aws.AwsClients;
import io.ssokit.config.AwsConfig;
import io.ssokit.json.CacheFileException;
import io.ssokit.json.Timestamps;
import io.ssokit.sso.Instance;
import io.ssokit.sso.InstanceResolver;
import io.ssokit.sso.InstanceResolver.Resolution;
import io.ssokit.sso.InstanceResolver.ResolutionException;
import io.ssokit.sso.LoginRequiredException;
import io.ssokit.sso.Portal;
import io.ssokit.sso.PortalAccount;
import io.ssokit.sso.PortalRole;
import io.ssokit.sso.SsoProfile;
import io.ssokit.sso.SsoToken;
import io.ssokit.sso.SsoTokens;
import io.ssokit.sso.TokenCache;
import io.ssokit.sso.TokenSource.Mode;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ssokit check}: diagnoses the instance, the cached token and access to an account or role,
 * with aws-sso-util's exit codes (reference §3.7). It reads the token cache and never writes it:
 * no login and no refresh, except that {@code --force-refresh} logs in for real.
 */
@Command(name = "check",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Check the Identity Center setup step by step: which instance is used, whether its cached token is"
                    + " valid (without logging in or refreshing it), and whether you can reach an account or role.",
            "",
            "Every line goes to stderr (aws-sso-util prints its info lines on stdout); the exit code says what failed,"
                    + " and the last line says why."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:everything checked is fine",
            "1:the portal could not be reached or failed",
            "2:bad usage, or --check-profile names a profile without all four Identity Center settings",
            "101:no Identity Center instance is configured",
            "102:no instance matches the start URL/region given",
            "103:several instances match; specify one",
            "201:token problem: none cached, no expiry, expires within 15 minutes, unreadable or insecure cache file,"
                    + " rejected by the portal, or the --force-refresh login failed",
            "202:the account is not accessible (or has no roles for you)",
            "203:the role is in none of your accounts",
            "204:the role is not in that account"})
public final class CheckCommand extends BaseCommand {
    public static final int NO_INSTANCE = 101;
    public static final int NO_MATCHING_INSTANCE = 102;
    public static final int SEVERAL_INSTANCES = 103;
    public static final int TOKEN_PROBLEM = 201;
    public static final int NO_ACCOUNT_ACCESS = 202;
    public static final int ROLE_IN_NO_ACCOUNT = 203;
    public static final int ROLE_NOT_IN_ACCOUNT = 204;

    @Option(names = {"-u", "--sso-start-url"}, paramLabel = "URL",
            description = "Start URL of the instance: a full https:// URL, or a regular expression matched against the"
                    + " instances in the config file.")
    String startUrl;

    @Option(names = "--sso-region", paramLabel = "REGION", description = "Region of the Identity Center instance.")
    String region;

    @Option(names = "--sso-session", paramLabel = "NAME", description = "Check the instance of this [sso-session NAME] section.")
    String ssoSession;

    @Option(names = {"-a", "--account-id"}, paramLabel = "ACCOUNT",
            description = "Check access to this account: its 12-digit id or its exact name.")
    String account;

    @Option(names = "--account", hidden = true, paramLabel = "ACCOUNT", description = "Alias of --account-id.")
    String accountAlias;

    @Option(names = {"-r", "--role-name"}, paramLabel = "ROLE",
            description = "Check access to this role (in the account given, else in any account).")
    String roleName;

    @Option(names = "--check-profile", paramLabel = "PROFILE",
            description = "Take the start URL, region, account and role from this profile (it must have all four);"
                    + " not with -u, --sso-region, --sso-session, -a or -r.")
    String checkProfile;

    @Option(names = "--command", paramLabel = "COMMAND",
            description = "Resolve the instance as this command would: default, configure or login (which environment"
                    + " variables are read; default: default).")
    InstanceResolver.Vars command = InstanceResolver.Vars.DEFAULT;

    @Option(names = "--instance-details", negatable = true,
            description = "Print where the start URL and region came from and every configured instance (default: on"
                    + " when neither an account nor a role is checked).")
    Boolean instanceDetails;

    @Option(names = "--skip-token-check", description = "Stop after the instance check (not with -a, -r or --force-refresh).")
    boolean skipTokenCheck;

    @Option(names = "--force-refresh", description = "Log in for real (interactively) instead of inspecting the cached token.")
    boolean forceRefresh;

    @Option(names = {"-q", "--quiet"}, description = "Print nothing at all; only the exit code tells.")
    boolean quiet;

    private final Clock clock = Clock.systemUTC();

    @Override
    protected int run() {
        if (quiet) {
            ctx.log().setLevel(-1);
        }
        AwsClients.configureSdkLogging(quiet ? 0 : verbosity.level());
        try {
            return check();
        } catch (SsokitException e) {
            if (quiet) {
                return e.exitCode();
            }
            throw e;
        }
    }

    private int check() {
        say("ssokit: v" + Version.get() + "; time: " + Timestamps.format(clock.instant()));
        if (accountAlias != null) {
            if (account != null && !account.equals(accountAlias)) {
                throw usage("give the account once (--account-id or --account)");
            }
            account = accountAlias;
        }
        if (skipTokenCheck && (account != null || roleName != null)) {
            throw usage("--skip-token-check cannot be combined with --account-id or --role-name");
        }
        if (skipTokenCheck && forceRefresh) {
            throw usage("--skip-token-check cannot be combined with --force-refresh");
        }
        if (checkProfile != null && (startUrl != null || region != null || ssoSession != null || account != null
                || roleName != null)) {
            throw usage("--check-profile cannot be combined with --sso-start-url, --sso-region, --sso-session,"
                    + " --account-id or --role-name");
        }

        AwsConfig config = AwsConfig.load(ctx.env());
        InstanceResolver resolver = new InstanceResolver(ctx.env(), config, ctx.log());
        Resolution resolution;
        if (checkProfile != null) {
            SsoProfile sp = SsoProfile.require(config, checkProfile);
            account = sp.accountId();
            roleName = sp.roleName();
            Instance i = sp.instance();
            say("Configuration for profile " + checkProfile + ":");
            if (i.isSession()) {
                say("SSO session: " + i.sessionName());
            }
            say("Start URL:  " + i.startUrl());
            say("Region:     " + i.region());
            say("Account ID: " + account);
            say("Role name:  " + roleName);
            String source = "profile " + checkProfile;
            resolution = new Resolution(i, source, source, resolver.configured());
        } else {
            try {
                resolution = resolver.resolve(new InstanceResolver.Request(startUrl, region, null, ssoSession, command));
            } catch (ResolutionException e) {
                int code = switch (e.failure()) {
                    case NONE_CONFIGURED -> NO_INSTANCE;
                    case NO_MATCH -> NO_MATCHING_INSTANCE;
                    case MULTIPLE -> SEVERAL_INSTANCES;
                    case BAD_SELECTION -> ExitCodes.USAGE;
                };
                throw new SsokitException(code, e.getMessage(), e);
            }
        }
        Instance instance = resolution.instance();
        boolean details = instanceDetails != null ? instanceDetails : account == null && roleName == null;
        say("Identity Center instance: " + instance.describe());
        if (details) {
            // a source is null when the value came from the matching instance in the config file
            say("  start URL from " + orConfigFile(resolution.urlSource()) + "; region from "
                    + orConfigFile(resolution.regionSource()));
            List<Instance> all = resolution.candidates();
            say("  instances in the config file: " + (all.isEmpty() ? "none" : all.size()));
            for (Instance i : all) {
                say("    " + i.describe());
            }
        }
        if (skipTokenCheck) {
            say("OK: instance found (token check skipped)");
            return ExitCodes.OK;
        }

        SsoToken token = forceRefresh ? login(instance) : cachedToken(instance);
        say("Token: valid until " + Timestamps.format(token.expiresAt())
                + (token.receivedAt() == null ? "" : " (cached at " + Timestamps.format(token.receivedAt()) + ")"));

        try (AwsClients clients = new AwsClients(ctx.env());
                Portal portal = Portal.open(clients, instance, token, Portal.Settings.from(ctx.env()), ctx.log())) {
            return access(portal, instance);
        } catch (LoginRequiredException e) {
            throw new SsokitException(TOKEN_PROBLEM, e.getMessage()
                    + " (the token cache's expiry may be out of sync with the portal)", e);
        }
    }

    private int access(Portal portal, Instance instance) {
        if (account == null && roleName == null) {
            say("Using the token (one ListAccounts call)...");
            portal.probe();
            say("OK: the portal accepts the token");
            return ExitCodes.OK;
        }
        if (account == null) {
            Map<String, String> found = new LinkedHashMap<>();
            for (PortalRole r : portal.roles(a -> true, null)) {
                if (r.roleName().equals(roleName)) {
                    found.putIfAbsent(r.accountId(), r.accountName());
                }
            }
            if (found.isEmpty()) {
                throw new SsokitException(ROLE_IN_NO_ACCOUNT, "no access to role " + roleName + " in any account of "
                        + instance.describe());
            }
            List<String> where = new ArrayList<>();
            found.forEach((id, name) -> where.add(id + " (" + name + ")"));
            say("OK: access found for " + roleName + " in " + String.join(", ", where));
            return ExitCodes.OK;
        }
        PortalAccount match = null;
        for (PortalAccount a : portal.accounts()) {
            if (a.id().equals(account) || a.name().equals(account)) {
                match = a;
                break;
            }
        }
        if (match == null) {
            throw new SsokitException(NO_ACCOUNT_ACCESS, "no access to account " + account + ": it is not among the"
                    + " accounts you can reach in " + instance.describe() + " (by id or exact name)");
        }
        ctx.log().debug("found account " + match.id() + " (" + match.name() + ")");
        Optional<List<String>> roles = portal.rolesOf(match.id());
        String label = match.id() + " (" + match.name() + ")";
        if (roles.isEmpty() || roles.get().isEmpty()) {
            throw new SsokitException(NO_ACCOUNT_ACCESS, "no access to account " + label + ": you have no roles in it");
        }
        if (roleName == null) {
            say("OK: access found for account " + label + ": " + String.join(", ", roles.get()));
            return ExitCodes.OK;
        }
        if (!roles.get().contains(roleName)) {
            throw new SsokitException(ROLE_NOT_IN_ACCOUNT, "no access to role " + roleName + " in account " + label
                    + "; your roles there: " + String.join(", ", roles.get()));
        }
        say("OK: access found for " + roleName + " in account " + label);
        return ExitCodes.OK;
    }

    /** --force-refresh: a real login, which needs a terminal. */
    private SsoToken login(Instance instance) {
        if (!RolesCommand.interactive()) {
            throw new SsokitException(TOKEN_PROBLEM, "--force-refresh logs in, which needs a terminal (stdin and stderr);"
                    + " run: " + LoginRequiredException.hint(instance, checkProfile) + " --force-refresh");
        }
        try {
            return SsoTokens.create(ctx.env(), ctx.log()).token(instance, Mode.FORCE_LOGIN);
        } catch (SsokitException e) {
            throw new SsokitException(TOKEN_PROBLEM, "login failed: " + e.getMessage(), e);
        }
    }

    /** The token as the cache holds it; never logs in, refreshes or writes. */
    private SsoToken cachedToken(Instance instance) {
        TokenCache cache = TokenCache.of(ctx.env());
        String key = TokenCache.cacheKey(instance.tokenKey());
        Path file = cache.file(key);
        String fix = "run: " + LoginRequiredException.hint(instance, checkProfile) + " (or check --force-refresh)";
        Optional<SsoToken> cached;
        try {
            cached = cache.load(key);
        } catch (CacheFileException e) {
            // the message names the file; for permissions and owners it says how to fix them
            throw new SsokitException(TOKEN_PROBLEM, (e.isPermissionProblem() ? "" : "cannot load the cached token: ")
                    + e.getMessage(), e);
        }
        if (cached.isEmpty()) {
            throw new SsokitException(TOKEN_PROBLEM, "no Identity Center token in the cache for " + instance.describe()
                    + " (no " + file + "); " + fix);
        }
        SsoToken t = cached.get();
        if (t.expiresAt() == null) {
            throw new SsokitException(TOKEN_PROBLEM, "the cached token in " + file + " has no expiresAt, which every"
                    + " login records; " + fix);
        }
        if (t.expiresWithin(SsoToken.EXPIRY_WINDOW, clock)) {
            Instant now = clock.instant();
            String when = t.expiresAt().isAfter(now)
                    ? "expires within " + SsoToken.EXPIRY_WINDOW.toMinutes() + " minutes (at " + Timestamps.format(t.expiresAt()) + ")"
                    : "expired at " + Timestamps.format(t.expiresAt());
            String refresh = t.canRefresh(clock)
                    ? "; it carries a refresh token, which ssokit commands use to renew it without a login" : "";
            throw new SsokitException(TOKEN_PROBLEM, "the cached token for " + instance.describe() + " " + when + refresh
                    + "; " + fix);
        }
        return t;
    }

    private static String orConfigFile(String source) {
        return source == null ? "config file" : source;
    }

    private void say(String line) {
        ctx.log().info(line);
    }

    private static SsokitException usage(String msg) {
        return new SsokitException(ExitCodes.USAGE, msg);
    }
}
