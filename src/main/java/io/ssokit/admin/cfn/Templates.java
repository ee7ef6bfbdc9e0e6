package io.ssokit.admin.cfn;

import io.ssokit.ExitCodes;
import io.ssokit.SsokitException;
import io.ssokit.json.PythonJson;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

/**
 * Turns resource collections into CloudFormation templates (spec §8.5): the parent with the
 * permission sets, the assignments or the child stacks, and the parameters for every reference;
 * the child templates with their share of the assignments; the permission-set post-processing.
 */
final class Templates {
    static final String FORMAT_VERSION = "2010-09-09";
    static final String ASSIGNMENT_TYPE = "AWS::SSO::Assignment";
    static final String STACK_TYPE = "AWS::CloudFormation::Stack";

    private Templates() {
    }

    /** How one collection is laid out: the assignments kept in the parent and each child's share. */
    record Layout(List<Assignment> parentAssignments, List<List<Assignment>> children) {
    }

    /**
     * A child template to write, with the path its parent refers to it by.
     *
     * @param getAtts the child parameters that stand for a {@code !GetAtt} of the parent, and that GetAtt
     */
    record Child(String stem, String fileName, String templateUrl, Map<String, Object> template,
            Map<String, Intrinsic> getAtts) {
    }

    /**
     * Decides where the assignments go and checks the limits.
     *
     * @param parentResources resources already in (or reserved for) the parent template
     */
    static Layout layout(ResourceCollection col, GenerationSettings settings, int parentResources) {
        Integer n = settings.numChildStacks();
        int max = settings.maxResourcesPerTemplate();
        int assignments = col.assignments().size();
        int permissionSets = col.inlinePermissionSets().size();
        boolean tooMany = assignments + permissionSets + parentResources > max;
        Layout layout;
        if (n == null || n == 0) {
            if (tooMany) {
                throw new SsokitException(ExitCodes.ERROR, col.source() + ": " + assignments + " assignments and "
                        + permissionSets + " permission sets do not fit into one template of at most " + max
                        + " resources" + (parentResources > 0 ? " (" + parentResources + " already taken)" : "")
                        + "; set a number of child stacks (--num-child-stacks or NumChildStacks"
                        + (n == null ? ")" : ", now 0)"));
            }
            layout = new Layout(col.assignments(), List.of());
        } else {
            if ((long) n * max < assignments) {
                throw new SsokitException(ExitCodes.ERROR, col.source() + ": " + assignments
                        + " assignments do not fit into " + n + " child stacks of at most " + max
                        + " resources; raise the number of child stacks");
            }
            List<List<Assignment>> children = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                children.add(new ArrayList<>());
            }
            for (Assignment a : col.assignments()) {
                children.get(LogicalIds.childIndex(a.digest(), n)).add(a);
            }
            for (int i = 0; i < n; i++) {
                if (children.get(i).size() > max) {
                    throw new SsokitException(ExitCodes.ERROR, col.source() + ": child stack " + i + " of " + n
                            + " would get " + children.get(i).size() + " assignments (the split is by hash), more than "
                            + max + "; raise the number of child stacks");
                }
            }
            layout = new Layout(List.of(), children);
        }
        if (permissionSets + parentResources > max) {
            throw new SsokitException(ExitCodes.ERROR, col.source() + ": the parent template would hold "
                    + (permissionSets + parentResources) + " resources (" + permissionSets + " permission sets, "
                    + parentResources + " child stacks and other resources), more than " + max);
        }
        return layout;
    }

    /** The child templates of a layout (empty shares get none, but keep their number). */
    static List<Child> children(Layout layout, String stem, String suffix, GenerationSettings settings,
            Metadata metadata) {
        List<Child> out = new ArrayList<>();
        for (int i = 0; i < layout.children().size(); i++) {
            List<Assignment> share = layout.children().get(i);
            if (share.isEmpty()) {
                continue;
            }
            String childStem = String.format("%s-%03d", stem, i);
            Map<String, Intrinsic> getAtts = new LinkedHashMap<>();
            Map<String, Object> resources = new LinkedHashMap<>();
            addAssignments(resources, share, value -> passGetAtts(value, getAtts), settings, metadata);
            Set<String> refs = new TreeSet<>(Intrinsic.references(resources));
            share.forEach(a -> refs.addAll(a.permissionSet().references()));
            Map<String, Object> template = new LinkedHashMap<>();
            template.put("AWSTemplateFormatVersion", FORMAT_VERSION);
            Map<String, Object> parameters = new LinkedHashMap<>();
            for (String ref : refs) {
                parameters.put(ref, stringParameter());
            }
            if (!parameters.isEmpty()) {
                template.put("Parameters", parameters);
            }
            template.put("Resources", resources);
            out.add(new Child(childStem, stem + "/" + childStem + suffix, "./" + stem + "/" + childStem + suffix, template,
                    getAtts));
        }
        return out;
    }

    /**
     * A value for a child template: a {@code !GetAtt R.Attr} of a parent resource cannot be
     * evaluated in the child, so it becomes {@code !Ref RAttr}, a parameter the parent fills with
     * the GetAtt (aws-sso-util passed {@code !Ref R} instead, which is not the attribute).
     */
    private static Object passGetAtts(Object value, Map<String, Intrinsic> getAtts) {
        if (Intrinsic.isIntrinsic(value)) {
            Map<String, Object> json = value instanceof Intrinsic i ? i.toJson() : null;
            Object target = json != null ? json.get("Fn::GetAtt") : ((Map<?, ?>) value).get("Fn::GetAtt");
            if (target instanceof String s) {
                target = List.of((Object[]) s.split("\\.", 2));
            }
            if (target instanceof List<?> parts && parts.size() == 2 && parts.get(0) instanceof String resource
                    && parts.get(1) instanceof String attribute) {
                String name = (resource + attribute).replaceAll("[^A-Za-z0-9]", "");
                getAtts.put(name, Intrinsic.getAttList(resource, attribute));
                return Intrinsic.ref(name);
            }
            if (value instanceof Intrinsic i) {
                return new Intrinsic(i.fn(), passGetAtts(i.data(), getAtts));
            }
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put((String) k, passGetAtts(v, getAtts)));
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(v -> out.add(passGetAtts(v, getAtts)));
            return out;
        }
        return value;
    }

    /**
     * The parent template: the base's sections, the parameters, the inline permission sets, the
     * parent's assignments and a stack resource per child.
     */
    @SuppressWarnings("unchecked")
    static Map<String, Object> parent(Map<String, Object> base, List<CfnOptions.TemplateParameter> templateParameters,
            ResourceCollection col, Layout layout, List<Child> children, GenerationSettings settings,
            Metadata metadata, String where) {
        Map<String, Object> template = new LinkedHashMap<>();
        template.put("AWSTemplateFormatVersion", FORMAT_VERSION);

        Set<String> refs = new LinkedHashSet<>();
        layout.children().forEach(share -> refs.addAll(references(share)));
        refs.addAll(references(layout.parentAssignments()));
        refs.removeAll(col.inlinePermissionSets().keySet());
        if (base != null) {
            refs.removeIf(name -> definedIn(base, name));
        }
        List<Assignment> all = new ArrayList<>(layout.parentAssignments());
        layout.children().forEach(all::addAll);
        for (Assignment a : all) {
            for (String target : a.getAttTargets()) {
                if (refs.contains(target)) {
                    throw new SsokitException(ExitCodes.USAGE, a.source() + ": !GetAtt " + target + ".… refers to "
                            + target + ", which is not a resource of the template (a parameter has no attributes);"
                            + " define it in the base template or use !Ref of a parameter");
                }
            }
        }

        Map<String, Object> parameters = new LinkedHashMap<>();
        if (base != null && base.get("Parameters") instanceof Map<?, ?> baseParameters) {
            parameters.putAll((Map<String, Object>) deepCopy(baseParameters));
        }
        for (CfnOptions.TemplateParameter p : templateParameters) {
            Object existing = parameters.computeIfAbsent(p.name(), k -> stringParameter());
            if (p.defaultValue() != null && existing instanceof Map<?, ?> m) {
                ((Map<String, Object>) m).put("Default", p.defaultValue());
            }
        }
        for (String ref : new TreeSet<>(refs)) {
            parameters.putIfAbsent(ref, stringParameter());
        }
        if (!parameters.isEmpty()) {
            template.put("Parameters", parameters);
        }
        if (base != null) {
            for (Map.Entry<String, Object> section : base.entrySet()) {
                if (!section.getKey().equals("AWSTemplateFormatVersion") && !section.getKey().equals("Parameters")) {
                    template.put(section.getKey(), deepCopy(section.getValue()));
                }
            }
        }
        Object existingResources = template.get("Resources");
        if (existingResources != null && !(existingResources instanceof Map)) {
            throw new SsokitException(ExitCodes.USAGE, where + ": Resources must be a mapping");
        }
        Map<String, Object> resources = existingResources == null
                ? new LinkedHashMap<>() : (Map<String, Object>) existingResources;
        template.put("Resources", resources);

        for (Map.Entry<String, PermissionSetSpec> ps : col.inlinePermissionSets().entrySet()) {
            putNew(resources, ps.getKey(), ps.getValue().resource(), where);
        }
        addAssignments(resources, layout.parentAssignments(), null, settings, metadata);

        String previous = null;
        for (Child child : children) {
            String name = child.stem().replaceAll("[^A-Za-z0-9]", "");
            Map<String, Object> stack = new LinkedHashMap<>();
            stack.put("Type", STACK_TYPE);
            if (previous != null) {
                stack.put("DependsOn", previous);
            }
            Map<String, Object> properties = new LinkedHashMap<>();
            properties.put("TemplateURL", child.templateUrl());
            if (child.template().get("Parameters") instanceof Map<?, ?> childParameters && !childParameters.isEmpty()) {
                Map<String, Object> forwarded = new LinkedHashMap<>();
                for (Object key : childParameters.keySet()) {
                    String p = (String) key;
                    forwarded.put(p, child.getAtts().containsKey(p) ? child.getAtts().get(p)
                            : isPermissionSet(resources.get(p)) ? Intrinsic.getAttList(p, "PermissionSetArn")
                            : Intrinsic.ref(p));
                }
                properties.put("Parameters", forwarded);
            }
            stack.put("Properties", properties);
            putNew(resources, name, stack, where);
            previous = name;
        }
        return template;
    }

    private static void putNew(Map<String, Object> resources, String name, Object resource, String where) {
        if (resources.containsKey(name)) {
            throw new SsokitException(ExitCodes.USAGE, where + ": the generated resource " + name
                    + " clashes with a resource of the same logical ID already in the template");
        }
        resources.put(name, resource);
    }

    private static boolean isPermissionSet(Object resource) {
        return resource instanceof Map<?, ?> r && PermissionSetSpec.RESOURCE_TYPE.equals(r.get("Type"));
    }

    static boolean definedIn(Map<String, Object> template, String name) {
        for (String section : List.of("Parameters", "Conditions", "Resources")) {
            if (template.get(section) instanceof Map<?, ?> m && m.containsKey(name)) {
                return true;
            }
        }
        return false;
    }

    private static Map<String, Object> stringParameter() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("Type", "String");
        return p;
    }

    private static Set<String> references(Collection<Assignment> assignments) {
        Set<String> refs = new LinkedHashSet<>();
        assignments.forEach(a -> refs.addAll(a.references()));
        return refs;
    }

    /** Assignment i depends on assignment i - MaxConcurrentAssignments (CloudFormation throttling). */
    /**
     * @param childValue how a value is written in a child template, or null for the parent
     */
    private static void addAssignments(Map<String, Object> resources, List<Assignment> assignments,
            UnaryOperator<Object> childValue, GenerationSettings settings, Metadata metadata) {
        boolean child = childValue != null;
        UnaryOperator<Object> value = child ? childValue : Templates::deepCopy;
        int max = settings.maxConcurrentAssignments();
        List<String> names = new ArrayList<>();
        for (Assignment a : assignments) {
            Map<String, Object> resource = new LinkedHashMap<>();
            resource.put("Type", ASSIGNMENT_TYPE);
            Map<String, Object> sso = metadata.forAssignment(a, child);
            if (!sso.isEmpty()) {
                resource.put("Metadata", new LinkedHashMap<>(Map.of("SSO", sso)));
            }
            if (names.size() >= max) {
                resource.put("DependsOn", names.get(names.size() - max));
            }
            Map<String, Object> properties = new LinkedHashMap<>();
            properties.put("InstanceArn", value.apply(a.instance()));
            properties.put("PrincipalType", a.principal().type().name());
            properties.put("PrincipalId", value.apply(a.principal().id()));
            properties.put("PermissionSetArn", deepCopy(child ? a.permissionSet().arnInChild(a.source())
                    : a.permissionSet().arn()));
            properties.put("TargetType", Target.TYPE);
            properties.put("TargetId", value.apply(a.target().id()));
            resource.put("Properties", properties);
            putNew(resources, a.logicalId(), resource, a.source());
            names.add(a.logicalId());
        }
    }

    /**
     * Fills in every {@code AWS::SSO::PermissionSet} of a template: the default session
     * duration, the inline policy as a JSON string, the instance ARN, and managed policies as a
     * list of ARNs ({@code ReadOnlyAccess} becomes {@code arn:aws:iam::aws:policy/ReadOnlyAccess}).
     */
    @SuppressWarnings("unchecked")
    static void postProcessPermissionSets(Map<String, Object> template, GenerationSettings settings,
            java.util.function.Supplier<String> instanceArn, String where) {
        if (!(template.get("Resources") instanceof Map<?, ?> resources)) {
            return;
        }
        for (Map.Entry<?, ?> entry : resources.entrySet()) {
            if (!isPermissionSet(entry.getValue())) {
                continue;
            }
            Map<String, Object> resource = (Map<String, Object>) entry.getValue();
            Object props = resource.get("Properties");
            if (!(props instanceof Map<?, ?>)) {
                throw new SsokitException(ExitCodes.USAGE, where + ": Resources." + entry.getKey()
                        + " (a permission set) has no Properties");
            }
            Map<String, Object> properties = (Map<String, Object>) props;
            String duration = settings.defaultSessionDuration();
            if (duration != null && !properties.containsKey("SessionDuration")) {
                properties.put("SessionDuration", duration);
            }
            Object policy = properties.get("InlinePolicy");
            if (policy != null && !(policy instanceof String) && !Intrinsic.isIntrinsic(policy) && !containsShortTag(policy)) {
                properties.put("InlinePolicy", jsonInOrder(policy));
            }
            if (!properties.containsKey("InstanceArn")) {
                properties.put("InstanceArn", instanceArn.get());
            }
            Object managed = properties.get("ManagedPolicies");
            if (managed instanceof List<?> list) {
                List<Object> arns = new ArrayList<>();
                list.forEach(p -> arns.add(managedPolicyArn(p)));
                properties.put("ManagedPolicies", arns);
            } else if (managed != null && !Intrinsic.isIntrinsic(managed)) {
                List<Object> arns = new ArrayList<>();
                arns.add(managedPolicyArn(managed));
                properties.put("ManagedPolicies", arns);
            }
        }
    }

    private static Object managedPolicyArn(Object policy) {
        return policy instanceof String s && !s.startsWith("arn:") ? "arn:aws:iam::aws:policy/" + s : policy;
    }

    private static boolean containsShortTag(Object value) {
        if (value instanceof Intrinsic) {
            return true;
        }
        if (value instanceof Map<?, ?> m) {
            return m.values().stream().anyMatch(Templates::containsShortTag);
        }
        if (value instanceof List<?> l) {
            return l.stream().anyMatch(Templates::containsShortTag);
        }
        return false;
    }

    /** Python's {@code json.dumps(value)}: keys in document order, {@code ", "} and {@code ": "}. */
    static String jsonInOrder(Object value) {
        StringBuilder out = new StringBuilder();
        writeInOrder(out, value);
        return out.toString();
    }

    private static void writeInOrder(StringBuilder out, Object value) {
        if (value instanceof Map<?, ?> map) {
            out.append('{');
            String sep = "";
            for (Map.Entry<?, ?> e : map.entrySet()) {
                out.append(sep).append(PythonJson.dumps(e.getKey(), false)).append(": ");
                writeInOrder(out, e.getValue());
                sep = ", ";
            }
            out.append('}');
        } else if (value instanceof List<?> list) {
            out.append('[');
            String sep = "";
            for (Object item : list) {
                out.append(sep);
                writeInOrder(out, item);
                sep = ", ";
            }
            out.append(']');
        } else {
            out.append(PythonJson.dumps(value, false));
        }
    }

    /** A deep copy of a template value, tags included. */
    static Object deepCopy(Object value) {
        return Intrinsic.copy(value, i -> new Intrinsic(i.fn(), deepCopy(i.data())));
    }
}
