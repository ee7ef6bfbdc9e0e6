package io.ssokit.naming;

import com.github.mustachejava.Code;
import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.DefaultMustacheVisitor;
import com.github.mustachejava.Iteration;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheException;
import com.github.mustachejava.MustacheNotFoundException;
import com.github.mustachejava.MustacheVisitor;
import com.github.mustachejava.TemplateContext;
import com.github.mustachejava.codes.CommentCode;
import com.github.mustachejava.codes.IterableCode;
import com.github.mustachejava.codes.NotIterableCode;
import com.github.mustachejava.codes.ValueCode;
import com.github.mustachejava.codes.WriteCode;
import com.github.mustachejava.reflect.MapObjectHandler;
import io.ssokit.ExitCodes;
import io.ssokit.SsokitException;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * A compiled profile-name template: the one engine behind {@code configure populate}'s names.
 * aws-sso-util's {@code --components} are translated into such a template (see
 * {@link ComponentsTemplate}); {@code --profile-name-template} supplies one directly.
 *
 * <p>Names are not HTML, so {@code {{x}}} is written verbatim; the finished name is validated
 * instead (see {@link NameValidator}). Every name the template uses is checked against
 * {@link #VARIABLES} and {@link #HELPERS} when it is compiled, because Mustache would otherwise
 * render a misspelt name as nothing. A known variable that has no value for an input (
 * {@code region} for the first region under {@code --include-region default}, {@code sso_session}
 * without a session) is falsy in a section and an error when written out.
 */
public final class NameTemplate {
    /** Variables a template may use. */
    public static final List<String> VARIABLES = List.of(
            "account_id", "account_name", "account_name_raw", "account_name_safe", "role_name",
            "region", "region_long", "short_region", "default_style_region", "region_index", "region_count",
            "start_url", "sso_region", "sso_session", "separator");

    /**
     * Section helpers, applied to the rendered text of their section: the case transforms of
     * {@link CaseTransform}; {@code trim_account_name} / {@code trim_role_name}, which delete
     * every match of each {@code --trim-account-name} / {@code --trim-role-name} regex in turn;
     * {@code safe} (aws-sso-util's safe-name rule) and {@code spaces_to_dashes} (granted's).
     */
    public static final List<String> HELPERS = List.of(
            "upper", "lower", "casefold", "capitalize", "title",
            "trim_account_name", "trim_role_name", "safe", "spaces_to_dashes");

    private final String source;
    private final NamingOptions options;
    private final Mustache mustache;
    private final Set<String> used;
    private final Map<String, Helper> helpers;

    private NameTemplate(String source, NamingOptions options, Mustache mustache, Set<String> used) {
        this.source = source;
        this.options = options;
        this.mustache = mustache;
        this.used = used;
        this.helpers = helpers(options);
    }

    /**
     * Compiles and checks a template. The options supply the trim regexes, the region rules and
     * the separator.
     *
     * @throws SsokitException (usage) for a syntax error, an unknown name, a helper used as a
     *                         value, partials or inheritance, or an invalid trim regex
     */
    public static NameTemplate compile(String source, NamingOptions options) {
        Mustache mustache;
        try {
            mustache = new Factory().compile(new StringReader(source), "profile-name template");
        } catch (MustacheNotFoundException e) {
            throw usage("partials and template inheritance ({{> name}}, {{< name}}) are not supported");
        } catch (MustacheException e) {
            throw usage("invalid Mustache syntax: " + e.getMessage());
        }
        Set<String> used = new LinkedHashSet<>();
        check(mustache.getCodes(), false, used);
        return new NameTemplate(source, options, mustache, Collections.unmodifiableSet(used));
    }

    public String source() {
        return source;
    }

    /** Whether the template refers to this variable or helper anywhere. */
    public boolean uses(String name) {
        return used.contains(name);
    }

    /** Renders the name for one input; the result is not validated and may be {@code SKIP}. */
    public String render(NameInput input, InstanceInfo instance) {
        StringWriter out = new StringWriter();
        try {
            mustache.execute(out, variables(input, instance));
        } catch (RuntimeException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof MissingValue) {
                    throw usage(t.getMessage());
                }
            }
            throw new SsokitException(ExitCodes.ERROR, "cannot render the profile name for " + input.describe()
                    + ": " + rootMessage(e), e);
        }
        return out.toString();
    }

    private Map<String, Object> variables(NameInput input, InstanceInfo instance) {
        Map<String, Object> v = new HashMap<>(helpers);
        String raw = input.accountNameOrId();
        String safe = AccountNames.safe(raw);
        String shortRegion = Regions.shortName(input.region());
        v.put("account_id", input.accountId());
        v.put("account_name", options.safeAccountNames() ? safe : raw);
        v.put("account_name_raw", raw);
        v.put("account_name_safe", safe);
        v.put("role_name", input.roleName());
        boolean regionApplies = options.includeRegion() == NamingOptions.IncludeRegion.ALWAYS
                || input.regionIndex() > 0;
        v.put("region", regionApplies ? input.region() : new Absent("{{region}} has no value for the first region"
                + " when --include-region is default: put it inside {{#region}}…{{/region}}, or use {{region_long}}"));
        v.put("region_long", input.region());
        v.put("short_region", shortRegion);
        v.put("default_style_region",
                options.regionStyle() == NamingOptions.RegionStyle.SHORT ? shortRegion : input.region());
        v.put("region_index", Integer.toString(input.regionIndex()));
        v.put("region_count", Integer.toString(input.regionCount()));
        v.put("start_url", instance.startUrl());
        v.put("sso_region", instance.ssoRegion());
        v.put("sso_session", instance.ssoSession() != null ? instance.ssoSession()
                : new Absent("{{sso_session}} has no value: this instance has no sso-session;"
                        + " put it inside {{#sso_session}}…{{/sso_session}}"));
        v.put("separator", options.separator());
        return v;
    }

    private static Map<String, Helper> helpers(NamingOptions options) {
        Map<String, Helper> h = new HashMap<>();
        for (CaseTransform t : CaseTransform.values()) {
            h.put(t.optionValue(), new Helper(t::apply));
        }
        h.put("trim_account_name", new Helper(trimmer(options.trimAccountName(), "--trim-account-name")));
        h.put("trim_role_name", new Helper(trimmer(options.trimRoleName(), "--trim-role-name")));
        h.put("safe", new Helper(AccountNames::safe));
        h.put("spaces_to_dashes", new Helper(AccountNames::spacesToDashes));
        return h;
    }

    /** Python's {@code re.sub(pattern, "", text)} for each pattern in turn. */
    private static UnaryOperator<String> trimmer(List<String> regexes, String option) {
        List<Pattern> patterns = regexes.stream().map(r -> PyRegex.compile(r, option)).toList();
        return text -> {
            String result = text;
            for (Pattern p : patterns) {
                result = p.matcher(result).replaceAll("");
            }
            return result;
        };
    }

    private static void check(Code[] codes, boolean inVariableSection, Set<String> used) {
        if (codes == null) {
            return;
        }
        for (Code code : codes) {
            String name = code.getName();
            if (code instanceof WriteCode || code instanceof CommentCode) {
                continue;
            }
            if (code instanceof ValueCode) {
                if (name.equals(".") && inVariableSection) {
                    continue;
                }
                if (name.equals(".")) {
                    throw usage("{{.}} only has a value inside a variable's section, such as {{#region}}{{.}}{{/region}}");
                }
                if (HELPERS.contains(name)) {
                    throw usage("{{" + name + "}} is a helper: use it as a section, {{#" + name + "}}…{{/" + name + "}}");
                }
                requireVariable(name);
                used.add(name);
            } else if (code instanceof NotIterableCode) {
                if (HELPERS.contains(name)) {
                    throw usage("{{^" + name + "}} is a helper and cannot be inverted");
                }
                requireVariable(name);
                used.add(name);
                check(code.getCodes(), inVariableSection, used);
            } else if (code instanceof IterableCode) {
                boolean helper = HELPERS.contains(name);
                if (!helper) {
                    requireVariable(name);
                }
                used.add(name);
                check(code.getCodes(), inVariableSection || !helper, used);
            } else if (name != null) {
                // blocks {{$x}}, {{?x}} and anything else Mustache.java adds beyond the spec
                throw usage("unsupported Mustache tag for '" + name + "'; use variables, sections"
                        + " ({{#x}}…{{/x}}, {{^x}}…{{/x}}) and comments");
            } else {
                check(code.getCodes(), inVariableSection, used);
            }
        }
    }

    private static void requireVariable(String name) {
        if (!VARIABLES.contains(name)) {
            throw usage("unknown name '" + name + "'; variables: " + String.join(", ", VARIABLES)
                    + "; helpers (as sections, {{#upper}}…{{/upper}}): " + String.join(", ", HELPERS));
        }
    }

    private static SsokitException usage(String message) {
        return new SsokitException(ExitCodes.USAGE, "profile-name template: " + message);
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() != null ? root.getMessage() : root.toString();
    }

    /**
     * A section helper. Deliberately not a {@link java.util.function.Function}: Mustache.java
     * would re-parse the section's reconstructed source for a Function and lose any delimiter
     * change inside it; the {@link Handler} renders the compiled body instead.
     */
    private record Helper(UnaryOperator<String> function) {
    }

    /** A known variable without a value for this input. */
    private record Absent(String message) {
    }

    private static final class MissingValue extends RuntimeException {
        private static final long serialVersionUID = 1L;

        MissingValue(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * No partials from disk or classpath, no pragmas, verbatim output, map-only lookups (no
     * reflection on values).
     */
    private static final class Factory extends DefaultMustacheFactory {
        Factory() {
            super(resourceName -> null);
            setObjectHandler(new Handler());
        }

        @Override
        public MustacheVisitor createMustacheVisitor() {
            return new DefaultMustacheVisitor(this) {
                @Override
                public void pragma(TemplateContext tc, String pragma, String args) {
                    // Mustache.java would log an unknown pragma through java.util.logging and go on
                    throw new MustacheException("pragmas ({{%" + pragma + "}}) are not supported", tc);
                }
            };
        }

        @Override
        public void encode(String value, Writer writer) {
            try {
                writer.write(value);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static final class Handler extends MapObjectHandler {
        @Override
        public String stringify(Object object) {
            if (object instanceof Absent absent) {
                throw new MissingValue(absent.message());
            }
            return super.stringify(object);
        }

        @Override
        public Writer iterate(Iteration iteration, Writer writer, Object object, List<Object> scopes) {
            if (object instanceof Helper helper) {
                StringWriter body = new StringWriter();
                // re-push the current scope, so that {{.}} in the body means what it means outside
                iteration.next(body, scopes.get(scopes.size() - 1), scopes);
                try {
                    writer.write(helper.function().apply(body.toString()));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return writer;
            }
            return super.iterate(iteration, writer, object instanceof Absent ? null : object, scopes);
        }

        @Override
        public Writer falsey(Iteration iteration, Writer writer, Object object, List<Object> scopes) {
            return super.falsey(iteration, writer, object instanceof Absent ? null : object, scopes);
        }
    }
}
