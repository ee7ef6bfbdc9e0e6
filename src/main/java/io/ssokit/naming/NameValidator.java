package io.ssokit.naming;

import io.ssokit.text.PyText;

import io.ssokit.ExitCodes;
import io.ssokit.SsokitException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a generated profile name must be before anything is written: the config file's
 * {@code [profile NAME]} header cannot hold {@code [}, {@code ]}, line breaks or NUL, and a
 * name that starts or ends with whitespace would not read back as itself. Other control
 * characters are refused too, since they would reach terminals and shells through the name.
 * Spaces inside a name are allowed (the writer quotes such names, as aws-sso-util does).
 */
public final class NameValidator {
    private static final int MAX_LISTED = 20;

    private NameValidator() {
    }

    /** Why this name cannot be a profile name, or empty if it can. */
    public static Optional<String> problem(String name) {
        if (name.isEmpty()) {
            return Optional.of("the name is empty");
        }
        for (int i = 0; i < name.length(); ) {
            int cp = name.codePointAt(i);
            if (cp == '[' || cp == ']') {
                return Optional.of("contains '" + (char) cp + "', which a config file section header cannot hold");
            }
            if (cp == '\n' || cp == '\r') {
                return Optional.of("contains a line break");
            }
            if (cp == 0) {
                return Optional.of("contains a NUL character");
            }
            if (cp != '\t' && Character.isISOControl(cp)) {
                return Optional.of(String.format("contains the control character U+%04X", cp));
            }
            i += Character.charCount(cp);
        }
        if (PyText.isSpace(name.codePointAt(0)) || PyText.isSpace(name.codePointBefore(name.length()))) {
            return Optional.of("starts or ends with whitespace");
        }
        return Optional.empty();
    }

    /**
     * Checks every name and that no two are equal; reports all problems at once.
     *
     * @throws SsokitException (error) listing each invalid name and each duplicate with both sources
     */
    public static void validateAll(List<NamedProfile> profiles) {
        List<String> problems = new ArrayList<>();
        Map<String, NamedProfile> seen = new HashMap<>();
        for (NamedProfile p : profiles) {
            Optional<String> problem = problem(p.name());
            if (problem.isPresent()) {
                problems.add(display(p.name()) + " (" + p.input().describe() + "): " + problem.get());
                continue;
            }
            NamedProfile first = seen.putIfAbsent(p.name(), p);
            if (first != null) {
                problems.add(display(p.name()) + " is generated twice: for " + first.input().describe()
                        + ", and for " + p.input().describe());
            }
        }
        if (problems.isEmpty()) {
            return;
        }
        StringBuilder msg = new StringBuilder("cannot write profiles: ").append(problems.size())
                .append(problems.size() == 1 ? " generated profile name is invalid" : " generated profile names are invalid")
                .append(" (nothing was written)");
        problems.stream().limit(MAX_LISTED).forEach(p -> msg.append("\n  ").append(p));
        if (problems.size() > MAX_LISTED) {
            msg.append("\n  … and ").append(problems.size() - MAX_LISTED).append(" more");
        }
        throw new SsokitException(ExitCodes.ERROR, msg.toString());
    }

    /** The name in quotes with control characters made visible. */
    static String display(String name) {
        StringBuilder out = new StringBuilder("'");
        name.codePoints().forEach(cp -> {
            if (cp == '\n') {
                out.append("\\n");
            } else if (cp == '\r') {
                out.append("\\r");
            } else if (cp == '\t') {
                out.append("\\t");
            } else if (Character.isISOControl(cp)) {
                out.append(String.format("\\u%04X", cp));
            } else {
                out.appendCodePoint(cp);
            }
        });
        return out.append('\'').toString();
    }
}
