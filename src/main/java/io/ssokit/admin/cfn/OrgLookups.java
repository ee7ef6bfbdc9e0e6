package io.ssokit.admin.cfn;

import io.ssokit.ExitCodes;
import io.ssokit.SsokitException;
import io.ssokit.admin.Directory;
import io.ssokit.admin.Directory.Account;
import io.ssokit.admin.Directory.PrincipalType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What generation reads from the organisation, each fact fetched at most once per run: the
 * instance (only when a config leaves it out or a lookup needs it), the accounts under OUs and
 * the names for {@code --lookup-names}.
 */
final class OrgLookups {
    private final Directory directory;
    private final String givenInstanceArn;
    private Directory.Instance instance;
    private String managementAccountId;
    private final Map<String, List<Account>> accountsByParent = new HashMap<>();
    private final Map<String, List<String>> ousByParent = new HashMap<>();
    private final Map<String, Optional<String>> accountNames = new HashMap<>();
    private final Map<String, Optional<String>> principalNames = new HashMap<>();
    private final Map<String, Optional<String>> permissionSetNames = new HashMap<>();

    OrgLookups(Directory directory, String givenInstance) {
        this.directory = directory;
        this.givenInstanceArn = givenInstance == null || givenInstance.isEmpty()
                ? null : AssignmentConfig.normalizeInstance(givenInstance);
    }

    /** The instance given with {@code --sso-instance}, or null. */
    String givenInstanceArn() {
        return givenInstanceArn;
    }

    /** The instance ARN: the given one, else the only instance ListInstances returns. */
    String instanceArn() {
        return givenInstanceArn != null ? givenInstanceArn : instance().instanceArn();
    }

    String identityStoreId() {
        return instance().identityStoreId();
    }

    private Directory.Instance instance() {
        if (instance != null) {
            return instance;
        }
        List<Directory.Instance> all = directory.instances();
        if (givenInstanceArn != null) {
            instance = all.stream().filter(i -> i.instanceArn().equals(givenInstanceArn)).findFirst()
                    .orElseThrow(() -> new SsokitException(ExitCodes.ERROR,
                            "no identity store found for Identity Center instance " + givenInstanceArn));
        } else if (all.isEmpty()) {
            throw new SsokitException(ExitCodes.ERROR, "no Identity Center instance found; give --sso-instance ARN");
        } else if (all.size() > 1) {
            throw new SsokitException(ExitCodes.ERROR, all.size() + " Identity Center instances found, give"
                    + " --sso-instance with one of: "
                    + all.stream().map(Directory.Instance::instanceArn).collect(Collectors.joining(", ")));
        } else {
            instance = all.get(0);
        }
        return instance;
    }

    /**
     * The ACTIVE accounts directly under an OU or root (and in all its descendants when
     * recursive), without the organization's management account, in listing order: an OU's own
     * accounts, then each child OU in turn.
     */
    List<Account> accountsFor(String ou, boolean recursive) {
        if (managementAccountId == null) {
            managementAccountId = directory.managementAccountId();
        }
        List<Account> out = new ArrayList<>();
        collect(ou, recursive, out);
        return out;
    }

    private void collect(String parent, boolean recursive, List<Account> out) {
        for (Account account : accountsByParent.computeIfAbsent(parent, directory::accountsForParent)) {
            accountNames.putIfAbsent(account.id(), Optional.ofNullable(account.name()));
            if ("ACTIVE".equals(account.status()) && !account.id().equals(managementAccountId)) {
                out.add(account);
            }
        }
        if (recursive) {
            for (String child : ousByParent.computeIfAbsent(parent, directory::organizationalUnitsForParent)) {
                collect(child, true, out);
            }
        }
    }

    Optional<String> accountName(String accountId) {
        return accountNames.computeIfAbsent(accountId, id -> directory.account(id).map(Account::name));
    }

    Optional<String> principalName(PrincipalType type, String id) {
        return principalNames.computeIfAbsent(type + "#" + id, k -> (type == PrincipalType.GROUP
                ? directory.group(identityStoreId(), id) : directory.user(identityStoreId(), id))
                .map(Directory.Principal::name));
    }

    Optional<String> permissionSetName(String permissionSetArn) {
        return permissionSetNames.computeIfAbsent(permissionSetArn,
                arn -> directory.permissionSet(instanceArn(), arn).map(Directory.PermissionSet::name));
    }
}
