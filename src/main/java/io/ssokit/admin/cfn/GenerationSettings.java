package io.ssokit.admin.cfn;

import io.ssokit.ExitCodes;
import io.ssokit.SsokitException;
import java.math.BigInteger;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * How templates are cut up: resources per template, concurrent assignments, child stacks, and
 * the session duration given to permission sets that lack one.
 *
 * <p>Precedence: the command line first; a config file's keys (or a macro template's
 * {@code Metadata.SSO}) fill only what the command line left unset. As in aws-sso-util, a value
 * below 1 in a file (below 0 for {@code NumChildStacks}) means "the default", which is how the
 * macro's {@code -1} parameters are spelled.
 */
public final class GenerationSettings {
    public static final int DEFAULT_MAX_RESOURCES_PER_TEMPLATE = 500;
    public static final int DEFAULT_MAX_CONCURRENT_ASSIGNMENTS = 20;

    private Integer maxResourcesPerTemplate;
    private Integer maxConcurrentAssignments;
    private Integer maxAssignmentsAllocation;
    private Integer numChildStacks;
    private String defaultSessionDuration;

    /** The settings given on the command line (each may be null). */
    public static GenerationSettings fromOptions(CfnOptions options) {
        GenerationSettings s = new GenerationSettings();
        s.maxResourcesPerTemplate = options.maxResourcesPerTemplate();
        s.maxConcurrentAssignments = options.maxConcurrentAssignments();
        s.maxAssignmentsAllocation = options.maxAssignmentsAllocation();
        s.numChildStacks = options.numChildStacks();
        s.defaultSessionDuration = options.defaultSessionDuration();
        return s;
    }

    public GenerationSettings copy() {
        GenerationSettings s = new GenerationSettings();
        s.maxResourcesPerTemplate = maxResourcesPerTemplate;
        s.maxConcurrentAssignments = maxConcurrentAssignments;
        s.maxAssignmentsAllocation = maxAssignmentsAllocation;
        s.numChildStacks = numChildStacks;
        s.defaultSessionDuration = defaultSessionDuration;
        return s;
    }

    /**
     * Fills the unset settings from a config file's top level or a template's
     * {@code Metadata.SSO}.
     *
     * @param where the file and section, for error messages
     */
    public void fillFrom(Map<String, Object> data, String where) {
        if (maxResourcesPerTemplate == null) {
            maxResourcesPerTemplate = integer(data, "MaxResourcesPerTemplate", where);
        }
        if (maxConcurrentAssignments == null) {
            maxConcurrentAssignments = integer(data, "MaxConcurrentAssignments", where);
        }
        if (maxAssignmentsAllocation == null) {
            maxAssignmentsAllocation = integer(data, "MaxAssignmentsAllocation", where);
        }
        if (numChildStacks == null) {
            Integer stacks = integer(data, "NumChildStacks", where);
            Integer templates = integer(data, "NumChildTemplates", where);
            if (stacks != null && templates != null) {
                throw new SsokitException(ExitCodes.USAGE, where
                        + ": both NumChildStacks and NumChildTemplates are set; use one");
            }
            numChildStacks = stacks != null ? stacks : templates;
        }
        Object duration = data.get("DefaultSessionDuration");
        if (defaultSessionDuration == null && duration != null && !"".equals(duration)) {
            if (!(duration instanceof String text)) {
                throw new SsokitException(ExitCodes.USAGE, where
                        + ": DefaultSessionDuration must be an ISO 8601 duration such as PT4H");
            }
            defaultSessionDuration = checkDuration(text, where + ": DefaultSessionDuration");
        }
    }

    /** Checks an ISO 8601 duration ({@code PT1H}, {@code PT12H}, {@code PT90M}). */
    public static String checkDuration(String text, String what) {
        try {
            Duration d = Duration.parse(text);
            if (d.isNegative() || d.isZero()) {
                throw new DateTimeParseException("not positive", text, 0);
            }
            return text;
        } catch (DateTimeParseException e) {
            throw new SsokitException(ExitCodes.USAGE, what + ": '" + text
                    + "' is not a positive ISO 8601 duration such as PT4H");
        }
    }

    private static Integer integer(Map<String, Object> data, String key, String where) {
        Object value = data.get(key);
        if (value == null) {
            return null;
        }
        if (value instanceof Integer i) {
            return i;
        }
        if (value instanceof Long || value instanceof BigInteger) {
            throw new SsokitException(ExitCodes.USAGE, where + ": " + key + " is out of range: " + value);
        }
        if (value instanceof String s && s.trim().matches("[-+]?[0-9]{1,9}")) {
            return Integer.valueOf(s.trim());
        }
        throw new SsokitException(ExitCodes.USAGE, where + ": " + key + " must be a whole number, not '" + value + "'");
    }

    public int maxResourcesPerTemplate() {
        return maxResourcesPerTemplate == null || maxResourcesPerTemplate < 1
                ? DEFAULT_MAX_RESOURCES_PER_TEMPLATE : maxResourcesPerTemplate;
    }

    public int maxConcurrentAssignments() {
        return maxConcurrentAssignments == null || maxConcurrentAssignments < 1
                ? DEFAULT_MAX_CONCURRENT_ASSIGNMENTS : maxConcurrentAssignments;
    }

    /**
     * The number of child stacks: the larger of {@code NumChildStacks} (0 or more) and
     * ceil({@code MaxAssignmentsAllocation} / max resources per template); null when neither is
     * set (everything goes into the parent, or it is an error when it does not fit).
     */
    public Integer numChildStacks() {
        Integer fromAllocation = null;
        if (maxAssignmentsAllocation != null && maxAssignmentsAllocation >= 1) {
            int max = maxResourcesPerTemplate();
            fromAllocation = (maxAssignmentsAllocation + max - 1) / max;
        }
        Integer fixed = numChildStacks != null && numChildStacks >= 0 ? numChildStacks : null;
        if (fromAllocation != null && fixed != null) {
            return Math.max(fromAllocation, fixed);
        }
        return fromAllocation != null ? fromAllocation : fixed;
    }

    /** The session duration for permission sets that lack one, or null. */
    public String defaultSessionDuration() {
        return defaultSessionDuration == null || defaultSessionDuration.isEmpty() ? null : defaultSessionDuration;
    }

    /** The effective settings, for {@code -v}. */
    @Override
    public String toString() {
        Integer children = numChildStacks();
        return "max resources per template " + maxResourcesPerTemplate() + ", max concurrent assignments "
                + maxConcurrentAssignments() + ", child stacks " + (children == null ? "none" : children)
                + ", default session duration " + (defaultSessionDuration() == null ? "none" : defaultSessionDuration());
    }
}
