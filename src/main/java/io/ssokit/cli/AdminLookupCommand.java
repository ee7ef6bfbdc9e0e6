package io.ssokit.cli;

import io.ssokit.ExitCodes;
import io.ssokit.SsokitException;
import io.ssokit.admin.AdminIds;
import io.ssokit.admin.Directory;
import io.ssokit.admin.IdsCache;
import io.ssokit.admin.Lookup;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ssokit admin lookup TYPE [VALUE...]}: Identity Center ids by name, and names by id (aws-sso-util §3.12). */
@Command(name = "lookup",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        header = "Look up instance, identity store, group, user and permission-set ids by name.",
        description = {
            "Look up the ids the Identity Center APIs and CloudFormation want:",
            "  ssokit admin lookup instance              # the instance ARN",
            "  ssokit admin lookup identity-store        # the identity store id",
            "  ssokit admin lookup group Admins Devs     # ids, NOT_FOUND if missing",
            "  ssokit admin lookup user alice bob",
            "  ssokit admin lookup permission-set ReadOnly ps-0123456789abcdef",
            "  ssokit admin lookup permission-set :all",
            "",
            "Without --instance-arn and --identity-store-id the instance comes from ListInstances and is cached in "
                    + "the AWS CLI cache directory (aws-sso-util-ids-PROFILE.json, or -ACCOUNT-REGION.json). Rows form an aligned "
                    + "table; with --separator they stream as found."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:looked up (names not found show NOT_FOUND or UNKNOWN)",
            "1:with -e, a name was not found (the rows before it are printed); or AWS refused a call",
            "2:bad usage or configuration"})
public final class AdminLookupCommand extends BaseCommand {
    @Mixin
    AdminOptions admin = new AdminOptions();
    static final List<String> TYPES = List.of("instance", "identity-store", "group", "user", "permission-set");

    @Parameters(index = "0", paramLabel = "TYPE", description = "instance, identity-store, group, user or permission-set.")
    String type;

    @Parameters(index = "1..*", arity = "0..*", paramLabel = "VALUE", description = "Names (group, user, permission-set) or "
            + "permission-set ARNs/ids; ':all' for every permission set.")
    List<String> values = new ArrayList<>();




    @Option(order = 10, names = {"--error-if-not-found", "-e"}, description = "Stop at the first name not found: print the rows so far, "
            + "the missing name on stderr, exit 1.")
    boolean errorIfNotFound;


    @Option(order = 11, names = {"--separator", "--sep"}, paramLabel = "SEP", description = "Field separator; rows stream as found "
            + "(default: an aligned table).")
    String separator;


    @Option(order = 12, names = "--permission-set-style", paramLabel = "arn|id", description = "Second column of permission sets: the full "
            + "ARN (default) or the ps- id.")
    String permissionSetStyle = "arn";

    @Override
    protected int run() {
        if (!TYPES.contains(type)) {
            throw new SsokitException(ExitCodes.USAGE, "unknown TYPE '" + type + "': choose one of " + String.join(", ", TYPES)
                    + (TYPES.contains(type.replaceAll("s$", "")) ? " (singular)" : ""));
        }
        if (!permissionSetStyle.equals("arn") && !permissionSetStyle.equals("id")) {
            throw new SsokitException(ExitCodes.USAGE, "--permission-set-style must be arn or id, got '" + permissionSetStyle + "'");
        }
        boolean named = type.equals("group") || type.equals("user") || type.equals("permission-set");
        if (named && values.isEmpty()) {
            throw new SsokitException(ExitCodes.USAGE, (type.equals("permission-set") ? "permission set" : type)
                    + " names are required (e.g. ssokit admin lookup " + type + " NAME)");
        }
        if (!named && !values.isEmpty()) {
            throw new SsokitException(ExitCodes.USAGE, "lookup " + type + " takes no values (got '" + values.get(0) + "')");
        }
        if (values.contains(":all") && (!type.equals("permission-set") || values.size() > 1)) {
            throw new SsokitException(ExitCodes.USAGE, "':all' is only for permission-set, alone");
        }
        if (separator != null && separator.isEmpty()) {
            throw new SsokitException(ExitCodes.USAGE, "--separator must not be empty");
        }
        try (AdminSupport.Session session = AdminSupport.open(ctx, admin.profile)) {
            AdminOutput output = new AdminOutput(ctx.out(), separator);
            Directory directory = session.directory();
            InstanceSource instances = new InstanceSource(session, output);
            if (type.equals("instance")) {
                Directory.Instance i = instances.get(false, false);
                ctx.out().println(i.instanceArn());
                return ExitCodes.OK;
            }
            if (type.equals("identity-store")) {
                Directory.Instance i = instances.get(false, false);
                ctx.out().println(i.identityStoreId());
                return ExitCodes.OK;
            }
            boolean ps = type.equals("permission-set");
            Lookup lookup = new Lookup(directory, () -> instances.get(admin.showId && ps, admin.showId && !ps), errorIfNotFound);
            List<String> headerFields = List.of("Name", ps ? permissionSetStyle.toUpperCase(java.util.Locale.ROOT) : "Id");
            boolean[] headerDone = {!admin.header};
            Consumer<Lookup.Row> sink = r -> {
                if (!headerDone[0]) {
                    output.row(headerFields);
                    headerDone[0] = true;
                }
                output.row(List.of(r.name(), r.id()));
            };
            try {
                switch (type) {
                    case "group" -> lookup.groups(values, sink);
                    case "user" -> lookup.users(values, sink);
                    default -> {
                        boolean idStyle = permissionSetStyle.equals("id");
                        if (values.equals(List.of(":all"))) {
                            lookup.allPermissionSets(idStyle, sink);
                        } else {
                            lookup.permissionSets(values, idStyle, sink);
                        }
                    }
                }
            } catch (Lookup.NotFoundException e) {
                if (!headerDone[0]) {
                    output.row(headerFields);
                }
                output.finish();
                ctx.err().println(e.getMessage());
                return ExitCodes.ERROR;
            }
            if (!headerDone[0]) {
                output.row(headerFields);
            }
            output.finish();
            return ExitCodes.OK;
        }
    }

    /** The instance, resolved once: as given, else from the ids cache, else ListInstances (then cached). */
    private final class InstanceSource {
        private final AdminSupport.Session session;
        private final AdminOutput output;
        private Directory.Instance instance;

        InstanceSource(AdminSupport.Session session, AdminOutput output) {
            this.session = session;
            this.output = output;
        }

        Directory.Instance get(boolean showInstance, boolean showStore) {
            if (instance != null) {
                return instance;
            }
            boolean cached = false;
            if (admin.instanceArn == null && admin.identityStoreId == null) {
                IdsCache cache = new IdsCache(IdsCache.file(ctx.env().cliCacheDir(), session.profile(),
                        session.profile() == null ? session.accountId() : null, session.region()), ctx.log());
                Optional<Directory.Instance> hit = cache.read();
                if (hit.isPresent()) {
                    ctx.log().debug("using the instance cached in " + cache.file());
                    instance = hit.get();
                    cached = true;
                } else {
                    instance = AdminIds.resolve(session.directory(), null, null);
                    cache.write(instance);
                }
            } else {
                instance = AdminIds.resolve(session.directory(), admin.instanceArn, admin.identityStoreId);
            }
            String how = cached ? "cached " : "";
            if (showInstance) {
                output.line("Using " + how + "Identity Center instance " + AdminIds.instanceId(instance.instanceArn()));
            }
            if (showStore) {
                output.line("Using " + how + "identity store " + instance.identityStoreId());
            }
            return instance;
        }
    }
}
