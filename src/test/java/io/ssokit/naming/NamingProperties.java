package io.ssokit.naming;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ssokit.naming.NamingOptions.IncludeRegion;
import io.ssokit.naming.NamingOptions.RegionStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Builders;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** The components path against a hand-written template, and against a model of aws-sso-util's code. */
class NamingProperties {
    private static final Map<NamingOptions, ProfileNamer> NAMERS = new ConcurrentHashMap<>();

    private static String name(NamingOptions options, NameInput input) {
        return NAMERS.computeIfAbsent(options, Naming::namer).name(input).orElse(ProfileNamer.SKIP);
    }

    /** Components options and the template a person would write for the same names. */
    record Equivalent(NamingOptions components, NamingOptions template) {
    }

    @Provide
    Arbitrary<Equivalent> equivalents() {
        return Arbitraries.of(
                new Equivalent(NamingOptions.defaults(), NamingOptions.builder()
                        .template("{{account_name}}.{{role_name}}{{#region}}.{{short_region}}{{/region}}").build()),
                new Equivalent(NamingOptions.builder().separator("-").regionStyle(RegionStyle.LONG)
                        .includeRegion(IncludeRegion.ALWAYS).build(), NamingOptions.builder()
                        .includeRegion(IncludeRegion.ALWAYS).template("{{account_name}}-{{role_name}}-{{region_long}}").build()),
                new Equivalent(NamingOptions.builder().accountNameCase(CaseTransform.LOWER).roleNameCase(CaseTransform.TITLE)
                        .trimAccountName("^acme-?").trimRoleName("(?<=[a-z])access$").build(), NamingOptions.builder()
                        .trimAccountName("^acme-?").trimRoleName("(?<=[a-z])access$")
                        .template("{{#trim_account_name}}{{#lower}}{{account_name}}{{/lower}}{{/trim_account_name}}"
                                + ".{{#trim_role_name}}{{#title}}{{role_name}}{{/title}}{{/trim_role_name}}"
                                + "{{#region}}.{{short_region}}{{/region}}").build()),
                new Equivalent(NamingOptions.builder().components("short_region,account_number,role_name").separator("+")
                        .safeAccountNames(false).build(), NamingOptions.builder().safeAccountNames(false)
                        .template("{{#region}}{{short_region}}+{{/region}}{{account_id}}+{{role_name}}").build()),
                new Equivalent(NamingOptions.builder().components("aws,account_name,role_name,region")
                        .accountNameCase(CaseTransform.CASEFOLD).roleNameCase(CaseTransform.CAPITALIZE)
                        .safeAccountNames(false).build(), NamingOptions.builder().safeAccountNames(false)
                        .template("aws.{{#casefold}}{{account_name}}{{/casefold}}.{{#capitalize}}{{role_name}}{{/capitalize}}"
                                + "{{#region}}.{{region_long}}{{/region}}").build()));
    }

    @Provide
    Arbitrary<String> names() {
        return Arbitraries.oneOf(
                Arbitraries.strings().withChars("aAzZ09 -_.[]{}<>&'ßẞΣσéÉİı日\u00a0\u0301").ofMaxLength(14),
                Arbitraries.strings().all().ofMaxLength(10),
                Arbitraries.of("ACME-Sandbox [dev]", "PowerUserAccess", "acme-prod", "  My  [Account] ", "SKIP", "{{role_name}}"));
    }

    @Provide
    Arbitrary<String> regions() {
        return Arbitraries.oneOf(Arbitraries.of(Regions.ALL), Arbitraries.of("local", "xx-yy", "a-b-c-d"));
    }

    @Property(tries = 400)
    void componentsEqualTheHandWrittenTemplate(@ForAll("equivalents") Equivalent pair,
            @ForAll("names") String account, @ForAll("names") String role, @ForAll("regions") String region,
            @ForAll @IntRange(min = 1, max = 4) int count, @ForAll @IntRange(min = 0, max = 3) int index) {
        NameInput input = new NameInput("123456789012", account, role, region, index % count, count);
        assertEquals(name(pair.template(), input), name(pair.components(), input));
    }

    // --- against a direct model of aws-sso-util's formatter -----------------------------------

    private static final List<String> KNOWN = List.of("account_name", "account_id", "account_number", "role_name",
            "region", "short_region", "default_style_region");
    private static final Set<String> REGION_PARTS = Set.of("region", "short_region", "default_style_region");
    private static final String TEXT = "abXY09{}<>&=%-_:/";

    @Provide
    Arbitrary<NamingOptions> componentOptions() {
        Arbitrary<String> component = Arbitraries.oneOf(Arbitraries.of(KNOWN),
                Arbitraries.strings().withChars(TEXT).ofMinLength(0).ofMaxLength(5));
        Arbitrary<List<String>> rest = component.list().ofMaxSize(4);
        Arbitrary<String> anchor = Arbitraries.of("account_name", "account_id", "role_name");
        Arbitrary<String> components = Combinators.combine(anchor, rest, Arbitraries.integers().between(0, 4))
                .as((a, r, at) -> {
                    List<String> all = new ArrayList<>(r);
                    all.add(Math.min(at, all.size()), a);
                    return String.join(",", all);
                });
        Arbitrary<String> trims = Arbitraries.of("^a", "[0-9]+", "(?<=-)x", "e$", "[\\[\\]]");
        return Builders.withBuilder(NamingOptions::builder)
                .use(components).in((b, c) -> b.components(c))
                .use(Arbitraries.strings().withChars(TEXT).ofMinLength(1).ofMaxLength(3)).in((b, s) -> b.separator(s))
                .use(Arbitraries.of(IncludeRegion.class)).in((b, v) -> b.includeRegion(v))
                .use(Arbitraries.of(RegionStyle.class)).in((b, v) -> b.regionStyle(v))
                .use(Arbitraries.of(true, false)).in((b, v) -> b.safeAccountNames(v))
                .use(Arbitraries.of(CaseTransform.class).injectNull(0.4)).in((b, v) -> b.accountNameCase(v))
                .use(Arbitraries.of(CaseTransform.class).injectNull(0.4)).in((b, v) -> b.roleNameCase(v))
                .use(trims.list().ofMaxSize(2)).in((b, l) -> {
                    l.forEach(b::trimAccountName);
                    return b;
                })
                .use(trims.list().ofMaxSize(2)).in((b, l) -> {
                    l.forEach(b::trimRoleName);
                    return b;
                })
                .build(NamingOptions.Builder::build);
    }

    /** aws-sso-util's populate formatter: two format strings, case then trim, pick by region index. */
    private static String model(NamingOptions o, NameInput in) {
        String account = in.accountNameOrId();
        if (o.safeAccountNames()) {
            account = AccountNames.safe(account);
        }
        String role = in.roleName();
        if (o.accountNameCase() != null) {
            account = o.accountNameCase().apply(account);
        }
        if (o.roleNameCase() != null) {
            role = o.roleNameCase().apply(role);
        }
        for (String t : o.trimAccountName()) {
            account = Pattern.compile(t).matcher(account).replaceAll("");
        }
        for (String t : o.trimRoleName()) {
            role = Pattern.compile(t).matcher(role).replaceAll("");
        }
        List<String> withRegion = new ArrayList<>();
        List<String> withoutRegion = new ArrayList<>();
        for (String c : o.effectiveComponents().split(",", -1)) {
            String value = switch (c) {
                case "account_name" -> account;
                case "account_id", "account_number" -> in.accountId();
                case "role_name" -> role;
                case "region" -> in.region();
                case "short_region" -> Regions.shortName(in.region());
                case "default_style_region" -> o.regionStyle() == RegionStyle.SHORT ? Regions.shortName(in.region()) : in.region();
                default -> c;
            };
            withRegion.add(value);
            if (!REGION_PARTS.contains(c)) {
                withoutRegion.add(value);
            }
        }
        boolean full = o.includeRegion() == IncludeRegion.ALWAYS || in.regionIndex() > 0;
        return String.join(o.separator(), full ? withRegion : withoutRegion);
    }

    @Property(tries = 600)
    void componentsFollowAwsSsoUtilsFormatter(@ForAll("componentOptions") NamingOptions options,
            @ForAll("names") String account, @ForAll("names") String role, @ForAll("regions") String region,
            @ForAll @IntRange(min = 1, max = 3) int count, @ForAll @IntRange(min = 0, max = 2) int index) {
        NameInput input = new NameInput("123456789012", account, role, region, index % count, count);
        assertEquals(model(options, input), name(options, input), () -> ComponentsTemplate.translate(options));
    }

    // --- literal text in generated templates ------------------------------------------------

    @Provide
    Arbitrary<String> awkwardText() {
        return Arbitraries.oneOf(
                Arbitraries.strings().withChars("{}=<>%|~^@#$&*;:?!+-_.,'\"`()[]/\\aZ09 x").ofMaxLength(60),
                Arbitraries.strings().all().ofMaxLength(20));
    }

    @Property(tries = 500)
    void literalsRenderAsThemselvesNextToTagsAndInSections(@ForAll("awkwardText") String text) {
        String lit = MustacheText.literal(text);
        NameTemplate t = NameTemplate.compile(lit + "{{role_name}}" + lit + "{{#upper}}" + lit + "{{/upper}}" + lit,
                NamingOptions.defaults());
        String rendered = t.render(new NameInput("1", "a", "R", "us-east-1", 0, 1), Naming.INSTANCE);
        assertEquals(text + "R" + text + CaseTransform.UPPER.apply(text) + text, rendered);
    }
}
