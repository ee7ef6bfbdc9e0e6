package io.ssokit.completion;

import java.util.List;

/**
 * One option of a command.
 *
 * @param names every spelling, short ones first ({@code -a}, {@code --account-id}), including the
 *     negated form of a negatable option
 * @param label what the value is called in help ({@code PROFILE}); empty for a flag
 * @param description one line for the shells that show descriptions (may be empty)
 * @param repeatable whether it may appear more than once ({@code -vv}, a multi-valued option)
 * @param hidden recognised on the command line (its value is skipped, an account it names still
 *     filters roles) but never offered
 * @param exclusive help and version options: nothing else is completed after them
 */
public record OptionModel(List<String> names, String label, String description, Values values, boolean repeatable,
        boolean hidden, boolean exclusive) {

    public OptionModel {
        names = List.copyOf(names);
        if (names.isEmpty()) {
            throw new IllegalArgumentException("an option needs a name");
        }
        for (String n : names) {
            if (!n.matches("-{1,2}[A-Za-z0-9][A-Za-z0-9_.-]*")) {
                // the scripts paste names into case labels and specs unquoted: keep them plain
                throw new IllegalArgumentException("unsupported option name for completion: " + n);
            }
        }
    }
}
