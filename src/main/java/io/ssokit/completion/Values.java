package io.ssokit.completion;

import java.util.List;

/**
 * The values an option or positional parameter accepts, as completion sees them.
 *
 * @param fixed the candidates of a {@link ValueKind#FIXED} value, in declaration order; empty for
 *     every other kind
 */
public record Values(ValueKind kind, List<String> fixed) {
    public static final Values NONE = new Values(ValueKind.NONE, List.of());
    public static final Values TEXT = new Values(ValueKind.TEXT, List.of());

    public Values {
        fixed = List.copyOf(fixed);
        if ((kind == ValueKind.FIXED) == fixed.isEmpty()) {
            throw new IllegalArgumentException("fixed candidates go with FIXED values only, and FIXED needs some");
        }
    }

    public static Values of(ValueKind kind) {
        return new Values(kind, List.of());
    }

    public static Values fixed(List<String> candidates) {
        return new Values(ValueKind.FIXED, candidates);
    }

    /** Whether the option takes a value at all. */
    public boolean takesValue() {
        return kind != ValueKind.NONE;
    }
}
