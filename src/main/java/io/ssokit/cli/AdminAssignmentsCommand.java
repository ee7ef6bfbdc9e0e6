package io.ssokit.cli;

import io.ssokit.ExitCodes;
import io.ssokit.SsokitException;
import io.ssokit.admin.AdminIds;
import io.ssokit.admin.Assignments;
import io.ssokit.admin.Directory;
import io.ssokit.admin.Lookup;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ssokit admin assignments}: who has which permission set in which account (aws-sso-util §3.13, §8.2). */
@Command(name = "assignments",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        header = "List account assignments: who has which permission set in which account.",
        description = {
            "List account assignments, one separated row each, streamed as found:",
            "  ssokit admin assignments > assignments.csv",
            "  ssokit admin assignments -g Admins --account-name '^Prod'",
            "  ssokit admin assignments --ou ou-ab12-abcdef12 --ou-recursive -p ReadOnly",
            "",
            "Columns: instance_arn, principal_type, principal_id, principal_name, permission_set_arn, permission_set_name, "
                    + "target_type, target_id, target_name. Values of one option are OR-ed, different options AND-ed. "
                    + "--permission-set values that are all ARNs/ids are queried directly; otherwise each is an ARN, id or name "
                    + "regex. Account values that are all 12-digit ids are queried directly (with any --ou); else every account "
                    + "is filtered by id prefix/suffix or name regex. Names missing or not looked up are empty. Values are not "
                    + "CSV-quoted."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:listed",
            "1:AWS refused a call (the rows before it are printed)",
            "2:bad usage or configuration"})
public final class AdminAssignmentsCommand extends BaseCommand {
    @Mixin
    AdminOptions admin = new AdminOptions();
    static final String ARN_STYLE_VAR = "AWS_SSO_UTIL_ASSIGNMENTS_ARN_STYLE";




    @Option(order = 10, names = {"--group", "-g"}, paramLabel = "GROUP", description = "Group id (exact) or display-name regex; repeatable.")
    List<String> groups = new ArrayList<>();

    @Option(order = 11, names = {"--user", "-u"}, paramLabel = "USER", description = "User id (exact) or user-name regex; repeatable.")
    List<String> users = new ArrayList<>();

    @Option(order = 12, names = {"--permission-set", "-p"}, paramLabel = "PERM_SET", description = "Permission set ARN, ssoins-.../ps-..., "
            + "ps-... or name regex; repeatable.")
    List<String> permissionSets = new ArrayList<>();

    @Option(order = 13, names = "--account-id", paramLabel = "ID", description = "Account id, or a prefix or suffix of one; repeatable.")
    List<String> accountIds = new ArrayList<>();

    @Option(order = 14, names = "--account-name", paramLabel = "REGEX", description = "Account name regex; repeatable.")
    List<String> accountNames = new ArrayList<>();

    @Option(order = 15, names = {"--account", "-a"}, hidden = true, paramLabel = "ACCOUNT", description = "Account id or name (either).")
    List<String> accounts = new ArrayList<>();

    @Option(order = 16, names = "--ou", paramLabel = "ID", description = "OU (ou-...) or root (r-...) whose accounts to list; repeatable.")
    List<String> ous = new ArrayList<>();

    boolean ouRecursive;

    @Option(order = 17, names = "--ou-recursive", description = "With --ou, also the accounts of the OUs below.")
    void ouRecursive(boolean v) {
        ouRecursive = true;
    }

    @Option(order = 18, names = "--ou-not-recursive", description = "With --ou, only the accounts directly in it (the default).")
    void ouNotRecursive(boolean v) {
        ouRecursive = false;
    }

    boolean lookupNames = true;

    @Option(order = 19, names = "--lookup-names", description = "Look up principal, permission-set and account names (the default).")
    void lookupNames(boolean v) {
        lookupNames = true;
    }

    @Option(order = 20, names = "--no-lookup-names", description = "Leave names empty (fewer calls), except where a filter needs them.")
    void noLookupNames(boolean v) {
        lookupNames = false;
    }


    @Option(order = 21, names = {"--separator", "--sep"}, paramLabel = "SEP", description = "Field separator (default: ,).")
    String separator = ",";


    @Option(order = 22, names = "--arn-style", paramLabel = "arn|id", description = "Instance and permission-set columns as full ARNs "
            + "(default) or ids; default from " + ARN_STYLE_VAR + ".")
    String arnStyle;

    @Override
    protected int run() {
        String style = arnStyle != null ? arnStyle : ctx.env().get(ARN_STYLE_VAR) != null ? ctx.env().get(ARN_STYLE_VAR) : "arn";
        if (!style.equals("arn") && !style.equals("id")) {
            throw new SsokitException(ExitCodes.USAGE, (arnStyle != null ? "--arn-style" : ARN_STYLE_VAR) + " must be arn or id, got '"
                    + style + "'");
        }
        if (separator.isEmpty()) {
            throw new SsokitException(ExitCodes.USAGE, "--separator must not be empty");
        }
        boolean ids = style.equals("id");
        Assignments.Query query = new Assignments.Query(groups, users, permissionSets, accountIds, accountNames, accounts, ous,
                ouRecursive, lookupNames);
        // a query that cannot run is refused before any credentials are resolved
        Assignments.check(query);
        try (AdminSupport.Session session = AdminSupport.open(ctx, admin.profile)) {
            Directory.Instance instance = AdminIds.resolve(session.directory(), admin.instanceArn, admin.identityStoreId);
            if (admin.showId) {
                ctx.log().info("Using Identity Center instance " + AdminIds.instanceId(instance.instanceArn()));
            }
            Assignments assignments = new Assignments(session.directory(), instance, query);
            AdminOutput output = new AdminOutput(ctx.out(), separator);
            List<String> headerFields = List.of(ids ? "instance_id" : "instance_arn", "principal_type", "principal_id",
                    "principal_name", ids ? "permission_set_id" : "permission_set_arn", "permission_set_name", "target_type",
                    "target_id", "target_name");
            // the header goes out with the first row, so a listing that fails at once leaves stdout empty
            boolean[] headerDone = {!admin.header};
            assignments.run(r -> {
                if (!headerDone[0]) {
                    output.row(headerFields);
                    headerDone[0] = true;
                }
                output.row(List.of(
                        ids ? AdminIds.instanceId(r.instanceArn()) : r.instanceArn(),
                        r.principalType(), r.principalId(), orEmpty(r.principalName()),
                        ids ? Lookup.permissionSetId(r.permissionSetArn()) : r.permissionSetArn(),
                        orEmpty(r.permissionSetName()), r.targetType(), r.targetId(), orEmpty(r.targetName())));
            });
            if (!headerDone[0]) {
                output.row(headerFields);
            }
            return ExitCodes.OK;
        }
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
