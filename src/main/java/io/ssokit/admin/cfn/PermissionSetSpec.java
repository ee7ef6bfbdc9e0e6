package io.ssokit.admin.cfn;

import io.ssokit.ExitCodes;
import io.ssokit.SsokitException;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * A permission set as a config names it: a full ARN, {@code ssoins-.../ps-...}, a bare
 * {@code ps-...} ID, an intrinsic function, or an inline definition that becomes an
 * {@code AWS::SSO::PermissionSet} resource named {@code <prefix>PermSet<Name>}.
 */
final class PermissionSetSpec {
    static final String RESOURCE_TYPE = "AWS::SSO::PermissionSet";
    static final String ARN_PREFIX = "arn:aws:sso:::permissionSet/";

    enum Kind { ARN, SHORT_ARN, ID, REFERENCE, RESOURCE }

    private final Kind kind;
    private final Object value;
    private final Object instance;
    private final String prefix;
    private final String resourceName;

    private PermissionSetSpec(Kind kind, Object value, Object instance, String prefix, String resourceName) {
        this.kind = kind;
        this.value = value;
        this.instance = instance;
        this.prefix = prefix;
        this.resourceName = resourceName;
    }

    /**
     * @param where the file and field, for error messages
     */
    static PermissionSetSpec of(Object value, Object instance, String prefix, String where) {
        String pre = prefix == null ? "" : prefix;
        if (Intrinsic.isIntrinsic(value)) {
            return new PermissionSetSpec(Kind.REFERENCE, value, instance, pre, null);
        }
        if (value instanceof Map<?, ?> map) {
            String name = inlineName(map, where);
            return new PermissionSetSpec(Kind.RESOURCE, value, instance, pre, pre + "PermSet" + name);
        }
        if (value instanceof String s) {
            if (s.startsWith("arn")) {
                return new PermissionSetSpec(Kind.ARN, s, instance, pre, null);
            }
            if (s.startsWith("ssoins-") || s.startsWith("ins-")) {
                return new PermissionSetSpec(Kind.SHORT_ARN, s, instance, pre, null);
            }
            if (s.startsWith("ps-")) {
                if (!(instance instanceof String arn) || !arn.contains("/")) {
                    throw new SsokitException(ExitCodes.USAGE, where + ": " + s
                            + " is a bare permission set ID, which needs a literal instance ARN to expand;"
                            + " give the full permission set ARN instead");
                }
                return new PermissionSetSpec(Kind.ID, s, instance, pre, null);
            }
        }
        throw new SsokitException(ExitCodes.USAGE, where + ": " + describe(value)
                + " is not a permission set (an ARN, ssoins-.../ps-..., ps-..., an intrinsic function"
                + " or an inline AWS::SSO::PermissionSet definition)");
    }

    private static String inlineName(Map<?, ?> map, String where) {
        Object name;
        if (map.containsKey("Type")) {
            if (!RESOURCE_TYPE.equals(map.get("Type"))) {
                throw new SsokitException(ExitCodes.USAGE, where + ": an inline permission set resource must have Type "
                        + RESOURCE_TYPE + ", not " + describe(map.get("Type")));
            }
            name = map.get("Properties") instanceof Map<?, ?> props ? props.get("Name") : null;
        } else {
            name = map.get("Name");
        }
        if (!(name instanceof String s) || !s.matches("[A-Za-z0-9]+")) {
            throw new SsokitException(ExitCodes.USAGE, where + ": an inline permission set needs a Name of letters"
                    + " and digits (it becomes part of the logical ID PermSet<Name>), not " + describe(name));
        }
        return s;
    }

    static String describe(Object value) {
        if (value == null) {
            return "nothing";
        }
        if (value instanceof String s) {
            return "'" + s + "'";
        }
        if (value instanceof Map) {
            return "a mapping";
        }
        if (value instanceof java.util.List) {
            return "a list";
        }
        return "'" + value + "'";
    }

    Kind kind() {
        return kind;
    }

    boolean isResource() {
        return kind == Kind.RESOURCE;
    }

    /** The logical ID of an inline permission set, null for the other kinds. */
    String resourceName() {
        return resourceName;
    }

    /** The ARN in a parent template: a string, the intrinsic as written, or GetAtt of the inline resource. */
    Object arn() {
        return switch (kind) {
            case ARN -> value;
            case SHORT_ARN -> ARN_PREFIX + value;
            case ID -> ARN_PREFIX + ((String) instance).split("/", 2)[1] + "/" + value;
            case REFERENCE -> value;
            case RESOURCE -> Intrinsic.getAtt(resourceName, "PermissionSetArn");
        };
    }

    /** The ARN in a child template: resources and references become a {@code !Ref} of a parameter. */
    Object arnInChild(String where) {
        return switch (kind) {
            case RESOURCE -> Intrinsic.ref(resourceName);
            case REFERENCE -> Intrinsic.ref(singleReference(where));
            default -> arn();
        };
    }

    /** The name an intrinsic ARN refers to (the CSV column); its only reference. */
    String singleReference(String where) {
        if (kind == Kind.RESOURCE) {
            return resourceName;
        }
        Set<String> refs = Intrinsic.references(value);
        if (refs.size() != 1) {
            throw new SsokitException(ExitCodes.USAGE, where + ": the permission set " + value
                    + " must refer to exactly one parameter or resource to be passed to a child stack or the CSV");
        }
        return refs.iterator().next();
    }

    /** What this permission set refers to: the intrinsic's targets, the inline resource and its own references. */
    Set<String> references() {
        Set<String> refs = new LinkedHashSet<>();
        if (kind == Kind.REFERENCE || kind == Kind.RESOURCE) {
            refs.addAll(Intrinsic.references(value));
        }
        if (kind == Kind.RESOURCE) {
            refs.add(resourceName);
        }
        return refs;
    }

    /** The inline resource, with {@code InstanceArn} first when the definition lacks it. */
    @SuppressWarnings("unchecked")
    Map<String, Object> resource() {
        Map<String, Object> definition = (Map<String, Object>) Templates.deepCopy(value);
        if (definition.containsKey("Type")) {
            return definition;
        }
        Map<String, Object> properties = new LinkedHashMap<>();
        if (!definition.containsKey("InstanceArn")) {
            properties.put("InstanceArn", Templates.deepCopy(instance));
        }
        properties.putAll(definition);
        Map<String, Object> resource = new LinkedHashMap<>();
        resource.put("Type", RESOURCE_TYPE);
        resource.put("Properties", properties);
        return resource;
    }

    /** Whether two specs define the same thing (an inline set named twice must be defined once). */
    boolean sameDefinition(PermissionSetSpec other) {
        return kind == other.kind && value.equals(other.value);
    }
}
