package io.ssokit.admin.cfn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A CloudFormation intrinsic function written with a YAML short tag ({@code !Ref X},
 * {@code !GetAtt R.Attr}, {@code !Sub ...}): the tag and its data exactly as written (a string, a
 * list or a mapping), so that a template round-trips with its short tags. {@link #toJson()} gives
 * the long form ({@code {"Ref": "X"}}) that the logical-ID hash and the reference scan read.
 *
 * <p>Template values everywhere in this package are plain trees: {@code Map<String, Object>}
 * (insertion-ordered), {@code List<Object>}, String, Integer/Long/BigInteger, Double, Boolean,
 * null, and Intrinsic.
 */
public record Intrinsic(Fn fn, Object data) {

    /** The short tags understood on input and written on output. */
    public enum Fn {
        REF("Ref", "!Ref"),
        AND("Fn::And", "!And"),
        BASE64("Fn::Base64", "!Base64"),
        CIDR("Fn::Cidr", "!Cidr"),
        CONDITION("Fn::Condition", "!Condition"),
        EQUALS("Fn::Equals", "!Equals"),
        FIND_IN_MAP("Fn::FindInMap", "!FindInMap"),
        GET_ATT("Fn::GetAtt", "!GetAtt"),
        GET_AZS("Fn::GetAZs", "!GetAZs"),
        IF("Fn::If", "!If"),
        IMPORT_VALUE("Fn::ImportValue", "!ImportValue"),
        JOIN("Fn::Join", "!Join"),
        NOT("Fn::Not", "!Not"),
        OR("Fn::Or", "!Or"),
        SELECT("Fn::Select", "!Select"),
        SPLIT("Fn::Split", "!Split"),
        SUB("Fn::Sub", "!Sub");

        private final String longName;
        private final String tag;

        Fn(String longName, String tag) {
            this.longName = longName;
            this.tag = tag;
        }

        /** {@code Ref} or {@code Fn::Xxx}: the key of the JSON form. */
        public String longName() {
            return longName;
        }

        /** {@code !Ref}, {@code !Sub}, ...: the YAML tag. */
        public String tag() {
            return tag;
        }

        static Optional<Fn> byLongName(String name) {
            return Arrays.stream(values()).filter(f -> f.longName.equals(name)).findFirst();
        }
    }

    public static Intrinsic ref(String name) {
        return new Intrinsic(Fn.REF, name);
    }

    /** {@code !GetAtt Resource.Attribute} in its scalar spelling. */
    public static Intrinsic getAtt(String resource, String attribute) {
        return new Intrinsic(Fn.GET_ATT, resource + "." + attribute);
    }

    /** {@code !GetAtt [Resource, Attribute]} in its sequence spelling. */
    public static Intrinsic getAttList(String resource, String attribute) {
        return new Intrinsic(Fn.GET_ATT, new ArrayList<>(List.of(resource, attribute)));
    }

    /**
     * The JSON long form, as aws-sso-util's tag library converts it: a dotted {@code Ref} becomes
     * {@code Fn::GetAtt} with the split name, and a scalar {@code Fn::GetAtt} is split at dots.
     */
    public Map<String, Object> toJson() {
        Object converted = toJsonValue(data);
        String name = fn.longName;
        if (fn == Fn.GET_ATT && converted instanceof String s) {
            converted = splitDots(s);
        } else if (fn == Fn.REF && converted instanceof String s && s.contains(".")) {
            name = Fn.GET_ATT.longName;
            converted = splitDots(s);
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put(name, converted);
        return json;
    }

    private static List<Object> splitDots(String s) {
        return new ArrayList<>(Arrays.asList((Object[]) s.split("\\.", -1)));
    }

    /** A deep copy of a template value with every Intrinsic in its JSON long form. */
    public static Object toJsonValue(Object value) {
        return copy(value, Intrinsic::toJson);
    }

    /**
     * A deep copy of a template value (maps and lists are copied, scalars are immutable) in which
     * every Intrinsic is replaced by what {@code onIntrinsic} makes of it.
     */
    static Object copy(Object value, Function<Intrinsic, Object> onIntrinsic) {
        if (value instanceof Intrinsic i) {
            return onIntrinsic.apply(i);
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put((String) k, copy(v, onIntrinsic)));
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            list.forEach(v -> out.add(copy(v, onIntrinsic)));
            return out;
        }
        return value;
    }

    /**
     * Whether a value is an intrinsic function: a short tag, or a one-key mapping whose key is
     * {@code Ref} or a known {@code Fn::} name.
     */
    public static boolean isIntrinsic(Object value) {
        if (value instanceof Intrinsic) {
            return true;
        }
        if (value instanceof Map<?, ?> map && map.size() == 1) {
            Object key = map.keySet().iterator().next();
            return key instanceof String s && Fn.byLongName(s).isPresent();
        }
        return false;
    }

    /**
     * The logical names a value refers to through {@code Ref} and {@code Fn::GetAtt} (the part
     * before the first dot), anywhere inside it. Pseudo parameters ({@code AWS::Region}) are not
     * references to template entities and are left out.
     */
    public static Set<String> references(Object value) {
        Set<String> refs = new LinkedHashSet<>();
        collect(toJsonValue(value), refs);
        refs.removeIf(name -> name.startsWith("AWS::"));
        return refs;
    }

    /** The resources a value reads an attribute of ({@code Fn::GetAtt}, or a dotted {@code Ref}). */
    public static Set<String> getAttTargets(Object value) {
        Set<String> targets = new LinkedHashSet<>();
        collectGetAtts(toJsonValue(value), targets);
        return targets;
    }

    private static void collectGetAtts(Object value, Set<String> targets) {
        if (value instanceof Map<?, ?> map) {
            Object target = map.size() == 1 ? map.get("Fn::GetAtt") : null;
            if (target instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof String s) {
                targets.add(s);
            } else if (target instanceof String s) {
                targets.add(s.split("\\.", -1)[0]);
            }
            map.values().forEach(v -> collectGetAtts(v, targets));
        } else if (value instanceof List<?> list) {
            list.forEach(v -> collectGetAtts(v, targets));
        }
    }

    private static void collect(Object value, Set<String> refs) {
        if (value instanceof Map<?, ?> map) {
            if (map.size() == 1 && map.get("Ref") instanceof String name) {
                refs.add(name.split("\\.", -1)[0]);
                return;
            }
            if (map.size() == 1 && map.containsKey("Fn::GetAtt")) {
                Object target = map.get("Fn::GetAtt");
                if (target instanceof String s) {
                    refs.add(s.split("\\.", -1)[0]);
                    return;
                }
                if (target instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof String s) {
                    refs.add(s);
                    return;
                }
            }
            if (map.size() == 1 && map.containsKey("Fn::Sub")) {
                collectSub(map.get("Fn::Sub"), refs);
                return;
            }
            map.values().forEach(v -> collect(v, refs));
        } else if (value instanceof List<?> list) {
            list.forEach(v -> collect(v, refs));
        }
    }

    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^!}][^}]*)}");

    /**
     * The names a {@code Fn::Sub} string refers to with {@code ${Name}} or {@code ${Name.Attr}},
     * except its own variables and {@code ${!Literal}} (aws-sso-util did not look inside Sub, so its
     * templates lacked those parameters).
     */
    private static void collectSub(Object sub, Set<String> refs) {
        String text = null;
        Map<?, ?> variables = Map.of();
        if (sub instanceof String s) {
            text = s;
        } else if (sub instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof String s) {
            text = s;
            if (list.size() > 1 && list.get(1) instanceof Map<?, ?> vars) {
                variables = vars;
                vars.values().forEach(v -> collect(v, refs));
            }
        }
        if (text == null) {
            collect(sub, refs);
            return;
        }
        Matcher m = SUB_VARIABLE.matcher(text);
        while (m.find()) {
            String name = m.group(1).trim().split("\\.", -1)[0];
            if (!variables.containsKey(name)) {
                refs.add(name);
            }
        }
    }
}
