package io.ssokit.admin.cfn;

import io.ssokit.admin.Directory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An organisation in memory for the cfn tests: instances, an OU tree with accounts, users,
 * groups and permission sets. Counts the calls so tests can see what generation asked for.
 */
final class InMemoryDirectory implements Directory {
    final List<Instance> instances = new ArrayList<>();
    String managementAccountId = "999999999999";
    private final Map<String, List<Account>> accountsByParent = new LinkedHashMap<>();
    private final Map<String, List<String>> ousByParent = new LinkedHashMap<>();
    private final Map<String, Principal> principals = new LinkedHashMap<>();
    private final Map<String, PermissionSet> permissionSets = new LinkedHashMap<>();
    final Map<String, Integer> calls = new LinkedHashMap<>();

    /** The organisation most tests use: one instance, a root with two OUs, one nested. */
    static InMemoryDirectory standard() {
        InMemoryDirectory d = new InMemoryDirectory();
        d.instances.add(new Instance("arn:aws:sso:::instance/ssoins-69e2ecd0b249f0cd", "d-1234567890"));
        d.account("r-ab12", "999999999999", "management", "ACTIVE");
        d.account("r-ab12", "111111111111", "root-member", "ACTIVE");
        d.ou("r-ab12", "ou-ab12-11111111");
        d.ou("r-ab12", "ou-ab12-22222222");
        d.account("ou-ab12-11111111", "222222222222", "dev", "ACTIVE");
        d.account("ou-ab12-11111111", "333333333333", "closed", "SUSPENDED");
        d.ou("ou-ab12-11111111", "ou-ab12-33333333");
        d.account("ou-ab12-33333333", "444444444444", "sandbox", "ACTIVE");
        d.account("ou-ab12-33333333", "555555555555", "closing", "PENDING_CLOSURE");
        d.account("ou-ab12-22222222", "666666666666", "prod", "ACTIVE");
        d.principal(PrincipalType.GROUP, "6c1645fc-37b5-40ba-8c3d-5216b9055505", "Admins");
        d.principal(PrincipalType.USER, "94482488-3041-7026-18f3-2b0e6b5a3e51", "alice@example.com");
        d.addPermissionSet("arn:aws:sso:::permissionSet/ssoins-69e2ecd0b249f0cd/ps-b5b9375180ceaaac", "AdministratorAccess");
        return d;
    }

    InMemoryDirectory account(String parent, String id, String name, String status) {
        accountsByParent.computeIfAbsent(parent, k -> new ArrayList<>()).add(new Account(id, name, status));
        return this;
    }

    InMemoryDirectory ou(String parent, String child) {
        ousByParent.computeIfAbsent(parent, k -> new ArrayList<>()).add(child);
        return this;
    }

    InMemoryDirectory principal(PrincipalType type, String id, String name) {
        principals.put(type + "#" + id, new Principal(type, id, name));
        return this;
    }

    InMemoryDirectory addPermissionSet(String arn, String name) {
        permissionSets.put(arn, new PermissionSet(arn, name, null, null));
        return this;
    }

    int calls(String operation) {
        return calls.getOrDefault(operation, 0);
    }

    private void count(String operation) {
        calls.merge(operation, 1, Integer::sum);
    }

    @Override
    public List<Instance> instances() {
        count("ListInstances");
        return List.copyOf(instances);
    }

    @Override
    public List<String> permissionSets(String instanceArn) {
        count("ListPermissionSets");
        return List.copyOf(permissionSets.keySet());
    }

    @Override
    public Optional<PermissionSet> permissionSet(String instanceArn, String permissionSetArn) {
        count("DescribePermissionSet");
        return Optional.ofNullable(permissionSets.get(permissionSetArn));
    }

    @Override
    public List<String> permissionSetsProvisionedToAccount(String instanceArn, String accountId) {
        throw new UnsupportedOperationException("admin cfn does not read provisioned permission sets");
    }

    @Override
    public List<Assignment> accountAssignments(String instanceArn, String accountId, String permissionSetArn) {
        throw new UnsupportedOperationException("admin cfn does not read existing assignments");
    }

    @Override
    public Optional<Principal> user(String identityStoreId, String userId) {
        count("DescribeUser");
        return Optional.ofNullable(principals.get(PrincipalType.USER + "#" + userId));
    }

    @Override
    public Optional<Principal> group(String identityStoreId, String groupId) {
        count("DescribeGroup");
        return Optional.ofNullable(principals.get(PrincipalType.GROUP + "#" + groupId));
    }

    @Override
    public Optional<Principal> userByName(String identityStoreId, String userName) {
        throw new UnsupportedOperationException("admin cfn looks principals up by ID only");
    }

    @Override
    public Optional<Principal> groupByName(String identityStoreId, String displayName) {
        throw new UnsupportedOperationException("admin cfn looks principals up by ID only");
    }

    @Override
    public String managementAccountId() {
        count("DescribeOrganization");
        return managementAccountId;
    }

    @Override
    public List<Account> accounts() {
        count("ListAccounts");
        return accountsByParent.values().stream().flatMap(List::stream).toList();
    }

    @Override
    public Optional<Account> account(String accountId) {
        count("DescribeAccount");
        return accountsByParent.values().stream().flatMap(List::stream).filter(a -> a.id().equals(accountId)).findFirst();
    }

    @Override
    public List<Account> accountsForParent(String parentId) {
        count("ListAccountsForParent");
        return List.copyOf(accountsByParent.getOrDefault(parentId, List.of()));
    }

    @Override
    public List<String> organizationalUnitsForParent(String parentId) {
        count("ListOrganizationalUnitsForParent");
        return List.copyOf(ousByParent.getOrDefault(parentId, List.of()));
    }
}
