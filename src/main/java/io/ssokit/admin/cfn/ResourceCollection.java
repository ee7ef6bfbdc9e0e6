package io.ssokit.admin.cfn;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The resources one config (or one AssignmentGroup) generates: its assignments, in generation
 * order and without duplicates, and its permission sets.
 */
record ResourceCollection(String stem, List<Assignment> assignments, List<PermissionSetSpec> permissionSets,
        String source) {

    /** The inline permission sets, one per logical ID. */
    Map<String, PermissionSetSpec> inlinePermissionSets() {
        Map<String, PermissionSetSpec> out = new LinkedHashMap<>();
        for (PermissionSetSpec ps : permissionSets) {
            if (ps.isResource()) {
                out.putIfAbsent(ps.resourceName(), ps);
            }
        }
        return out;
    }

    int numResources() {
        return assignments.size() + inlinePermissionSets().size();
    }
}
