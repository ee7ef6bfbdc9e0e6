package io.ssokit.admin.cfn;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code Metadata.SSO} of an assignment resource, and the names {@code --lookup-names} adds
 * to it and to the CSV: group name, display name and account name, each only for a literal ID
 * that the organisation knows.
 */
final class Metadata {
    private final OrgLookups lookups;

    /** @param lookups where names come from, or null when names are not looked up */
    Metadata(OrgLookups lookups) {
        this.lookups = lookups;
    }

    Map<String, Object> forAssignment(Assignment a, boolean child) {
        Map<String, Object> sso = new LinkedHashMap<>(a.metadata());
        if (a.target().sourceOu() != null) {
            sso.put("AccountSourceOU", a.target().sourceOu());
        }
        putIfKnown(sso, "PrincipalName", principalName(a));
        Object arn = child ? a.permissionSet().arnInChild(a.source()) : a.permissionSet().arn();
        putIfKnown(sso, "PermissionSetName", arn instanceof String s ? permissionSetName(s) : null);
        putIfKnown(sso, "TargetName", targetName(a));
        return sso;
    }

    private static void putIfKnown(Map<String, Object> sso, String key, String value) {
        if (value != null) {
            sso.put(key, value);
        }
    }

    String principalName(Assignment a) {
        return lookups != null && a.principal().id() instanceof String id
                ? lookups.principalName(a.principal().type(), id).orElse(null) : null;
    }

    String permissionSetName(String arn) {
        return lookups != null ? lookups.permissionSetName(arn).orElse(null) : null;
    }

    String targetName(Assignment a) {
        return lookups != null && a.target().id() instanceof String id ? lookups.accountName(id).orElse(null) : null;
    }
}
