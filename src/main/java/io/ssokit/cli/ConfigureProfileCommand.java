package io.ssokit.cli;

import io.ssokit.ExitCodes;
import io.ssokit.SsokitException;
import io.ssokit.aws.AwsClients;
import io.ssokit.completion.CandidateIndex;
import io.ssokit.config.AwsConfig;
import io.ssokit.config.ConfigFile;
import io.ssokit.config.IniDocument;
import io.ssokit.configure.CredentialProcessLine;
import io.ssokit.configure.ExistingConfigAction;
import io.ssokit.configure.ProfileKeys;
import io.ssokit.configure.ProfileKeys.Keys;
import io.ssokit.configure.ProfileKeys.SsoForm;
import io.ssokit.configure.SsoSessionSection;
import io.ssokit.naming.NameValidator;
import io.ssokit.naming.Regions;
import io.ssokit.sso.Portal;
import io.ssokit.sso.PortalAccount;
import io.ssokit.sso.SsoToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jline.terminal.Terminal;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ssokit configure profile NAME}: writes one Identity Center profile (reference §3.3),
 * choosing a missing account, role or region on the terminal instead of running the AWS CLI.
 */
@Command(name = "profile",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Write (or complete) one Identity Center profile in the AWS config file.",
            "",
            "The instance comes from -u/--sso-region, --sso-session, the variables AWS_CONFIGURE_SSO_DEFAULT_SSO_START_URL"
                    + " / AWS_DEFAULT_SSO_START_URL (and _SSO_REGION), or the config file when it has exactly one; an"
                    + " existing profile keeps its own instance when none of these options is given.",
            "When the account, role or region is missing and stdin and stderr are a terminal, you choose them from a list"
                    + " (type to filter, Enter to choose, Esc to cancel); elsewhere, or with --non-interactive, the"
                    + " command fails, names what is missing, and writes nothing.",
            "Unlike aws-sso-util, every message goes to stderr and stdout stays empty."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the profile was written (or was already as asked)",
            "1:no instance found or several, login required but not possible here, the portal failed, or the config"
                    + " file could not be written",
            "2:bad usage: missing values in non-interactive mode, an invalid profile name, a config file with a syntax"
                    + " error, a cancelled choice"})
public final class ConfigureProfileCommand extends BaseCommand {

    @Parameters(index = "0", paramLabel = "PROFILE_NAME", description = "The profile to write.")
    String profileName;

    @Mixin
    ConfigureOptions options;

    @Option(names = {"-a", "--account-id"}, paramLabel = "ID", description = "The account (sso_account_id).")
    String accountId;

    @Option(names = "--account", hidden = true, paramLabel = "ID", description = "Alias of --account-id.")
    String accountAlias;

    @Option(names = {"-r", "--role-name"}, paramLabel = "NAME", description = "The role, i.e. permission set name (sso_role_name).")
    String roleName;

    @Option(names = "--region", paramLabel = "REGION",
            description = "The profile's region (default, when the profile has none: AWS_CONFIGURE_DEFAULT_REGION, then"
                    + " AWS_DEFAULT_REGION).")
    String region;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", description = "The profile's output format (json, text, table, yaml...).")
    String output;

    @Option(names = "--interactive",
            description = "Choose missing values on the terminal when stdin and stderr are one (the default).")
    boolean interactiveFlag;

    @Option(names = {"--non-interactive", "--no-interactive"},
            description = "Never choose on the terminal: fail (exit 2, nothing written) when a value is missing.")
    boolean nonInteractive;

    @Option(names = "--reselect",
            description = "Choose the account and role again even when the profile has them (needs a terminal).")
    boolean reselect;

    @Override
    protected int run() throws IOException {
        AwsClients.configureSdkLogging(verbosity.level());
        NameValidator.problem(profileName).ifPresent(p -> {
            throw new SsokitException(ExitCodes.USAGE, "invalid profile name '" + UsePicker.sanitize(profileName) + "': " + p);
        });
        if (interactiveFlag && nonInteractive) {
            throw new SsokitException(ExitCodes.USAGE, "give --interactive or --non-interactive, not both");
        }
        boolean interactive = !nonInteractive;
        if (reselect && !interactive) {
            throw new SsokitException(ExitCodes.USAGE, "--reselect chooses on the terminal; it cannot be combined with"
                    + " --non-interactive");
        }
        ExistingConfigAction action = options.action();
        Map<String, String> configDefaults = options.configDefaults();
        String account = accountId != null ? accountId : accountAlias;

        ConfigFile file = ConfigFile.openConfig(ctx.env());
        IniDocument doc = file.document();
        AwsConfig config = AwsConfig.load(ctx.env());
        String header = doc.profileHeader(profileName);
        Keys existing = Keys.read(doc, header);
        ConfigureSupport.Target target = ConfigureSupport.resolve(ctx, config, doc, options,
                action == ExistingConfigAction.DISCARD ? null : ownInstance(config, existing));
        SsoForm form = target.form();
        if (form.isSession()) {
            SsoSessionSection.ensure(doc, form.session(), form.startUrl(), form.region(), action);
        }
        Keys base = action == ExistingConfigAction.DISCARD ? Keys.NONE : existing;
        String cpPrefix = options.credentialProcessPrefix(ctx.env());
        String defaultRegion = ctx.env().first("AWS_CONFIGURE_DEFAULT_REGION", "AWS_DEFAULT_REGION");

        Choice choice = new Choice(account, roleName, region);
        Keys keys = compute(existing, form, choice, defaultRegion, configDefaults, action, cpPrefix);
        List<String> missing = keys.missing(form.requiredKeys());
        boolean pick = reselect || !missing.isEmpty();
        if (pick) {
            if (!interactive || !RolesCommand.interactive()) {
                throw new SsokitException(ExitCodes.USAGE, "profile " + profileName + " is incomplete: missing "
                        + describe(missing) + (interactive ? " (no terminal to choose them on)" : "")
                        + "; nothing was written");
            }
            choose(target, base, choice);
            keys = compute(existing, form, choice, defaultRegion, configDefaults, action, cpPrefix);
            missing = keys.missing(form.requiredKeys());
            if (!missing.isEmpty()) {
                throw new SsokitException(ExitCodes.USAGE, "profile " + profileName + " is incomplete: missing "
                        + describe(missing) + "; nothing was written");
            }
        }
        doc.replaceAll(header, keys.flat(), keys.nested());
        boolean wrote = file.save();
        ctx.log().info(wrote ? "Wrote profile " + profileName + " to " + file.displayName()
                : "Profile " + profileName + " in " + file.displayName() + " is already up to date");
        return ExitCodes.OK;
    }

    /** The account, role and region: from the command line, then the terminal. */
    private static final class Choice {
        String account;
        String role;
        String region;

        Choice(String account, String role, String region) {
            this.account = account;
            this.role = role;
            this.region = region;
        }
    }

    private Keys compute(Keys existing, SsoForm form, Choice c, String defaultRegion, Map<String, String> configDefaults,
            ExistingConfigAction action, String cpPrefix) {
        return ProfileKeys.compute(existing, new ProfileKeys.Request(form, null, c.account, c.role, c.region,
                defaultRegion, output, configDefaults, action,
                cpPrefix == null ? null : CredentialProcessLine.of(cpPrefix, profileName), false));
    }

    /** The instance an existing profile names, so that re-running on it needs no -u. */
    private static SsoForm ownInstance(AwsConfig config, Keys existing) {
        String session = existing.flat().get("sso_session");
        if (session != null) {
            return config.ssoSession(session)
                    .filter(s -> s.get("sso_start_url").isPresent() && s.get("sso_region").isPresent())
                    .map(s -> SsoForm.session(session, s.get("sso_start_url").get(), s.get("sso_region").get()))
                    .orElse(null);
        }
        String url = existing.flat().get("sso_start_url");
        String reg = existing.flat().get("sso_region");
        return url != null && reg != null && !url.isEmpty() && !reg.isEmpty() ? SsoForm.legacy(url, reg) : null;
    }

    private static String describe(List<String> missing) {
        List<String> out = new ArrayList<>();
        for (String k : missing) {
            out.add(switch (k) {
                case "sso_account_id" -> "the account (--account-id)";
                case "sso_role_name" -> "the role (--role-name)";
                case "region" -> "the region (--region)";
                default -> k;
            });
        }
        return String.join(", ", out);
    }

    /** Chooses what is missing (or, with --reselect, the account and role) on the terminal. */
    private void choose(ConfigureSupport.Target target, Keys base, Choice c) throws IOException {
        String currentAccount = c.account != null ? c.account : base.flat().get("sso_account_id");
        String currentRole = c.role != null ? c.role : base.flat().get("sso_role_name");
        // what the command line gives is never asked for, not even with --reselect
        boolean needAccount = c.account == null && (reselect || !hasValue(base, "sso_account_id"));
        boolean needRole = c.role == null && (reselect || needAccount || !hasValue(base, "sso_role_name"));
        boolean needRegion = c.region == null && !hasValue(base, "region")
                && ctx.env().first("AWS_CONFIGURE_DEFAULT_REGION", "AWS_DEFAULT_REGION") == null;
        String instead = "give --account-id, --role-name and --region";
        if (needAccount || needRole) {
            SsoToken token = ConfigureSupport.token(ctx, target, options.forceRefresh);
            try (AwsClients clients = new AwsClients(ctx.env());
                    Portal portal = Portal.open(clients, target.instance(), token, Portal.Settings.from(ctx.env()), ctx.log())) {
                if (needAccount) {
                    List<PortalAccount> accounts = portal.accounts();
                    if (accounts.isEmpty()) {
                        throw new SsokitException(ExitCodes.ERROR, "no accounts are assigned to you in "
                                + target.instance().describe());
                    }
                    c.account = pickAccount(target, accounts, currentAccount, instead);
                }
                String account = c.account != null ? c.account : base.flat().get("sso_account_id");
                List<String> roles = portal.rolesOf(account).orElseThrow(() -> new SsokitException(ExitCodes.ERROR,
                        "account " + account + " is not accessible to you in " + target.instance().describe()));
                CandidateIndex.add(ctx.env(), ctx.log(), target.instance(),
                        List.of(new CandidateIndex.Account(account, null, roles)));
                if (roles.isEmpty()) {
                    throw new SsokitException(ExitCodes.ERROR, "you have no roles in account " + account);
                }
                c.role = pick(roles.stream().map(r -> new UsePicker.Item(r, "")).toList(), currentRole, "role", instead);
            }
        }
        if (needRegion) {
            List<UsePicker.Item> items = Regions.ALL.stream().map(r -> new UsePicker.Item(r, "")).toList();
            c.region = pick(items, target.form().region(), "region", instead);
        }
    }

    private static boolean hasValue(Keys keys, String key) {
        String v = keys.flat().get(key);
        return v != null && !v.isEmpty();
    }

    private String pickAccount(ConfigureSupport.Target target, List<PortalAccount> accounts, String current,
            String instead) throws IOException {
        List<PortalAccount> sorted = new ArrayList<>(accounts);
        sorted.sort((a, b) -> a.name().compareToIgnoreCase(b.name()));
        Map<String, String> idByLabel = new LinkedHashMap<>();
        List<UsePicker.Item> items = new ArrayList<>();
        String currentLabel = null;
        for (PortalAccount a : sorted) {
            String label = (a.name() == null || a.name().isEmpty() ? a.id() : a.name()) + " (" + a.id() + ")";
            idByLabel.put(label, a.id());
            items.add(new UsePicker.Item(label, a.email() == null ? "" : a.email()));
            if (a.id().equals(current)) {
                currentLabel = label;
            }
        }
        List<CandidateIndex.Account> known = new ArrayList<>();
        for (PortalAccount a : accounts) {
            known.add(new CandidateIndex.Account(a.id(), a.name(), List.of()));
        }
        CandidateIndex.add(ctx.env(), ctx.log(), target.instance(), known);
        return idByLabel.get(pick(items, currentLabel, "account", instead));
    }

    private String pick(List<UsePicker.Item> items, String current, String noun, String instead) throws IOException {
        String chosen;
        try (Terminal terminal = ConfigureSupport.terminal(instead)) {
            chosen = new UsePicker(items, current, noun).run(terminal);
        }
        if (chosen == null) {
            throw new SsokitException(ExitCodes.USAGE, "no " + noun + " chosen; nothing was written");
        }
        return chosen;
    }
}
