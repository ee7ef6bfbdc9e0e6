package io.ssokit.naming;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Translates aws-sso-util's {@code --components}, {@code --separator}, {@code --region-style},
 * {@code --*-name-case} and {@code --trim-*-name} into one Mustache template, so that components
 * and {@code --profile-name-template} are rendered by the same engine. With the defaults the
 * result is {@code {{account_name}}.{{role_name}}{{#region}}.{{short_region}}{{/region}}}.
 *
 * <p>aws-sso-util builds two format strings, one with every component and one without the
 * region components ({@code region}, {@code short_region}, {@code default_style_region}), and
 * picks by region index. Here the region components, and any separator that exists only
 * because of them, sit inside {@code {{#region}}…{{/region}}}; {@code region} has a value
 * exactly when aws-sso-util would pick the full format. The two agree for every list: joining
 * all parts versus joining the non-region parts.
 *
 * <p>Order, as in aws-sso-util's code (and contrary to its docs): safe-name first (done by the
 * {@code account_name} variable), then the case transform, then the trims; so a trim regex
 * must match the already transformed text. The nesting {@code {{#trim_account_name}}{{#lower}}
 * {{account_name}}{{/lower}}{{/trim_account_name}}} states that order in the template itself.
 */
final class ComponentsTemplate {
    private static final Set<String> REGION_COMPONENTS = Set.of("region", "short_region", "default_style_region");

    private ComponentsTemplate() {
    }

    static String translate(NamingOptions options) {
        String[] parts = options.effectiveComponents().split(",", -1);
        String separator = MustacheText.literal(options.separator());
        List<Segment> segments = new ArrayList<>();
        boolean nonRegionSeen = false;
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            String sep = i == 0 ? "" : separator;
            if (REGION_COMPONENTS.contains(part)) {
                segments.add(new Segment(true, sep + tag(part, options)));
            } else {
                // the separator before the first non-region part exists only if region parts precede it
                segments.add(new Segment(!nonRegionSeen && i > 0, sep));
                segments.add(new Segment(false, tag(part, options)));
                nonRegionSeen = true;
            }
        }
        return render(segments);
    }

    private static String tag(String component, NamingOptions options) {
        switch (component) {
            case "account_name":
                return wrap("{{account_name}}", options.accountNameCase(), !options.trimAccountName().isEmpty(),
                        "trim_account_name");
            case "role_name":
                return wrap("{{role_name}}", options.roleNameCase(), !options.trimRoleName().isEmpty(),
                        "trim_role_name");
            case "account_id":
            case "account_number":
                return "{{account_id}}";
            case "region":
                return "{{region_long}}";
            case "short_region":
                return "{{short_region}}";
            case "default_style_region":
                // resolved now, as aws-sso-util does, so the debug output shows the real choice
                return options.regionStyle() == NamingOptions.RegionStyle.SHORT ? "{{short_region}}" : "{{region_long}}";
            default:
                return MustacheText.literal(component);
        }
    }

    private static String wrap(String variable, CaseTransform transform, boolean trim, String trimHelper) {
        String text = variable;
        if (transform != null) {
            String h = transform.optionValue();
            text = "{{#" + h + "}}" + text + "{{/" + h + "}}";
        }
        if (trim) {
            text = "{{#" + trimHelper + "}}" + text + "{{/" + trimHelper + "}}";
        }
        return text;
    }

    /** Joins the segments, one {@code {{#region}}} section per run of conditional ones. */
    private static String render(List<Segment> segments) {
        StringBuilder out = new StringBuilder();
        boolean open = false;
        for (Segment s : segments) {
            if (s.text().isEmpty()) {
                continue;
            }
            if (s.regionOnly() != open) {
                out.append(open ? "{{/region}}" : "{{#region}}");
                open = s.regionOnly();
            }
            out.append(s.text());
        }
        if (open) {
            out.append("{{/region}}");
        }
        return out.toString();
    }

    private record Segment(boolean regionOnly, String text) {
    }
}
