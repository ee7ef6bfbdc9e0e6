package io.ssokit.cli;

import io.ssokit.completion.CommandModel;
import io.ssokit.completion.OptionModel;
import io.ssokit.completion.PositionalModel;
import io.ssokit.completion.ValueKind;
import io.ssokit.completion.Values;
import java.io.File;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Reads the picocli command tree into the completion model, so that the scripts are generated from
 * the commands themselves and cannot drift from them.
 *
 * <p>Where a value's candidates come from is decided here, in this order:
 *
 * <ol>
 *   <li>a fixed list when picocli has one: an enum type, or {@code completionCandidates};
 *       {@code true}/{@code false} for a boolean that takes a value;
 *   <li>a dynamic kind by option name ({@link #OPTION_KINDS}) or positional label ({@link
 *       #LABEL_KINDS}): {@code --profile} completes profile names, {@code --account-id} account
 *       ids, and so on, in every command that has such an option, with no annotation needed;
 *   <li>file or directory names for {@code File} and {@code Path} values;
 *   <li>otherwise free text (nothing is offered).
 * </ol>
 *
 * An option whose value is optional (arity 0..1) is completed as a flag.
 */
public final class CompletionModelReader {

    /** Dynamic kinds by option name; any spelling of an option maps the whole option. */
    static final Map<String, ValueKind> OPTION_KINDS = Map.ofEntries(
            Map.entry("--profile", ValueKind.PROFILE),
            Map.entry("--check-profile", ValueKind.PROFILE),
            Map.entry("--source-profile", ValueKind.PROFILE),
            Map.entry("--sso-session", ValueKind.SSO_SESSION),
            Map.entry("--account-id", ValueKind.ACCOUNT),
            Map.entry("--account", ValueKind.ACCOUNT),
            Map.entry("--role-name", ValueKind.ROLE),
            Map.entry("--region", ValueKind.REGION),
            Map.entry("--sso-region", ValueKind.REGION),
            Map.entry("--sso-start-url", ValueKind.START_URL),
            Map.entry("--start-url", ValueKind.START_URL));

    /** Dynamic kinds by positional parameter label (without angle brackets, case-insensitive). */
    static final Map<String, ValueKind> LABEL_KINDS = Map.ofEntries(
            Map.entry("PROFILE", ValueKind.PROFILE),
            Map.entry("PROFILE_NAME", ValueKind.PROFILE),
            Map.entry("SSO_SESSION", ValueKind.SSO_SESSION),
            Map.entry("ACCOUNT_ID", ValueKind.ACCOUNT),
            Map.entry("ROLE_NAME", ValueKind.ROLE),
            Map.entry("REGION", ValueKind.REGION),
            Map.entry("SSO_REGION", ValueKind.REGION),
            Map.entry("START_URL", ValueKind.START_URL),
            Map.entry("SSO_START_URL", ValueKind.START_URL),
            Map.entry("COMMAND", ValueKind.COMMAND),
            Map.entry("CMD", ValueKind.COMMAND));

    private static final Pattern MARKUP = Pattern.compile("@\\|[^ |]+ (.*?)\\|@");

    private CompletionModelReader() {
    }

    /** The model of {@code root} and everything below it. */
    public static CommandModel read(CommandLine root) {
        return command(root.getCommandSpec(), root.getCommandSpec().name());
    }

    private static CommandModel command(CommandSpec spec, String name) {
        boolean anyCase = spec.parser().caseInsensitiveEnumValuesAllowed();
        List<OptionModel> options = new ArrayList<>();
        for (OptionSpec o : inStableOrder(spec.options())) {
            options.add(option(spec, o, anyCase));
        }
        List<PositionalModel> positionals = new ArrayList<>();
        for (PositionalParamSpec p : spec.positionalParameters()) {
            if (!p.hidden()) {
                positionals.add(positional(p, anyCase));
            }
        }
        List<CommandModel> subs = new ArrayList<>();
        // picocli lists a command once per alias; each CommandLine once is what we want
        Map<CommandLine, Boolean> seen = new IdentityHashMap<>();
        for (Map.Entry<String, CommandLine> e : spec.subcommands().entrySet()) {
            CommandLine sub = e.getValue();
            // "__" commands (__check-profile, __pick-profile) are plumbing for shell init's
            // wrapper: nobody types them, so the scripts do not know them at all (other hidden
            // commands are left out of the offers but still have their options completed)
            if (e.getKey().startsWith("__")) {
                continue;
            }
            if (seen.put(sub, Boolean.TRUE) == null) {
                subs.add(command(sub.getCommandSpec(), sub.getCommandSpec().name()));
            }
        }
        String[] header = spec.usageMessage().header();
        String description = summary(header.length > 0 ? header : spec.usageMessage().description(), null);
        return new CommandModel(name, List.of(spec.aliases()), description, spec.usageMessage().hidden(),
                options, positionals, subs);
    }

    /**
     * picocli's options in an order that is the same on every run. Options on annotated methods
     * (paired flags like --lookup-names/--no-lookup-names, where the last one given wins) come in
     * the JVM's reflection order, which changes from run to run; they keep the places they took
     * but are put in them by their {@code order} attribute, then name. Fields are listed as declared.
     */
    static List<OptionSpec> inStableOrder(List<OptionSpec> options) {
        List<OptionSpec> out = new ArrayList<>(options);
        List<Integer> slots = new ArrayList<>();
        List<OptionSpec> methods = new ArrayList<>();
        for (int i = 0; i < out.size(); i++) {
            if (out.get(i).userObject() instanceof Method) {
                slots.add(i);
                methods.add(out.get(i));
            }
        }
        methods.sort(Comparator.comparingInt(OptionSpec::order).thenComparing(OptionSpec::longestName));
        for (int k = 0; k < slots.size(); k++) {
            out.set(slots.get(k), methods.get(k));
        }
        return out;
    }

    private static OptionModel option(CommandSpec cmd, OptionSpec o, boolean anyCase) {
        Set<String> names = new LinkedHashSet<>(List.of(o.names()));
        if (o.negatable()) {
            CommandLine.INegatableOptionTransformer t = cmd.negatableOptionTransformer();
            for (String n : o.names()) {
                String negative = t.makeNegative(n, cmd);
                if (negative != null && !negative.equals(n)) {
                    names.add(negative);
                }
            }
        }
        List<String> sorted = new ArrayList<>(names);
        sorted.sort((a, b) -> a.length() != b.length() ? Integer.compare(a.length(), b.length()) : a.compareTo(b));
        Values values = o.arity().min() == 0 ? Values.NONE : values(o, kindByName(o.names()), anyCase);
        boolean repeatable = o.isMultiValue() || o.arity().max() > 1;
        String label = values.takesValue() ? plainLabel(o.paramLabel()) : "";
        return new OptionModel(sorted, label, summary(o.description(), o), values, repeatable, o.hidden(),
                o.usageHelp() || o.versionHelp());
    }

    private static PositionalModel positional(PositionalParamSpec p, boolean anyCase) {
        CommandLine.Range index = p.index();
        int from = index.min();
        int to = index.isVariable() || index.max() == Integer.MAX_VALUE ? PositionalModel.UNBOUNDED : index.max();
        if (p.arity().max() == Integer.MAX_VALUE || p.arity().isVariable()) {
            to = PositionalModel.UNBOUNDED;
        }
        String label = plainLabel(p.paramLabel());
        ValueKind byLabel = LABEL_KINDS.get(label.toUpperCase(Locale.ROOT));
        Values values = values(p, byLabel, anyCase);
        return new PositionalModel(from, to, label.isEmpty() ? "arg" : label, summary(p.description(), p), values);
    }

    /** {@code <profile>} or {@code PROFILE...} as a plain word: {@code profile}, {@code PROFILE}. */
    private static String plainLabel(String label) {
        return label.replaceAll("[<>\\[\\]]", "").replace("...", "").trim();
    }

    private static ValueKind kindByName(String[] names) {
        for (String n : names) {
            ValueKind k = OPTION_KINDS.get(n);
            if (k != null) {
                return k;
            }
        }
        return null;
    }

    private static Values values(ArgSpec a, ValueKind byName, boolean anyCase) {
        Class<?> type = a.auxiliaryTypes().length > 0 && a.isMultiValue() ? a.auxiliaryTypes()[0] : a.type();
        Iterable<String> candidates = a.completionCandidates();
        if (candidates != null) {
            List<String> fixed = new ArrayList<>();
            candidates.forEach(fixed::add);
            if (!fixed.isEmpty()) {
                return Values.fixed(anyCase && isConstantNames(type, fixed) ? lowerCase(fixed) : fixed);
            }
        }
        if (type == boolean.class || type == Boolean.class) {
            return Values.fixed(List.of("true", "false"));
        }
        if (byName != null) {
            return Values.of(byName);
        }
        if (type == File.class || type == Path.class) {
            return Values.of(a.paramLabel().toUpperCase(Locale.ROOT).contains("DIR") ? ValueKind.DIRECTORY : ValueKind.FILE);
        }
        return Values.TEXT;
    }

    /**
     * Whether {@code candidates} are an enum's constant names (picocli's default candidates when the
     * enum does not override toString): the factory accepts enum values in any case, and people
     * type {@code --output json}, so completion offers them in lower case.
     */
    private static boolean isConstantNames(Class<?> type, List<String> candidates) {
        if (!type.isEnum()) {
            return false;
        }
        Object[] constants = type.getEnumConstants();
        if (constants.length != candidates.size()) {
            return false;
        }
        for (int i = 0; i < constants.length; i++) {
            if (!((Enum<?>) constants[i]).name().equals(candidates.get(i))) {
                return false;
            }
        }
        return true;
    }

    private static List<String> lowerCase(List<String> values) {
        List<String> out = new ArrayList<>();
        for (String v : values) {
            out.add(v.toLowerCase(Locale.ROOT));
        }
        return out;
    }

    /**
     * One line from a picocli description: format codes and markup removed, variables filled in,
     * cut after the first sentence (the shells show one line per candidate).
     */
    static String summary(String[] lines, ArgSpec arg) {
        String text = String.join(" ", lines);
        if (arg != null) {
            String def = arg.defaultValueString();
            text = text.replace("${DEFAULT-VALUE}", def == null ? "" : def);
            Iterable<String> candidates = arg.completionCandidates();
            text = text.replace("${COMPLETION-CANDIDATES}", candidates == null ? "" : join(candidates));
        }
        text = text.replace("%n", " ").replace("%%", "%");
        Matcher m = MARKUP.matcher(text);
        text = m.replaceAll(r -> Matcher.quoteReplacement(r.group(1)));
        text = text.replaceAll("\\s+", " ").trim();
        int cut = sentenceEnd(text);
        if (cut >= 0) {
            text = text.substring(0, cut);
        }
        if (text.endsWith(".") && !text.endsWith("..")) {
            text = text.substring(0, text.length() - 1);
        }
        return text;
    }

    private static int sentenceEnd(String text) {
        int from = 0;
        while (true) {
            int i = text.indexOf(". ", from);
            if (i < 0) {
                return -1;
            }
            String before = text.substring(0, i).toLowerCase(Locale.ROOT);
            if (!before.endsWith("e.g") && !before.endsWith("i.e") && !before.endsWith("vs")) {
                return i;
            }
            from = i + 2;
        }
    }

    private static String join(Iterable<String> values) {
        StringBuilder sb = new StringBuilder();
        for (String v : values) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(v);
        }
        return sb.toString();
    }
}
