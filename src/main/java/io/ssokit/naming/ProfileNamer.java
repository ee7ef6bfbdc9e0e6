package io.ssokit.naming;

import io.ssokit.Env;
import io.ssokit.ExitCodes;
import io.ssokit.Log;
import io.ssokit.SsokitException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Names the profiles of one {@code configure populate} run. Built once from the options,
 * which it checks up front by naming a dummy profile (account {@code foo}, id {@code bar},
 * role {@code baz}, region {@code us-east-1}), as aws-sso-util does before logging in:
 * a failure is a usage error, "Invalid profile name format: …".
 *
 * <p>Three ways to a name, one engine: {@code --profile-name-template} (inline, file or
 * preset) and aws-sso-util's components options are both rendered by a {@link NameTemplate};
 * {@code --profile-name-process} runs an external namer ({@link ProfileNameProcess}).
 */
public final class ProfileNamer {
    /** A name that means "do not create this profile". */
    public static final String SKIP = "SKIP";

    private static final NameInput DUMMY = new NameInput("bar", "foo", "baz", "us-east-1", 0, 1);
    private static final NameInput DUMMY_SECOND_REGION = new NameInput("bar", "foo", "baz", "us-east-1", 1, 2);

    private final NameTemplate template;
    private final ProfileNameProcess process;
    private final InstanceInfo instance;
    private final String description;

    private ProfileNamer(NameTemplate template, ProfileNameProcess process, InstanceInfo instance, String description) {
        this.template = template;
        this.process = process;
        this.instance = instance;
        this.description = description;
    }

    /**
     * @param env the environment an external namer runs with
     * @param log debug output shows the template in use; an external namer's stderr is relayed
     * @throws SsokitException (usage) for conflicting options, a bad template or regex, or a
     *                         dummy name that fails
     */
    public static ProfileNamer create(NamingOptions options, InstanceInfo instance, Env env, Log log) {
        if (options.process() != null) {
            return withProcess(options, instance, env, log);
        }
        TemplateSource source;
        if (options.template() != null) {
            rejectWithTemplate(options);
            source = TemplateSource.resolve(options.template());
        } else {
            source = new TemplateSource("--components " + options.effectiveComponents(),
                    ComponentsTemplate.translate(options));
        }
        NameTemplate template = NameTemplate.compile(source.text(), options);
        if (options.template() != null) {
            requireTrimHelper(template, options.trimAccountName(), "--trim-account-name", "trim_account_name");
            requireTrimHelper(template, options.trimRoleName(), "--trim-role-name", "trim_role_name");
        }
        String description = "template (" + source.origin() + "): " + template.source();
        log.debug("profile name " + description);
        ProfileNamer namer = new ProfileNamer(template, null, instance, description);
        namer.checkDummy(DUMMY);
        if (options.includeRegion() == NamingOptions.IncludeRegion.DEFAULT) {
            // the first region and the others take different branches of {{#region}}
            namer.checkDummy(DUMMY_SECOND_REGION);
        }
        return namer;
    }

    private static ProfileNamer withProcess(NamingOptions options, InstanceInfo instance, Env env, Log log) {
        if (options.template() != null) {
            throw new SsokitException(ExitCodes.USAGE,
                    "--profile-name-process and --profile-name-template cannot be used together");
        }
        if (options.components() != null || !options.trimAccountName().isEmpty() || !options.trimRoleName().isEmpty()
                || options.accountNameCase() != null || options.roleNameCase() != null) {
            log.warn("--profile-name-process replaces --components, --trim-account-name, --trim-role-name,"
                    + " --account-name-case and --role-name-case; they are ignored");
        }
        ProfileNameProcess process = new ProfileNameProcess(options.process(), options, instance, env, log);
        String description = process.describe();
        log.debug("profile name " + description);
        ProfileNamer namer = new ProfileNamer(null, process, instance, description);
        String dummy;
        try {
            dummy = process.run(DUMMY);
        } catch (SsokitException e) {
            throw new SsokitException(ExitCodes.USAGE, "Invalid profile name format: " + e.getMessage(), e);
        }
        // only the exit status decides, as in aws-sso-util: a namer may well reject made-up values
        if (!dummy.equals(SKIP)) {
            NameValidator.problem(dummy).ifPresent(p -> log.warn("the profile name process returned "
                    + NameValidator.display(dummy) + " for the test values (foo, bar, baz, us-east-1): " + p));
        }
        return namer;
    }

    private static void rejectWithTemplate(NamingOptions options) {
        if (options.components() != null) {
            throw new SsokitException(ExitCodes.USAGE, "--components cannot be combined with --profile-name-template;"
                    + " write the components into the template");
        }
        if (options.accountNameCase() != null || options.roleNameCase() != null) {
            throw new SsokitException(ExitCodes.USAGE, "--account-name-case and --role-name-case cannot be combined"
                    + " with --profile-name-template; use a helper in the template, e.g. {{#lower}}{{account_name}}{{/lower}}");
        }
    }

    private static void requireTrimHelper(NameTemplate template, List<String> regexes, String option, String helper) {
        if (!regexes.isEmpty() && !template.uses(helper)) {
            throw new SsokitException(ExitCodes.USAGE, option + " has no effect: the template does not use {{#"
                    + helper + "}}…{{/" + helper + "}}");
        }
    }

    private void checkDummy(NameInput dummy) {
        String name;
        try {
            name = template.render(dummy, instance);
        } catch (SsokitException e) {
            throw new SsokitException(ExitCodes.USAGE, "Invalid profile name format: " + e.getMessage(), e);
        }
        if (!name.equals(SKIP)) {
            NameValidator.problem(name).ifPresent(p -> {
                throw new SsokitException(ExitCodes.USAGE, "Invalid profile name format: for the test values"
                        + " (foo, bar, baz, us-east-1, region " + (dummy.regionIndex() + 1) + " of "
                        + dummy.regionCount() + ") the name is " + NameValidator.display(name) + ": " + p
                        + "\n  " + description);
            });
        }
    }

    /** The profile name for one input, not yet validated; empty when the name is {@code SKIP}. */
    public Optional<String> name(NameInput input) {
        String name = template != null ? template.render(input, instance) : process.run(input);
        return name.equals(SKIP) ? Optional.empty() : Optional.of(name);
    }

    /**
     * Names every input, drops the skipped ones, validates all names together
     * ({@link NameValidator#validateAll}) and sorts by name, as aws-sso-util does before writing.
     */
    public List<NamedProfile> nameAll(List<NameInput> inputs) {
        List<NamedProfile> named = new ArrayList<>();
        for (NameInput input : inputs) {
            name(input).ifPresent(n -> named.add(new NamedProfile(n, input)));
        }
        NameValidator.validateAll(named);
        // Python orders strings by code point; String.compareTo by UTF-16 unit
        named.sort(Comparator.comparing(NamedProfile::name, ProfileNamer::compareCodePoints));
        return named;
    }

    /** What names the profiles, for debug output and dry runs: the template text or the command. */
    public String description() {
        return description;
    }

    private static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Boolean.compare(i < a.length(), j < b.length());
    }
}
