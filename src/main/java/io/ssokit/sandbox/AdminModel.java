package io.ssokit.sandbox;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The organisation as the admin services see it (sso-admin, identitystore, organizations):
 * permission-set ARNs per instance, users and groups by id and name, account assignments derived
 * from {@code access}, and the OU tree by parent. Computed once from the immutable {@link Org}.
 */
final class AdminModel {
    /** One principal of an account assignment. */
    record Principal(String type, String id) {
    }

    /** An OU with the id of its parent (an OU or the root). */
    record Unit(Org.OrganizationalUnit unit, String parentId) {
    }

    private final Org org;
    private final List<String> permissionSetNames;
    private final Map<String, Org.PermissionSet> details = new LinkedHashMap<>();
    private final Map<String, List<Org.Account>> accountsByParent = new LinkedHashMap<>();
    private final Map<String, List<Org.OrganizationalUnit>> unitsByParent = new LinkedHashMap<>();

    AdminModel(Org org) {
        this.org = org;
        Set<String> names = new LinkedHashSet<>();
        for (Org.Account a : org.accounts()) {
            names.addAll(a.roles());
        }
        for (Org.PermissionSet p : org.permissionSets()) {
            names.add(p.name());
            details.put(p.name(), p);
        }
        permissionSetNames = List.copyOf(names);
        accountsByParent.put(org.rootId(), new ArrayList<>());
        unitsByParent.put(org.rootId(), new ArrayList<>(org.organizationalUnits()));
        Set<String> placed = new LinkedHashSet<>();
        index(org.organizationalUnits(), placed);
        for (Org.Account a : org.accounts()) {
            if (!placed.contains(a.id())) {
                accountsByParent.get(org.rootId()).add(a);
            }
        }
    }

    private void index(List<Org.OrganizationalUnit> units, Set<String> placed) {
        for (Org.OrganizationalUnit u : units) {
            List<Org.Account> in = new ArrayList<>();
            for (String id : u.accounts()) {
                in.add(org.account(id).orElseThrow());
                placed.add(id);
            }
            accountsByParent.put(u.id(), in);
            unitsByParent.put(u.id(), u.children());
            index(u.children(), placed);
        }
    }

    Org org() {
        return org;
    }

    Optional<Org.Instance> instance(String instanceArn) {
        return org.instances().stream().filter(i -> i.instanceArn().equals(instanceArn)).findFirst();
    }

    Optional<Org.Instance> instanceOfStore(String identityStoreId) {
        return org.instances().stream().filter(i -> i.identityStoreId().equals(identityStoreId)).findFirst();
    }

    /** Every permission set's name: the roles of the accounts in order of appearance, then the described ones. */
    List<String> permissionSetNames() {
        return permissionSetNames;
    }

    static String permissionSetArn(Org.Instance instance, String name) {
        return "arn:aws:sso:::permissionSet/" + instance.instanceId() + "/ps-" + Ids.hex16(instance.instanceId() + "/" + name);
    }

    /** The name of the permission set with this ARN in the instance. */
    Optional<String> permissionSetName(Org.Instance instance, String arn) {
        return permissionSetNames.stream().filter(n -> permissionSetArn(instance, n).equals(arn)).findFirst();
    }

    /** The details given in the org file, or a permission set with no description and AWS's default of one hour. */
    Org.PermissionSet details(String name) {
        Org.PermissionSet p = details.get(name);
        return p != null && p.sessionDuration() != null ? p
                : new Org.PermissionSet(name, p == null ? null : p.description(), "PT1H");
    }

    Optional<Org.User> user(String id) {
        return org.users().stream().filter(u -> u.id().equals(id)).findFirst();
    }

    Optional<Org.Group> group(String id) {
        return org.groups().stream().filter(g -> g.id().equals(id)).findFirst();
    }

    /** The principals assigned this permission set in this account: users first, then groups, in org order. */
    List<Principal> assignments(Org.Account account, String permissionSet) {
        List<Principal> out = new ArrayList<>();
        for (Org.User u : org.users()) {
            if (Org.granted(u.access(), account).contains(permissionSet)) {
                out.add(new Principal("USER", u.id()));
            }
        }
        for (Org.Group g : org.groups()) {
            if (Org.granted(g.access(), account).contains(permissionSet)) {
                out.add(new Principal("GROUP", g.id()));
            }
        }
        return out;
    }

    boolean isParent(String id) {
        return accountsByParent.containsKey(id);
    }

    List<Org.Account> accountsFor(String parentId) {
        return accountsByParent.getOrDefault(parentId, List.of());
    }

    List<Org.OrganizationalUnit> unitsFor(String parentId) {
        return unitsByParent.getOrDefault(parentId, List.of());
    }

    /** The organisation's id, {@code o-} and ten characters, stable for the management account. */
    String organizationId() {
        return "o-" + Ids.hex16("organization/" + org.managementAccount()).substring(0, 10);
    }
}
