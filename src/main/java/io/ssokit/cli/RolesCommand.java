package io.ssokit.cli;

import io.ssokit.ExitCodes;
import io.ssokit.SsokitException;
import io.ssokit.aws.AwsClients;
import io.ssokit.cli.RolesFormat.Column;
import io.ssokit.cli.RolesFormat.Output;
import io.ssokit.cli.RolesFormat.SortBy;
import io.ssokit.completion.CandidateIndex;
import io.ssokit.config.AwsConfig;
import io.ssokit.sso.Instance;
import io.ssokit.sso.InstanceResolver;
import io.ssokit.sso.LoginRequiredException;
import io.ssokit.sso.Portal;
import io.ssokit.sso.PortalAccount;
import io.ssokit.sso.PortalRole;
import io.ssokit.sso.SsoToken;
import io.ssokit.sso.SsoTokens;
import io.ssokit.sso.TokenSource.Mode;
import java.io.Console;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ssokit roles}: the accounts and roles the user can reach, as aws-sso-util's
 * {@code roles} prints them (reference §3.5), plus CSV and JSON. The listing is concurrent and
 * rides out throttling (see {@link Portal}).
 */
@Command(name = "roles",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "List the accounts and roles you can use in an Identity Center instance.",
            "",
            "The instance comes from --sso-start-url/--sso-region, --sso-session, --profile, the variables"
                    + " AWS_DEFAULT_SSO_START_URL/AWS_DEFAULT_SSO_REGION, or the config file when it has exactly one.",
            "Logs in first when needed and stdin and stderr are a terminal; elsewhere (scripts, pipes into ssokit)"
                    + " it never logs in and says how to.",
            "",
            "Output (stdout): a table sorted by account name and role, columns padded with single spaces; with"
                    + " --separator, unpadded rows printed as each account's roles arrive (or sorted, with --sort-by);"
                    + " or CSV or JSON. Unlike aws-sso-util, every message goes to stderr."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:listed (possibly nothing, when the filters match nothing)",
            "1:no usable token and no way to log in here (the message says which command to run), no instance"
                    + " found or several, or the portal failed",
            "2:bad usage"})
public final class RolesCommand extends BaseCommand {
    private static final Pattern ACCOUNT_ID = Pattern.compile("[0-9]{12}");
    /** Python's re is Unicode-aware and knows only LF as a line end. */
    private static final int PY_FLAGS = Pattern.UNICODE_CHARACTER_CLASS | Pattern.UNIX_LINES;

    @Option(names = {"-u", "--sso-start-url"}, paramLabel = "URL",
            description = "Start URL of the instance: a full https:// URL, or a regular expression matched against the"
                    + " instances in the config file.")
    String startUrl;

    @Option(names = "--sso-region", paramLabel = "REGION", description = "Region of the Identity Center instance.")
    String region;

    @Option(names = "--sso-session", paramLabel = "NAME", description = "Use the instance of this [sso-session NAME] section.")
    String ssoSession;

    @Option(names = "--profile", paramLabel = "PROFILE", description = "Use the Identity Center instance of this profile.")
    String profile;

    @Option(names = {"-a", "--account-id"}, paramLabel = "ACCOUNT",
            description = "Only these accounts (repeatable). When every value is a 12-digit id, only those accounts are"
                    + " queried (faster; the account name shows as UNKNOWN). Otherwise a value matches an account when it"
                    + " is a prefix or suffix of its id or a regular expression found in its name.")
    List<String> accounts = new ArrayList<>();

    @Option(names = "--account", hidden = true, paramLabel = "ACCOUNT", description = "Alias of --account-id.")
    List<String> accountAlias = new ArrayList<>();

    @Option(names = {"-r", "--role-name"}, paramLabel = "REGEX",
            description = "Only roles whose name contains a match of this regular expression (repeatable: any of them).")
    List<String> rolePatterns = new ArrayList<>();

    @Option(names = {"--separator", "--sep"}, paramLabel = "SEP",
            description = "Separate fields with SEP instead of padding; without --sort-by, rows are printed as they"
                    + " arrive (unsorted).")
    String separator;

    @Option(names = "--header", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Print the header row (default), or not.")
    boolean header = true;

    @Option(names = "--sort-by", paramLabel = "KEYS", converter = SortBy.Converter.class,
            completionCandidates = SortBy.Candidates.class,
            description = "Sort by id,role, name,role, role,id or role,name; also sets the column order (default:"
                    + " name,role, unsorted with --separator).")
    SortBy sortBy;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT",
            description = "table (default), csv (RFC 4180 quoting, LF line ends) or json (an array of objects with"
                    + " accountId, accountName, roleName).")
    Output output = Output.TABLE;

    @Option(names = "--force-refresh", description = "Log in again even if the cached token is still valid.")
    boolean forceRefresh;

    @Option(names = "--concurrency", paramLabel = "N",
            description = "Portal calls in flight at once, 1-" + Portal.Settings.MAX_CONCURRENCY + " (default: "
                    + Portal.CONCURRENCY_VAR + " or " + Portal.Settings.DEFAULT_CONCURRENCY + ").")
    Integer concurrency;

    @Override
    protected int run() {
        AwsClients.configureSdkLogging(verbosity.level());
        if (separator != null && output != Output.TABLE) {
            throw new SsokitException(ExitCodes.USAGE, "--separator applies to table output only, not --output "
                    + output.name().toLowerCase(java.util.Locale.ROOT));
        }
        if (profile != null && ssoSession != null) {
            throw new SsokitException(ExitCodes.USAGE, "give --profile or --sso-session, not both");
        }
        List<String> accountValues = new ArrayList<>(accounts);
        accountValues.addAll(accountAlias);
        List<String> explicitIds = allAccountIds(accountValues) ? accountValues : null;
        Predicate<PortalAccount> accountFilter = explicitIds != null ? a -> true : accountFilter(accountValues);
        Predicate<String> roleFilter = roleFilter(rolePatterns);
        Portal.Settings settings = Portal.Settings.from(ctx.env());
        if (concurrency != null) {
            settings = settings.withConcurrency(concurrency);
        }

        AwsConfig config = AwsConfig.load(ctx.env());
        Instance instance = new InstanceResolver(ctx.env(), config, ctx.log())
                .resolve(new InstanceResolver.Request(startUrl, region, profile, ssoSession, InstanceResolver.Vars.DEFAULT))
                .instance();
        boolean interactive = interactive();
        Mode mode = forceRefresh ? Mode.FORCE_LOGIN : interactive ? Mode.INTERACTIVE : Mode.NON_INTERACTIVE;
        if (forceRefresh && !interactive) {
            throw new LoginRequiredException(instance, "--force-refresh logs in, which needs a terminal (stdin and stderr)",
                    LoginRequiredException.hint(instance, profile) + " --force-refresh");
        }
        SsoTokens tokens = SsoTokens.create(ctx.env(), ctx.log());
        SsoToken token = tokens.token(instance, mode);

        boolean streaming = separator != null && sortBy == null && output == Output.TABLE;
        List<Column> columns = (sortBy == null ? SortBy.NAME_ROLE : sortBy).columns();
        Streamer streamer = streaming ? new Streamer(columns) : null;
        long started = System.nanoTime();
        try (AwsClients clients = new AwsClients(ctx.env())) {
            List<PortalRole> rows;
            try {
                rows = list(clients, instance, token, settings, explicitIds, accountFilter, roleFilter, streamer);
            } catch (LoginRequiredException e) {
                // the cache said valid but the portal disagreed (aws-sso-util #74): a fresh login fixes
                // it, when we may log in and nothing has been printed yet
                if (!interactive || mode == Mode.FORCE_LOGIN || (streamer != null && streamer.printed)) {
                    throw e;
                }
                ctx.log().info("the portal rejected the cached token; logging in again");
                token = tokens.token(instance, Mode.FORCE_LOGIN);
                rows = list(clients, instance, token, settings, explicitIds, accountFilter, roleFilter, streamer);
            }
            ctx.log().debug("listed " + rows.size() + " roles in " + (System.nanoTime() - started) / 1_000_000 + " ms");
            CandidateIndex.save(ctx.env(), ctx.log(), instance, rows, accountValues.isEmpty() && rolePatterns.isEmpty());
            if (streaming) {
                streamer.finish();
                return ExitCodes.OK;
            }
            rows = new ArrayList<>(rows);
            rows.sort((sortBy == null ? SortBy.NAME_ROLE : sortBy).comparator());
            ctx.out().print(switch (output) {
                case CSV -> RolesFormat.csv(rows, columns, header);
                case JSON -> RolesFormat.json(rows, columns);
                case TABLE -> separator == null ? RolesFormat.table(rows, columns, header)
                        : RolesFormat.separated(rows, columns, header, separator);
            });
            ctx.out().flush();
            return ExitCodes.OK;
        }
    }

    private List<PortalRole> list(AwsClients clients, Instance instance, SsoToken token, Portal.Settings settings,
            List<String> explicitIds, Predicate<PortalAccount> accountFilter, Predicate<String> roleFilter,
            Streamer streamer) {
        try (Portal portal = Portal.open(clients, instance, token, settings, ctx.log())) {
            Consumer<List<PortalRole>> sink = streamer == null ? null : rows -> streamer.accept(filter(rows, roleFilter));
            List<PortalRole> rows = explicitIds != null ? portal.rolesOfAccounts(explicitIds, sink)
                    : portal.roles(accountFilter, sink);
            Portal.Stats s = portal.stats();
            ctx.log().debug("portal: " + s.calls() + " calls, " + s.throttled() + " throttled, " + s.serverErrors()
                    + " server errors, " + s.networkErrors() + " network errors");
            return filter(rows, roleFilter);
        }
    }

    private static List<PortalRole> filter(List<PortalRole> rows, Predicate<String> roleFilter) {
        List<PortalRole> out = new ArrayList<>();
        for (PortalRole r : rows) {
            if (roleFilter.test(r.roleName())) {
                out.add(r);
            }
        }
        return out;
    }

    /**
     * Prints separator rows as each account's roles arrive. The header waits for the first row
     * (or the end), so that a listing that fails at once leaves stdout empty.
     */
    private final class Streamer {
        private final List<Column> columns;
        private boolean printed;

        Streamer(List<Column> columns) {
            this.columns = columns;
        }

        synchronized void accept(List<PortalRole> rows) {
            if (rows.isEmpty()) {
                return;
            }
            StringBuilder b = new StringBuilder();
            if (!printed && header) {
                b.append(RolesFormat.joined(RolesFormat.headers(columns), separator));
            }
            for (PortalRole r : rows) {
                b.append(RolesFormat.joined(RolesFormat.values(r, columns), separator));
            }
            printed = true;
            ctx.out().print(b);
            ctx.out().flush();
        }

        synchronized void finish() {
            if (!printed && header) {
                ctx.out().print(RolesFormat.joined(RolesFormat.headers(columns), separator));
            }
            printed = true;
            ctx.out().flush();
        }
    }

    static boolean allAccountIds(List<String> values) {
        if (values.isEmpty()) {
            return false;
        }
        for (String v : values) {
            if (!ACCOUNT_ID.matcher(v).matches()) {
                return false;
            }
        }
        return true;
    }

    /** aws-sso-util's rule: a prefix or suffix of the id, or a regex found in the name. */
    static Predicate<PortalAccount> accountFilter(List<String> values) {
        if (values.isEmpty()) {
            return a -> true;
        }
        List<Pattern> patterns = new ArrayList<>();
        for (String v : values) {
            patterns.add(compile(v, "--account-id"));
        }
        return a -> {
            for (int i = 0; i < values.size(); i++) {
                String v = values.get(i);
                if (a.id().startsWith(v) || a.id().endsWith(v) || patterns.get(i).matcher(a.name()).find()) {
                    return true;
                }
            }
            return false;
        };
    }

    static Predicate<String> roleFilter(List<String> patterns) {
        if (patterns.isEmpty()) {
            return r -> true;
        }
        List<Pattern> compiled = new ArrayList<>();
        for (String p : patterns) {
            compiled.add(compile(p, "--role-name"));
        }
        return r -> compiled.stream().anyMatch(p -> p.matcher(r).find());
    }

    private static Pattern compile(String regex, String option) {
        try {
            return Pattern.compile(regex, PY_FLAGS);
        } catch (PatternSyntaxException e) {
            throw new SsokitException(ExitCodes.USAGE, option + ": invalid regular expression '" + regex + "': "
                    + e.getDescription());
        }
    }

    /**
     * Whether a login may prompt: stdin and stderr are terminals (the prompt goes to stderr; stdout
     * may well be a pipe, as in {@code ssokit roles | grep Admin}). Linux answers exactly through
     * /proc; elsewhere {@link System#console()} stands in (it looks at stdin and stdout).
     */
    static boolean interactive() {
        Path fds = Path.of("/proc/self/fd");
        if (Files.isDirectory(fds)) {
            return isTerminal(fds.resolve("0")) && isTerminal(fds.resolve("2"));
        }
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            // JDK 22+ returns a console even when redirected; isTerminal() tells
            Method isTerminal = Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (NoSuchMethodException e) {
            return true;
        } catch (ReflectiveOperationException e) {
            return false;
        }
    }

    private static boolean isTerminal(Path fd) {
        try {
            String target = Files.readSymbolicLink(fd).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }
}
