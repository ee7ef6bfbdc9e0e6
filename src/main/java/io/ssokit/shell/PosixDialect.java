package io.ssokit.shell;

/**
 * bash and zsh (and, for the quoting, every POSIX sh: dash, ksh, bash 3.2).
 *
 * <p>Quoting: the value inside single quotes, where nothing at all is special, and each {@code '}
 * written as {@code '\''} (close, an escaped quote, reopen). Every other character, including
 * newline, CR, {@code !} and any non-ASCII, stands for itself. It never produces {@code ''} inside
 * an open quote, so zsh's RC_QUOTES option cannot change its meaning. Rejects only NUL and
 * unpaired surrogates.
 */
public final class PosixDialect implements Dialect {
    private final String id;

    PosixDialect(String id) {
        this.id = id;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String quote(String value) {
        return quote(null, value);
    }

    private String quote(String name, String value) {
        Checks.universal(id, name, value);
        StringBuilder sb = new StringBuilder(value.length() + 8).append('\'');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\'') {
                sb.append("'\\''");
            } else {
                sb.append(c);
            }
        }
        return sb.append('\'').toString();
    }

    /** {@code export NAME='value'}: one word after export, so no field splitting can happen. */
    @Override
    public String set(String name, String value) {
        Checks.name(name);
        return "export " + name + "=" + quote(name, value);
    }

    /** {@code unset NAME}: exit 0 in bash, zsh and dash when the variable does not exist. */
    @Override
    public String unset(String name) {
        return "unset " + Checks.name(name);
    }

    @Override
    public String toString() {
        return id;
    }
}
