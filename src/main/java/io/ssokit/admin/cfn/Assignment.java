package io.ssokit.admin.cfn;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * One generated assignment: principal x permission set x account, with its stable logical ID.
 *
 * @param metadata the group-level {@code Metadata.SSO} entries ({@code AssignmentGroupResourceName},
 *     {@code AssignmentGroupName}); names looked up later are added when rendering
 * @param source the file and group, for error messages
 */
record Assignment(Object instance, Principal principal, PermissionSetSpec permissionSet, Target target,
        Map<String, Object> metadata, byte[] digest, String logicalId, String source) {

    static Assignment of(Object instance, Principal principal, PermissionSetSpec permissionSet, Target target,
            Map<String, Object> metadata, String prefix, String source) {
        byte[] digest = LogicalIds.digest(instance, principal.type().name(), principal.id(), permissionSet.arn(),
                Target.TYPE, target.id());
        return new Assignment(instance, principal, permissionSet, target, metadata, digest,
                LogicalIds.assignmentId(prefix, digest), source);
    }

    /** Every parameter or resource name the assignment refers to. */
    Set<String> references() {
        Set<String> refs = new LinkedHashSet<>(Intrinsic.references(instance));
        refs.addAll(Intrinsic.references(principal.id()));
        refs.addAll(permissionSet.references());
        refs.addAll(Intrinsic.references(target.id()));
        return refs;
    }

    /** The resources the assignment reads an attribute of. */
    Set<String> getAttTargets() {
        Set<String> targets = new LinkedHashSet<>(Intrinsic.getAttTargets(instance));
        targets.addAll(Intrinsic.getAttTargets(principal.id()));
        targets.addAll(Intrinsic.getAttTargets(permissionSet.arn()));
        targets.addAll(Intrinsic.getAttTargets(target.id()));
        return targets;
    }
}
