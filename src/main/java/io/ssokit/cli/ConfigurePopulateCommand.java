package io.ssokit.cli;

import io.ssokit.ExitCodes;
import io.ssokit.SsokitException;
import io.ssokit.aws.AwsClients;
import io.ssokit.completion.CandidateIndex;
import io.ssokit.config.AwsConfig;
import io.ssokit.config.ConfigFile;
import io.ssokit.config.IniDocument;
import io.ssokit.configure.ExistingConfigAction;
import io.ssokit.configure.PopulatePlan;
import io.ssokit.configure.ProfileKeys.SsoForm;
import io.ssokit.configure.SsoSessionSection;
import io.ssokit.naming.CaseTransform;
import io.ssokit.naming.InstanceInfo;
import io.ssokit.naming.NameInput;
import io.ssokit.naming.NamedProfile;
import io.ssokit.naming.NamingOptions;
import io.ssokit.naming.ProfileNamer;
import io.ssokit.sso.Instance;
import io.ssokit.sso.LoginRequiredException;
import io.ssokit.sso.Portal;
import io.ssokit.sso.PortalRole;
import io.ssokit.sso.SsoToken;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ssokit configure populate}: one profile per account, role and region the user can reach
 * (reference §3.4, §6), named by the naming engine, written in one atomic rewrite.
 */
@Command(name = "populate",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Write a profile for every account and role you can use in an Identity Center instance, for each region given.",
            "",
            "Names follow aws-sso-util's rules (--components, --separator, --include-region, --region-style, trims, cases,"
                    + " safe account names), a Mustache --profile-name-template (inline text, a file, or a preset: "
                    + "aws-sso-util, aws-cli, granted), or an external --profile-name-process. Every profile gets"
                    + " sso_auto_populated = true; --prune removes such profiles of the same instance whose account or role"
                    + " is gone. All profiles are written in one atomic rewrite of the config file.",
            "Logs in first when needed and stdin and stderr are a terminal; elsewhere it never logs in and says how to.",
            "Output: nothing on stdout, except with --dry-run: the profiles as INI (a summary of what would be added,"
                    + " changed and removed goes to stderr). Unlike aws-sso-util, every message goes to stderr."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:written (or, with --dry-run, shown)",
            "1:no instance found or several, login required but not possible here, the portal failed, a generated name"
                    + " is invalid or duplicated, or the config file could not be written (nothing was written)",
            "2:bad usage: no region, an invalid name format or template, a config file with a syntax error"})
public final class ConfigurePopulateCommand extends BaseCommand {

    @Mixin
    ConfigureOptions options;

    @Option(names = {"-r", "--region"}, paramLabel = "REGION",
            description = "Create profiles for this region (repeatable; the first is the default region and, with"
                    + " --include-region default, gets names without a region). Default: AWS_CONFIGURE_DEFAULT_REGION, then"
                    + " AWS_DEFAULT_REGION.")
    List<String> regions = new ArrayList<>();

    @Option(names = "--dry-run", description = "Print the profiles on stdout and what would change on stderr; write nothing.")
    boolean dryRun;

    @Option(names = "--prune",
            description = "Remove profiles marked sso_auto_populated for this instance whose account or role you no longer"
                    + " have (and nothing else).")
    boolean prune;

    @Option(names = "--components", paramLabel = "LIST",
            description = "Name components, comma-separated: account_name, account_id (account_number), role_name, region,"
                    + " short_region, default_style_region; anything else is literal text (default: "
                    + NamingOptions.DEFAULT_COMPONENTS + ").")
    String components;

    @Option(names = {"--separator", "--sep"}, paramLabel = "SEP",
            description = "Joins the components (default: AWS_CONFIGURE_SSO_DEFAULT_PROFILE_NAME_SEPARATOR, then '.').")
    String separator;

    @Option(names = "--include-region", paramLabel = "WHEN",
            completionCandidates = IncludeRegionCandidates.class,
            description = "default: names for the first region leave the region out; always: every name has it.")
    String includeRegion = "default";

    @Option(names = "--region-style", paramLabel = "STYLE", completionCandidates = RegionStyleCandidates.class,
            description = "short (usea1, default) or long (us-east-1): how default_style_region is written.")
    String regionStyle = "short";

    @Option(names = "--trim-account-name", paramLabel = "REGEX",
            description = "Remove matches of this regular expression from account names (repeatable; after the case transform, as aws-sso-util does).")
    List<String> trimAccountName = new ArrayList<>();

    @Option(names = "--trim-role-name", paramLabel = "REGEX",
            description = "Remove matches of this regular expression from role names (repeatable).")
    List<String> trimRoleName = new ArrayList<>();

    @Option(names = "--account-name-case", paramLabel = "CASE", completionCandidates = CaseCandidates.class,
            description = "capitalize, casefold, lower, title or upper.")
    String accountNameCase;

    @Option(names = "--role-name-case", paramLabel = "CASE", completionCandidates = CaseCandidates.class,
            description = "capitalize, casefold, lower, title or upper.")
    String roleNameCase;

    @Option(names = "--safe-account-names", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Replace whitespace and [ ] in account names with '-' (default), or with --raw-account-names keep them.")
    boolean safeAccountNames = true;

    @Option(names = "--raw-account-names", hidden = true, description = "Same as --no-safe-account-names.")
    boolean rawAccountNames;

    @Option(names = "--profile-name-template", paramLabel = "TEMPLATE",
            description = "A Mustache template for names: inline text ('{{account_name}}.{{role_name}}'), a file, or a"
                    + " preset (" + "aws-sso-util, aws-cli, granted" + "). See docs for variables and helpers.")
    String template;

    @Option(names = "--profile-name-process", paramLabel = "COMMAND",
            description = "An external namer: run with account name, account id, role name, region, short region, region"
                    + " index and region count appended; its stdout is the name, SKIP drops the profile.")
    String process;

    @Option(names = "--concurrency", paramLabel = "N",
            description = "Portal calls in flight at once, 1-" + Portal.Settings.MAX_CONCURRENCY + " (default: "
                    + Portal.CONCURRENCY_VAR + " or " + Portal.Settings.DEFAULT_CONCURRENCY + ").")
    Integer concurrency;

    static final class IncludeRegionCandidates extends ArrayList<String> {
        private static final long serialVersionUID = 1L;

        IncludeRegionCandidates() {
            super(List.of("default", "always"));
        }
    }

    static final class RegionStyleCandidates extends ArrayList<String> {
        private static final long serialVersionUID = 1L;

        RegionStyleCandidates() {
            super(List.of("short", "long"));
        }
    }

    static final class CaseCandidates extends ArrayList<String> {
        private static final long serialVersionUID = 1L;

        CaseCandidates() {
            super(List.of("capitalize", "casefold", "lower", "title", "upper"));
        }
    }

    @Override
    protected int run() {
        AwsClients.configureSdkLogging(verbosity.level());
        List<String> regionList = regions();
        ExistingConfigAction action = options.action();
        NamingOptions naming = namingOptions();
        Portal.Settings settings = Portal.Settings.from(ctx.env());
        if (concurrency != null) {
            settings = settings.withConcurrency(concurrency);
        }
        PopulatePlan.Settings planSettings;

        ConfigFile file = ConfigFile.openConfig(ctx.env());
        IniDocument doc = file.document();
        AwsConfig config = AwsConfig.load(ctx.env());
        ConfigureSupport.Target target = ConfigureSupport.resolve(ctx, config, doc, options, null);
        SsoForm form = target.form();
        SsoSessionSection.Change session = form.isSession()
                ? SsoSessionSection.ensure(doc, form.session(), form.startUrl(), form.region(), action) : null;
        planSettings = new PopulatePlan.Settings(form, options.configDefaults(), action,
                options.credentialProcessPrefix(ctx.env()), prune);
        // checks the name format with dummy values before logging in, as aws-sso-util does
        ProfileNamer namer = ProfileNamer.create(naming, new InstanceInfo(form.startUrl(), form.region(), form.session()),
                ctx.env(), ctx.log());

        Instance instance = target.instance();
        SsoToken token = ConfigureSupport.token(ctx, target, options.forceRefresh);
        ctx.log().info("Gathering accounts and roles from " + instance.describe());
        long started = System.nanoTime();
        List<PortalRole> rows;
        try (AwsClients clients = new AwsClients(ctx.env())) {
            try {
                rows = list(clients, instance, token, settings);
            } catch (LoginRequiredException e) {
                // the cache said valid but the portal disagreed (aws-sso-util #74): log in again once
                if (!RolesCommand.interactive() || options.forceRefresh) {
                    throw e;
                }
                ctx.log().info("the portal rejected the cached token; logging in again");
                token = ConfigureSupport.token(ctx, target, true);
                rows = list(clients, instance, token, settings);
            }
        }
        ctx.log().debug("listed " + rows.size() + " roles in " + (System.nanoTime() - started) / 1_000_000 + " ms");
        CandidateIndex.save(ctx.env(), ctx.log(), instance, rows, true);

        List<NameInput> inputs = new ArrayList<>(rows.size() * regionList.size());
        for (PortalRole r : rows) {
            for (int i = 0; i < regionList.size(); i++) {
                inputs.add(new NameInput(r.accountId(), r.accountName(), r.roleName(), regionList.get(i), i,
                        regionList.size()));
            }
        }
        List<NamedProfile> named = namer.nameAll(inputs);
        PopulatePlan plan = PopulatePlan.of(doc, named, rows, planSettings, session);
        if (!plan.renamed().isEmpty()) {
            ctx.log().warn(plan.renamed().size() + " auto-populated profile(s) of this instance were not generated this"
                    + " time although their account and role still exist (kept; remove them by hand if unwanted): "
                    + String.join(", ", plan.renamed().stream().limit(5).map(UsePicker::sanitize).toList())
                    + (plan.renamed().size() > 5 ? ", ..." : ""));
        }
        if (dryRun) {
            String ini = plan.renderIni(doc);
            ctx.log().info("Dry run for " + named.size() + " profiles in " + file.displayName() + " (" + plan.counts() + ")");
            for (String line : plan.diffLines()) {
                ctx.err().println(UsePicker.sanitize(line));
            }
            ctx.err().flush();
            ctx.out().print(ini);
            ctx.out().flush();
            return ExitCodes.OK;
        }
        plan.apply(doc);
        ctx.log().info("Writing " + named.size() + " profiles to " + file.displayName() + " (" + plan.counts() + ")");
        if (ctx.log().enabled(1)) {
            for (String line : plan.diffLines()) {
                ctx.log().debug(UsePicker.sanitize(line));
            }
        }
        file.save();
        return ExitCodes.OK;
    }

    private List<PortalRole> list(AwsClients clients, Instance instance, SsoToken token, Portal.Settings settings) {
        try (Portal portal = Portal.open(clients, instance, token, settings, ctx.log())) {
            List<PortalRole> rows = portal.roles(a -> true, null);
            Portal.Stats s = portal.stats();
            ctx.log().debug("portal: " + s.calls() + " calls, " + s.throttled() + " throttled, " + s.serverErrors()
                    + " server errors, " + s.networkErrors() + " network errors");
            return rows;
        }
    }

    /** The regions given, else the one from the environment; aws-sso-util's usage error when none. */
    private List<String> regions() {
        LinkedHashSet<String> out = new LinkedHashSet<>();
        for (String r : regions) {
            if (!r.isBlank()) {
                out.add(r.strip());
            }
        }
        if (out.isEmpty()) {
            String fromEnv = ctx.env().first("AWS_CONFIGURE_DEFAULT_REGION", "AWS_DEFAULT_REGION");
            if (fromEnv != null && !fromEnv.isBlank()) {
                out.add(fromEnv.strip());
            }
        }
        if (out.isEmpty()) {
            throw new SsokitException(ExitCodes.USAGE, "Missing arguments: --region (or set AWS_CONFIGURE_DEFAULT_REGION"
                    + " or AWS_DEFAULT_REGION)");
        }
        return List.copyOf(out);
    }

    private NamingOptions namingOptions() {
        String sep = separator;
        if (sep == null || sep.isEmpty()) {
            String fromEnv = ctx.env().get("AWS_CONFIGURE_SSO_DEFAULT_PROFILE_NAME_SEPARATOR");
            sep = fromEnv == null || fromEnv.isEmpty() ? NamingOptions.DEFAULT_SEPARATOR : fromEnv;
        }
        NamingOptions.Builder b = NamingOptions.builder()
                .components(components)
                .separator(sep)
                .includeRegion(NamingOptions.IncludeRegion.fromOption(includeRegion))
                .regionStyle(NamingOptions.RegionStyle.fromOption(regionStyle))
                .accountNameCase(accountNameCase == null ? null : CaseTransform.fromOption(accountNameCase))
                .roleNameCase(roleNameCase == null ? null : CaseTransform.fromOption(roleNameCase))
                .safeAccountNames(safeAccountNames && !rawAccountNames)
                .template(template)
                .process(process);
        trimAccountName.forEach(b::trimAccountName);
        trimRoleName.forEach(b::trimRoleName);
        return b.build();
    }
}
