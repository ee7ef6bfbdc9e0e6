package io.ssokit.shell;

/**
 * fish.
 *
 * <p>Quoting: fish single quotes expand nothing (no variables, no command substitution, no globs,
 * no brace expansion, no {@code ~}); the only escapes recognised inside them are {@code \\} for a
 * backslash and {@code \'} for a quote, and any other backslash is literal. So every {@code \}
 * becomes {@code \\} and every {@code '} becomes {@code \'}; newlines and all other characters
 * stand for themselves. Rejects only NUL and unpaired surrogates.
 *
 * <p>A name ending in {@code PATH} makes a fish path variable, which fish keeps as a list split
 * on {@code :}; {@code "$NAME"} and the exported environment still read back the exact value.
 *
 * <p>Scope: {@code set -gx}. Without {@code -g}, a {@code set} run from a script sourced inside a
 * function (the profile switcher is one) would create a variable local to that function, which
 * vanishes when it returns. Unset uses {@code -g} too, symmetrically: it removes the global that
 * {@code set -gx} made and never erases a universal variable, which would be a persistent change
 * to every fish session of the user. {@code set -e} of a missing variable prints nothing but exits
 * 4, which would become the status of {@code ... | source}; the {@code if set -q} guard keeps it 0
 * and still reports a genuine failure to erase.
 */
public final class FishDialect implements Dialect {

    FishDialect() {
    }

    @Override
    public String id() {
        return "fish";
    }

    @Override
    public String quote(String value) {
        return quote(null, value);
    }

    private static String quote(String name, String value) {
        Checks.universal("fish", name, value);
        StringBuilder sb = new StringBuilder(value.length() + 8).append('\'');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' || c == '\'') {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.append('\'').toString();
    }

    /**
     * {@code set -gx NAME 'value'}. fish's {@code set} stops reading options at the first
     * non-option (the name), so a value such as {@code '-e'} is never taken for a flag.
     */
    @Override
    public String set(String name, String value) {
        Checks.name(name);
        return "set -gx " + name + " " + quote(name, value);
    }

    /** Laid out as fish_indent lays it out, so the rendered script passes {@code fish_indent --check}. */
    @Override
    public String unset(String name) {
        Checks.name(name);
        return "if set -q -g " + name + "\n    set -e -g " + name + "\nend";
    }

    @Override
    public String toString() {
        return id();
    }
}
