package io.ssokit.admin.cfn;

import io.ssokit.ExitCodes;
import io.ssokit.SsokitException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Represent;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * CloudFormation YAML in and out: the short tags of {@link Intrinsic.Fn} become {@link Intrinsic}
 * values on input and are written back as short tags; output is block style with no anchors.
 *
 * <p>Unquoted dates are read as strings (YAML 1.1 would make {@code 2010-09-09} a timestamp,
 * which CloudFormation reads as the text it is) and written quoted; duplicate keys are an error;
 * every other YAML 1.1 scalar rule applies, so {@code '123456789012'} stays a string and
 * {@code 123} is a number.
 */
public final class CfnYaml {

    private CfnYaml() {
    }

    /**
     * Parses one YAML document into a template value tree.
     *
     * @param source the file name used in error messages
     * @throws SsokitException (usage) with a one-line message naming the file, line and column
     */
    public static Object load(String text, String source) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        Yaml yaml = new Yaml(new TagConstructor(options), new TagRepresenter(dumperOptions()), dumperOptions(),
                options, new NoTimestampResolver());
        try {
            return normalize(yaml.load(text), source);
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark();
            String where = mark == null ? "" : " at line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1);
            throw new SsokitException(ExitCodes.USAGE, source + ": invalid YAML" + where + ": "
                    + oneLine(e.getProblem()));
        } catch (YAMLException e) {
            throw new SsokitException(ExitCodes.USAGE, source + ": invalid YAML: " + oneLine(e.getMessage()));
        }
    }

    /** Renders a template value tree as block-style YAML with short tags and no anchors. */
    public static String dump(Object value) {
        DumperOptions options = dumperOptions();
        // the full YAML 1.1 resolver here, so that date-like strings are quoted for readers that
        // would take them for dates (PyYAML, so aws-sso-util's own tools)
        Yaml yaml = new Yaml(new TagConstructor(new LoaderOptions()), new TagRepresenter(options), options,
                new LoaderOptions(), new Resolver());
        return yaml.dump(value);
    }

    private static DumperOptions dumperOptions() {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setDereferenceAliases(true);
        options.setSplitLines(false);
        options.setWidth(Integer.MAX_VALUE);
        options.setIndent(2);
        return options;
    }

    private static String oneLine(String s) {
        return s == null ? "unreadable document" : s.replaceAll("\\s*\\R\\s*", " ").trim();
    }

    /** Mapping keys become strings and collections become plain ordered Java collections. */
    private static Object normalize(Object value, String source) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(k == null ? "null" : String.valueOf(k), normalize(v, source)));
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            list.forEach(v -> out.add(normalize(v, source)));
            return out;
        }
        if (value instanceof Intrinsic i) {
            return new Intrinsic(i.fn(), normalize(i.data(), source));
        }
        if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean) {
            return value;
        }
        throw new SsokitException(ExitCodes.USAGE, source + ": unsupported YAML value of type "
                + value.getClass().getSimpleName() + " (only mappings, lists, strings, numbers and booleans)");
    }

    /** YAML 1.1's resolver without the timestamp rule. */
    private static final class NoTimestampResolver extends Resolver {
        @Override
        public void addImplicitResolver(Tag tag, Pattern regexp, String first, int limit) {
            if (!Tag.TIMESTAMP.equals(tag)) {
                super.addImplicitResolver(tag, regexp, first, limit);
            }
        }

        @Override
        public void addImplicitResolver(Tag tag, Pattern regexp, String first) {
            if (!Tag.TIMESTAMP.equals(tag)) {
                super.addImplicitResolver(tag, regexp, first);
            }
        }
    }

    private static final class TagConstructor extends SafeConstructor {
        TagConstructor(LoaderOptions options) {
            super(options);
            for (Intrinsic.Fn fn : Intrinsic.Fn.values()) {
                yamlConstructors.put(new Tag(fn.tag()), new AbstractConstruct() {
                    @Override
                    public Object construct(Node node) {
                        // a tag takes whatever its node is: !GetAtt A.B and !GetAtt [A, B] alike
                        if (node instanceof ScalarNode scalar) {
                            return new Intrinsic(fn, constructScalar(scalar));
                        }
                        if (node instanceof SequenceNode sequence) {
                            return new Intrinsic(fn, new ArrayList<>(constructSequence(sequence)));
                        }
                        return new Intrinsic(fn, constructMapping((MappingNode) node));
                    }
                });
            }
        }
    }

    private static final class TagRepresenter extends Representer {
        TagRepresenter(DumperOptions options) {
            super(options);
            Represent intrinsic = data -> {
                Intrinsic i = (Intrinsic) data;
                Tag tag = new Tag(i.fn().tag());
                if (i.data() instanceof List<?> list) {
                    return representSequence(tag, list, DumperOptions.FlowStyle.BLOCK);
                }
                if (i.data() instanceof Map<?, ?> map) {
                    return representMapping(tag, map, DumperOptions.FlowStyle.BLOCK);
                }
                return representScalar(tag, i.data() == null ? "" : String.valueOf(i.data()));
            };
            representers.put(Intrinsic.class, intrinsic);
        }
    }
}
