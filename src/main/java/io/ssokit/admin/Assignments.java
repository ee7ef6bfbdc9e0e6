package io.ssokit.admin;

import io.ssokit.ExitCodes;
import io.ssokit.SsokitException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * {@code admin assignments} over a {@link Directory} (aws-sso-util §3.13, §8.2): every account
 * assignment of the instance, enumerated targets, then permission sets, then principals, each
 * row handed on as soon as it is known.
 *
 * <p>Filters: values of one option are OR-ed, different options AND-ed. Permission-set values
 * that all look like ids/ARNs are explicit targets, else all are filters (ARN, id or name regex).
 * Account values that are all 12-digit ids are explicit targets (with the {@code --ou}s);
 * names or partial ids with {@code --ou} are a usage error; {@code --ou} alone expands the OUs;
 * otherwise every account of the organisation is filtered by the account values. With any
 * {@code -g}/{@code -u}, a principal passes only if it matches a value of its own type.
 * Regexes are searched (unanchored), as Python's {@code re.search}.
 */
public final class Assignments {
    private static final Pattern EXPLICIT_PERMISSION_SET = Pattern.compile(
            "(arn:aws:sso:::permissionSet/)?((sso)?ins-[0-9a-f]+/)?ps-[0-9a-f]+");
    private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");
    private static final Pattern PARENT_ID = Pattern.compile("(r-[0-9a-z]{4,32})|(ou-[0-9a-z]{4,32}-[a-z0-9]{8,32})");

    /**
     * What to list.
     *
     * @param accountIds {@code --account-id}: a 12-digit id, or a prefix or suffix of one
     * @param accountNames {@code --account-name}: a regex on the account name
     * @param accounts the hidden {@code -a}: either
     */
    public record Query(List<String> groups, List<String> users, List<String> permissionSets, List<String> accountIds,
            List<String> accountNames, List<String> accounts, List<String> ous, boolean ouRecursive, boolean lookupNames) {
        public Query {
            groups = List.copyOf(groups);
            users = List.copyOf(users);
            permissionSets = List.copyOf(permissionSets);
            accountIds = List.copyOf(accountIds);
            accountNames = List.copyOf(accountNames);
            accounts = List.copyOf(accounts);
            ous = List.copyOf(ous);
        }
    }

    /** One assignment; names are null when not looked up or not found. */
    public record Row(String instanceArn, String principalType, String principalId, String principalName,
            String permissionSetArn, String permissionSetName, String targetType, String targetId, String targetName) {
    }

    private record Target(String id, String name) {
    }

    private final Directory directory;
    private final Directory.Instance instance;
    private final Query query;
    private final List<String> explicitPermissionSets;
    private final List<Pattern> permissionSetFilter;
    private final List<String> explicitAccounts;
    private final List<AccountMatcher> accountFilter;
    private final List<Pattern> groupFilter;
    private final List<Pattern> userFilter;
    private final Map<String, Optional<String>> permissionSetNames = new HashMap<>();
    private final Map<String, Optional<String>> principalNames = new HashMap<>();

    private record AccountMatcher(String idPart, Pattern name) {
        boolean matches(Target t) {
            if (idPart != null && (t.id().startsWith(idPart) || t.id().endsWith(idPart))) {
                return true;
            }
            return name != null && t.name() != null && name.matcher(t.name()).find();
        }
    }

    /**
     * Refuses a query that cannot run, before any call: account names or partial ids with
     * {@code --ou}, an OU id of the wrong shape, a regex that does not compile.
     *
     * @throws SsokitException with {@link ExitCodes#USAGE}
     */
    public static void check(Query query) {
        new Assignments(null, null, query);
    }

    /** @throws SsokitException with {@link ExitCodes#USAGE} as {@link #check} */
    public Assignments(Directory directory, Directory.Instance instance, Query query) {
        this.directory = directory;
        this.instance = instance;
        this.query = query;
        boolean explicitPs = query.permissionSets().stream().allMatch(v -> EXPLICIT_PERMISSION_SET.matcher(v).matches());
        this.explicitPermissionSets = explicitPs && !query.permissionSets().isEmpty() && instance != null
                ? query.permissionSets().stream().map(v -> Lookup.permissionSetArn(v, AdminIds.instanceId(instance.instanceArn()))).toList()
                : List.of();
        this.permissionSetFilter = explicitPs ? List.of() : regexes("--permission-set", query.permissionSets());
        for (String ou : query.ous()) {
            if (!PARENT_ID.matcher(ou).matches()) {
                throw new SsokitException(ExitCodes.USAGE, "--ou " + ou + " is not an OU id (ou-xxxx-xxxxxxxx) or a root id (r-xxxx)");
            }
        }
        List<String> accountValues = new ArrayList<>(query.accountIds());
        accountValues.addAll(query.accountNames());
        accountValues.addAll(query.accounts());
        boolean allIds = !accountValues.isEmpty() && accountValues.stream().allMatch(v -> ACCOUNT_ID.matcher(v).matches());
        if (!allIds && !accountValues.isEmpty() && !query.ous().isEmpty()) {
            throw new SsokitException(ExitCodes.USAGE, "account names or partial ids cannot be combined with --ou"
                    + " (give full 12-digit account ids, or filter without --ou)");
        }
        this.explicitAccounts = allIds ? List.copyOf(accountValues) : List.of();
        List<AccountMatcher> matchers = new ArrayList<>();
        if (!allIds) {
            for (String v : query.accountIds()) {
                matchers.add(new AccountMatcher(v, null));
            }
            for (String v : query.accountNames()) {
                matchers.add(new AccountMatcher(null, regex("--account-name", v)));
            }
            for (String v : query.accounts()) {
                matchers.add(new AccountMatcher(v, regex("--account", v)));
            }
        }
        this.accountFilter = matchers;
        this.groupFilter = regexes("--group", query.groups());
        this.userFilter = regexes("--user", query.users());
    }

    private static List<Pattern> regexes(String option, List<String> values) {
        return values.stream().map(v -> regex(option, v)).toList();
    }

    private static Pattern regex(String option, String value) {
        try {
            return Pattern.compile(value);
        } catch (PatternSyntaxException e) {
            throw new SsokitException(ExitCodes.USAGE, option + " '" + value + "' is not a valid regular expression: "
                    + e.getDescription());
        }
    }

    /** Lists the assignments, each row to {@code out} as soon as it is known. */
    public void run(Consumer<Row> out) {
        targets(t -> {
            for (String psArn : permissionSets(t)) {
                String psName = query.lookupNames() ? permissionSetName(psArn) : null;
                for (Directory.Assignment a : directory.accountAssignments(instance.instanceArn(), t.id(), psArn)) {
                    if (!principalPasses(a)) {
                        continue;
                    }
                    String principalName = query.lookupNames() ? principalName(a.principalType(), a.principalId()) : null;
                    out.accept(new Row(instance.instanceArn(), a.principalType().name(), a.principalId(), principalName,
                            psArn, psName, "AWS_ACCOUNT", t.id(), t.name()));
                }
            }
        });
    }

    private void targets(Consumer<Target> each) {
        if (!explicitAccounts.isEmpty() || !query.ous().isEmpty()) {
            for (String id : explicitAccounts) {
                String name = query.lookupNames() ? directory.account(id).map(Directory.Account::name).orElse(null) : null;
                each.accept(new Target(id, name));
            }
            for (String ou : query.ous()) {
                accountsUnder(ou, each);
            }
            return;
        }
        for (Directory.Account a : directory.accounts()) {
            Target t = new Target(a.id(), a.name());
            if (accountFilter.isEmpty() || accountFilter.stream().anyMatch(m -> m.matches(t))) {
                each.accept(t);
            }
        }
    }

    private void accountsUnder(String parent, Consumer<Target> each) {
        for (Directory.Account a : directory.accountsForParent(parent)) {
            each.accept(new Target(a.id(), a.name()));
        }
        if (query.ouRecursive()) {
            for (String child : directory.organizationalUnitsForParent(parent)) {
                accountsUnder(child, each);
            }
        }
    }

    private List<String> permissionSets(Target t) {
        if (!explicitPermissionSets.isEmpty()) {
            return explicitPermissionSets;
        }
        List<String> all = directory.permissionSetsProvisionedToAccount(instance.instanceArn(), t.id());
        if (permissionSetFilter.isEmpty()) {
            return all;
        }
        List<String> out = new ArrayList<>();
        for (String arn : all) {
            if (permissionSetPasses(arn)) {
                out.add(arn);
            }
        }
        return out;
    }

    /** A filter value matches the full ARN, the part after the prefix ({@code ssoins-x/ps-y}), the id, or searches the name. */
    private boolean permissionSetPasses(String arn) {
        String afterPrefix = arn.substring(arn.indexOf('/') + 1);
        String id = Lookup.permissionSetId(arn);
        for (int i = 0; i < permissionSetFilter.size(); i++) {
            String value = query.permissionSets().get(i);
            if (value.equals(arn) || value.equals(afterPrefix) || value.equals(id)) {
                return true;
            }
            String name = permissionSetName(arn);
            if (name != null && permissionSetFilter.get(i).matcher(name).find()) {
                return true;
            }
        }
        return false;
    }

    private boolean principalPasses(Directory.Assignment a) {
        if (groupFilter.isEmpty() && userFilter.isEmpty()) {
            return true;
        }
        boolean group = a.principalType() == Directory.PrincipalType.GROUP;
        List<String> values = group ? query.groups() : query.users();
        List<Pattern> patterns = group ? groupFilter : userFilter;
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i).equals(a.principalId())) {
                return true;
            }
            String name = principalName(a.principalType(), a.principalId());
            if (name != null && patterns.get(i).matcher(name).find()) {
                return true;
            }
        }
        return false;
    }

    private String permissionSetName(String arn) {
        return permissionSetNames.computeIfAbsent(arn,
                a -> directory.permissionSet(instance.instanceArn(), a).map(Directory.PermissionSet::name)).orElse(null);
    }

    private String principalName(Directory.PrincipalType type, String id) {
        return principalNames.computeIfAbsent(type + "/" + id, k -> (type == Directory.PrincipalType.GROUP
                ? directory.group(instance.identityStoreId(), id) : directory.user(instance.identityStoreId(), id))
                .map(Directory.Principal::name)).orElse(null);
    }
}
