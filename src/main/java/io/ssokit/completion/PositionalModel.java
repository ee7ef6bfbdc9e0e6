package io.ssokit.completion;

/**
 * A positional parameter (or a run of them) of a command.
 *
 * @param from the zero-based index of the first word it covers
 * @param to the index of the last word it covers; {@link Integer#MAX_VALUE} for "and every word
 *     after"
 * @param label the parameter label, e.g. {@code PROFILE}, used as the zsh message
 */
public record PositionalModel(int from, int to, String label, String description, Values values) {
    public static final int UNBOUNDED = Integer.MAX_VALUE;

    public PositionalModel {
        if (from < 0 || to < from) {
            throw new IllegalArgumentException("bad positional range " + from + ".." + to);
        }
        if (values.kind() == ValueKind.NONE) {
            throw new IllegalArgumentException("a positional parameter always has a value");
        }
    }

    public boolean covers(int index) {
        return index >= from && index <= to;
    }
}
