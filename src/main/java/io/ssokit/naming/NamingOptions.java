package io.ssokit.naming;

import io.ssokit.ExitCodes;
import io.ssokit.SsokitException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Every profile-naming option of {@code configure populate}: aws-sso-util's own
 * ({@code --components}, {@code --separator}, {@code --include-region}, {@code --region-style},
 * {@code --trim-*-name}, {@code --*-name-case}, {@code --safe/raw-account-names},
 * {@code --profile-name-process}) and ssokit's {@code --profile-name-template}.
 *
 * @param components     the {@code --components} list as given, or null when not given (then
 *                       {@link #DEFAULT_COMPONENTS} applies; null also tells a template user
 *                       apart from someone who asked for components explicitly)
 * @param separator      already resolved by the caller: aws-sso-util treats an empty
 *                       {@code --separator} as unset and falls back to
 *                       {@code AWS_CONFIGURE_SSO_DEFAULT_PROFILE_NAME_SEPARATOR}, then {@code .}
 * @param accountNameCase null for no transform
 * @param roleNameCase    null for no transform
 * @param template       the {@code --profile-name-template} value (inline text, file or preset), or null
 * @param process        the {@code --profile-name-process} command line, or null
 * @param processTimeout how long one run of the process may take before it is killed
 */
public record NamingOptions(
        String components,
        String separator,
        IncludeRegion includeRegion,
        RegionStyle regionStyle,
        List<String> trimAccountName,
        List<String> trimRoleName,
        CaseTransform accountNameCase,
        CaseTransform roleNameCase,
        boolean safeAccountNames,
        String template,
        String process,
        Duration processTimeout) {

    public static final String DEFAULT_COMPONENTS = "account_name,role_name,default_style_region";
    public static final String DEFAULT_SEPARATOR = ".";
    public static final Duration DEFAULT_PROCESS_TIMEOUT = Duration.ofSeconds(60);

    /** {@code --include-region}: {@code default} leaves the region out of the first region's names. */
    public enum IncludeRegion {
        DEFAULT, ALWAYS;

        public static IncludeRegion fromOption(String value) {
            return choice(IncludeRegion.class, "--include-region", value);
        }
    }

    /** {@code --region-style}: what {@code default_style_region} renders as. */
    public enum RegionStyle {
        SHORT, LONG;

        public static RegionStyle fromOption(String value) {
            return choice(RegionStyle.class, "--region-style", value);
        }
    }

    public NamingOptions {
        Objects.requireNonNull(separator, "separator");
        Objects.requireNonNull(includeRegion, "includeRegion");
        Objects.requireNonNull(regionStyle, "regionStyle");
        trimAccountName = List.copyOf(trimAccountName);
        trimRoleName = List.copyOf(trimRoleName);
        Objects.requireNonNull(processTimeout, "processTimeout");
        if (processTimeout.isNegative() || processTimeout.isZero()) {
            throw new IllegalArgumentException("processTimeout must be positive");
        }
    }

    public static NamingOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The components in effect: the given list, or aws-sso-util's default. */
    public String effectiveComponents() {
        return components != null ? components : DEFAULT_COMPONENTS;
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.components = components;
        b.separator = separator;
        b.includeRegion = includeRegion;
        b.regionStyle = regionStyle;
        b.trimAccountName.addAll(trimAccountName);
        b.trimRoleName.addAll(trimRoleName);
        b.accountNameCase = accountNameCase;
        b.roleNameCase = roleNameCase;
        b.safeAccountNames = safeAccountNames;
        b.template = template;
        b.process = process;
        b.processTimeout = processTimeout;
        return b;
    }

    public static final class Builder {
        private String components;
        private String separator = DEFAULT_SEPARATOR;
        private IncludeRegion includeRegion = IncludeRegion.DEFAULT;
        private RegionStyle regionStyle = RegionStyle.SHORT;
        private final List<String> trimAccountName = new ArrayList<>();
        private final List<String> trimRoleName = new ArrayList<>();
        private CaseTransform accountNameCase;
        private CaseTransform roleNameCase;
        private boolean safeAccountNames = true;
        private String template;
        private String process;
        private Duration processTimeout = DEFAULT_PROCESS_TIMEOUT;

        private Builder() {
        }

        public Builder components(String value) {
            this.components = value;
            return this;
        }

        public Builder separator(String value) {
            this.separator = value;
            return this;
        }

        public Builder includeRegion(IncludeRegion value) {
            this.includeRegion = value;
            return this;
        }

        public Builder regionStyle(RegionStyle value) {
            this.regionStyle = value;
            return this;
        }

        /** Appends one {@code --trim-account-name} regex; they apply in the order given. */
        public Builder trimAccountName(String regex) {
            this.trimAccountName.add(Objects.requireNonNull(regex));
            return this;
        }

        /** Appends one {@code --trim-role-name} regex; they apply in the order given. */
        public Builder trimRoleName(String regex) {
            this.trimRoleName.add(Objects.requireNonNull(regex));
            return this;
        }

        public Builder accountNameCase(CaseTransform value) {
            this.accountNameCase = value;
            return this;
        }

        public Builder roleNameCase(CaseTransform value) {
            this.roleNameCase = value;
            return this;
        }

        public Builder safeAccountNames(boolean value) {
            this.safeAccountNames = value;
            return this;
        }

        public Builder template(String value) {
            this.template = value;
            return this;
        }

        public Builder process(String value) {
            this.process = value;
            return this;
        }

        public Builder processTimeout(Duration value) {
            this.processTimeout = value;
            return this;
        }

        public NamingOptions build() {
            return new NamingOptions(components, separator, includeRegion, regionStyle, trimAccountName,
                    trimRoleName, accountNameCase, roleNameCase, safeAccountNames, template, process, processTimeout);
        }
    }

    private static <E extends Enum<E>> E choice(Class<E> type, String option, String value) {
        for (E e : type.getEnumConstants()) {
            if (e.name().toLowerCase(Locale.ROOT).equals(value)) {
                return e;
            }
        }
        throw new SsokitException(ExitCodes.USAGE, "invalid value for " + option + ": '" + value + "' (choose from "
                + Arrays.stream(type.getEnumConstants()).map(e -> e.name().toLowerCase(Locale.ROOT))
                        .collect(Collectors.joining(", ")) + ")");
    }
}
