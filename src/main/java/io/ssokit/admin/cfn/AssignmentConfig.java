package io.ssokit.admin.cfn;

import io.ssokit.ExitCodes;
import io.ssokit.Log;
import io.ssokit.SsokitException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one config file (spec §8.3) or one {@code SSOUtil::SSO::AssignmentGroup} resource (§8.4)
 * asks for: principals x permission sets x targets, with the key aliases resolved and every
 * value checked. Each problem is one usage error naming the file and the field.
 */
final class AssignmentConfig {
    static final String[] INSTANCE = {"Instance", "InstanceArn", "InstanceARN"};
    static final String[] GROUPS = {"Groups", "Group"};
    static final String[] USERS = {"Users", "User"};
    static final String[] PERMISSION_SETS = {"PermissionSets", "PermissionSet", "PermissionSetArn", "PermissionSetArns"};
    static final String[] OUS = {"OUs", "Ous", "OU", "Ou"};
    static final String[] RECURSIVE_OUS = {"RecursiveOUs", "RecursiveOus", "RecursiveOU", "RecursiveOu"};
    static final String[] ACCOUNTS = {"Accounts", "Account"};
    static final Set<String> SETTINGS = Set.of("MaxResourcesPerTemplate", "MaxConcurrentAssignments",
            "MaxAssignmentsAllocation", "NumChildStacks", "NumChildTemplates", "DefaultSessionDuration");

    private static final String INSTANCE_ARN_PREFIX = "arn:aws:sso:::instance/";

    Object instance;
    String groupName;
    final List<Object> groups = new ArrayList<>();
    final List<Object> users = new ArrayList<>();
    final List<Object> permissionSets = new ArrayList<>();
    final List<String> ous = new ArrayList<>();
    final List<String> recursiveOus = new ArrayList<>();
    final List<Object> accounts = new ArrayList<>();
    /** The AssignmentGroup's logical name (macro mode), or "" for a config file. */
    final String prefix;
    /** The file (and resource), for messages. */
    final String source;

    private AssignmentConfig(String prefix, String source) {
        this.prefix = prefix;
        this.source = source;
    }

    /** A config file's top-level mapping. */
    static AssignmentConfig fromConfigFile(Object data, String file, Log log) {
        if (!(data instanceof Map<?, ?>)) {
            throw usage(file + ": a config file must be a YAML mapping of Groups, Users, PermissionSets, OUs, Accounts, ...");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) data;
        for (String key : map.keySet()) {
            if (!isKnownConfigKey(key)) {
                log.warn(file + ": ignoring unknown key " + key);
            }
        }
        AssignmentConfig c = new AssignmentConfig("", file);
        Object name = pick(map, file, "AssignmentGroupName");
        if (name != null && !(name instanceof String)) {
            throw usage(file + ": AssignmentGroupName must be a string");
        }
        c.groupName = (String) name;
        c.instance = instance(pick(map, file, INSTANCE), file + ": Instance");
        for (Object g : list(pick(map, file, GROUPS))) {
            c.groups.add(principalId(g, file + ": Groups"));
        }
        for (Object u : list(pick(map, file, USERS))) {
            c.users.add(principalId(u, file + ": Users"));
        }
        c.permissionSets.addAll(list(pick(map, file, PERMISSION_SETS)));
        for (Object ou : list(pick(map, file, OUS))) {
            c.ous.add(ou(ou, file + ": OUs"));
        }
        for (Object ou : list(pick(map, file, RECURSIVE_OUS))) {
            c.recursiveOus.add(ou(ou, file + ": RecursiveOUs"));
        }
        for (Object a : list(pick(map, file, ACCOUNTS))) {
            c.accounts.add(account(a, file + ": Accounts"));
        }
        if (c.groups.isEmpty() && c.users.isEmpty()) {
            throw usage(file + ": no principals: set Groups or Users");
        }
        if (c.permissionSets.isEmpty()) {
            throw usage(file + ": no permission sets: set PermissionSets");
        }
        if (c.ous.isEmpty() && c.recursiveOus.isEmpty() && c.accounts.isEmpty()) {
            throw usage(file + ": no targets: set OUs, RecursiveOUs or Accounts");
        }
        return c;
    }

    private static boolean isKnownConfigKey(String key) {
        if (key.equals("AssignmentGroupName") || SETTINGS.contains(key)) {
            return true;
        }
        for (String[] aliases : List.of(INSTANCE, GROUPS, USERS, PERMISSION_SETS, OUS, RECURSIVE_OUS, ACCOUNTS)) {
            if (Arrays.asList(aliases).contains(key)) {
                return true;
            }
        }
        return false;
    }

    /**
     * An {@code SSOUtil::SSO::AssignmentGroup} resource, checked like the original's JSON schema
     * (no other property keys, exactly one alias of each, required Principals, PermissionSets and
     * Targets).
     */
    static AssignmentGroup fromAssignmentGroup(String logicalName, Object resource, String file) {
        String where = file + ": Resources." + logicalName;
        if (!(resource instanceof Map<?, ?> res) || !(res.get("Properties") instanceof Map<?, ?>)) {
            throw usage(where + ": an AssignmentGroup needs Properties (Principals, PermissionSets, Targets)");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> props = (Map<String, Object>) res.get("Properties");
        where = where + ".Properties";
        Set<String> allowed = Set.of("Name", "Instance", "InstanceArn", "InstanceARN", "Principal", "Principals",
                "PermissionSet", "PermissionSets", "PermissionSetArn", "PermissionSetArns", "Target", "Targets",
                "UpdateNonce");
        for (String key : props.keySet()) {
            if (!allowed.contains(key)) {
                throw usage(where + ": unknown property " + key + " (allowed: Name, Instance, Principals,"
                        + " PermissionSets, Targets, UpdateNonce and their aliases)");
            }
        }
        AssignmentConfig c = new AssignmentConfig(logicalName, where);
        Object name = exactlyOne(props, where, false, "Name");
        stringOrIntrinsic(name, where + ".Name");
        if (name instanceof String s) {
            c.groupName = s;
        }
        stringOrIntrinsic(exactlyOne(props, where, false, "UpdateNonce"), where + ".UpdateNonce");
        Object instance = exactlyOne(props, where, false, INSTANCE);
        stringOrIntrinsic(instance, where + ".Instance");
        c.instance = instance(instance, where + ".Instance");

        List<Object> principals = list(exactlyOne(props, where, true, "Principal", "Principals"));
        for (int i = 0; i < principals.size(); i++) {
            String at = where + ".Principals[" + i + "]";
            Map<String, Object> entry = entry(principals.get(i), at, Set.of("Type", "PrincipalType", "Id", "PrincipalId",
                    "Ids", "PrincipalIds"));
            Object type = exactlyOne(entry, at, true, "Type", "PrincipalType");
            List<Object> ids = list(exactlyOne(entry, at, true, "Id", "PrincipalId", "Ids", "PrincipalIds"));
            if ("GROUP".equals(type)) {
                ids.forEach(id -> c.groups.add(principalId(id, at + ".Ids")));
            } else if ("USER".equals(type)) {
                ids.forEach(id -> c.users.add(principalId(id, at + ".Ids")));
            } else {
                throw usage(at + ".Type must be GROUP or USER, not " + PermissionSetSpec.describe(type));
            }
        }

        for (Object ps : list(exactlyOne(props, where, true, PERMISSION_SETS))) {
            if (!(ps instanceof String) && !Intrinsic.isIntrinsic(ps)) {
                throw usage(where + ".PermissionSets: " + PermissionSetSpec.describe(ps) + " is not an ARN, ID or intrinsic"
                        + " function (define permission sets as AWS::SSO::PermissionSet resources and !GetAtt them)");
            }
            c.permissionSets.add(ps);
        }

        List<Object> targets = list(exactlyOne(props, where, true, "Target", "Targets"));
        for (int i = 0; i < targets.size(); i++) {
            String at = where + ".Targets[" + i + "]";
            Map<String, Object> entry = entry(targets.get(i), at, Set.of("Type", "TargetType", "Id", "TargetId", "Ids",
                    "TargetIds", "Recursive"));
            Object type = exactlyOne(entry, at, true, "Type", "TargetType");
            List<Object> ids = list(exactlyOne(entry, at, true, "Id", "TargetId", "Ids", "TargetIds"));
            Object recursive = entry.getOrDefault("Recursive", Boolean.FALSE);
            if (!(recursive instanceof Boolean)) {
                throw usage(at + ".Recursive must be true or false");
            }
            if ("AWS_OU".equals(type)) {
                for (Object id : ids) {
                    (((Boolean) recursive) ? c.recursiveOus : c.ous).add(ou(id, at + ".Ids"));
                }
            } else if ("AWS_ACCOUNT".equals(type)) {
                ids.forEach(id -> c.accounts.add(account(id, at + ".Ids")));
            } else {
                throw usage(at + ".Type must be AWS_OU or AWS_ACCOUNT, not " + PermissionSetSpec.describe(type));
            }
        }
        return new AssignmentGroup(logicalName, c);
    }

    /** A validated AssignmentGroup resource and its config. */
    record AssignmentGroup(String logicalName, AssignmentConfig config) {
    }

    private static Map<String, Object> entry(Object value, String where, Set<String> allowed) {
        if (!(value instanceof Map<?, ?>) || Intrinsic.isIntrinsic(value)) {
            throw usage(where + " must be a mapping with Type and Ids");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) value;
        for (String key : map.keySet()) {
            if (!allowed.contains(key)) {
                throw usage(where + ": unknown key " + key);
            }
        }
        return map;
    }

    /** The value of the one alias present (null values count as absent); two aliases are an error. */
    private static Object pick(Map<String, Object> data, String where, String... aliases) {
        String found = null;
        for (String alias : aliases) {
            if (data.get(alias) != null) {
                if (found != null) {
                    throw usage(where + ": both " + found + " and " + alias + " are set; use one");
                }
                found = alias;
            }
        }
        return found == null ? null : data.get(found);
    }

    private static Object exactlyOne(Map<String, Object> data, String where, boolean required, String... aliases) {
        List<String> present = new ArrayList<>();
        for (String alias : aliases) {
            if (data.containsKey(alias)) {
                present.add(alias);
            }
        }
        if (present.size() > 1) {
            throw usage(where + " must have only one of " + String.join(", ", present));
        }
        if (required && (present.isEmpty() || data.get(present.get(0)) == null)) {
            throw usage(where + " must have one of " + String.join(", ", aliases));
        }
        return present.isEmpty() ? null : data.get(present.get(0));
    }

    /** A single value or a list, as a list (a whole-list intrinsic stays one item). */
    private static List<Object> list(Object value) {
        if (value == null) {
            return new ArrayList<>();
        }
        if (value instanceof List<?> l) {
            return new ArrayList<>(l);
        }
        List<Object> one = new ArrayList<>();
        one.add(value);
        return one;
    }

    private static void stringOrIntrinsic(Object value, String where) {
        if (value != null && !(value instanceof String) && !Intrinsic.isIntrinsic(value)) {
            throw usage(where + " must be a string or an intrinsic function");
        }
    }

    /** A literal instance is normalized to its ARN ({@code ssoins-...} gets the ARN prefix). */
    private static Object instance(Object value, String where) {
        if (value == null || Intrinsic.isIntrinsic(value)) {
            return value;
        }
        if (value instanceof String s && !s.isEmpty()) {
            return normalizeInstance(s);
        }
        throw usage(where + " must be an instance ARN, an ssoins- ID or an intrinsic function");
    }

    static String normalizeInstance(String instance) {
        return instance.startsWith("arn:") ? instance : INSTANCE_ARN_PREFIX + instance;
    }

    private static Object principalId(Object value, String where) {
        if (value instanceof String s && !s.isEmpty() || Intrinsic.isIntrinsic(value)) {
            return value;
        }
        throw usage(where + ": " + PermissionSetSpec.describe(value) + " is not a principal ID or an intrinsic function");
    }

    private static String ou(Object value, String where) {
        if (value instanceof String s && s.matches("(ou|r)-[0-9a-z-]+")) {
            return s;
        }
        if (Intrinsic.isIntrinsic(value)) {
            throw usage(where + ": OUs must be literal ou-... or r-... IDs; they are expanded to accounts when the"
                    + " template is generated, so an intrinsic function cannot be used");
        }
        throw usage(where + ": " + PermissionSetSpec.describe(value) + " is not an OU (ou-...) or root (r-...) ID");
    }

    /** Account IDs: numbers and short digit strings are zero-padded to 12 digits. */
    static Object account(Object value, String where) {
        if (Intrinsic.isIntrinsic(value)) {
            return value;
        }
        String digits = null;
        if (value instanceof Integer || value instanceof Long || value instanceof BigInteger) {
            digits = value.toString();
        } else if (value instanceof String s) {
            digits = s;
        }
        if (digits != null && digits.matches("[0-9]{1,12}")) {
            return "0".repeat(12 - digits.length()) + digits;
        }
        throw usage(where + ": " + PermissionSetSpec.describe(value) + " is not a 12-digit account ID or an intrinsic function");
    }

    /** The group-level Metadata.SSO entries of every assignment of this config. */
    Map<String, Object> metadata() {
        Map<String, Object> m = new LinkedHashMap<>();
        if (!prefix.isEmpty()) {
            m.put("AssignmentGroupResourceName", prefix);
        }
        if (groupName != null) {
            m.put("AssignmentGroupName", groupName);
        }
        return m;
    }

    private static SsokitException usage(String message) {
        return new SsokitException(ExitCodes.USAGE, message);
    }
}
