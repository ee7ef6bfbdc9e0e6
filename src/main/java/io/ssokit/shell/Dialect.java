package io.ssokit.shell;

import java.util.List;
import java.util.function.UnaryOperator;

/**
 * One shell's syntax for literal values and for setting and removing environment variables: the
 * only place in ssokit where a value becomes shell code.
 *
 * <p>A sealed interface with one final class per shell (direnv's one-file-per-shell layout), so
 * each quoter can be read, reviewed and table-tested on its own; bash and zsh share one class
 * because their single-quote rules are identical. The instances live in {@link Dialects}, not here,
 * so that loading this interface never has to load its implementations.
 */
public sealed interface Dialect extends EnvRenderer permits PosixDialect, FishDialect, PowerShellDialect, CmdDialect {

    /**
     * {@code value} as one word of this shell that reads back as exactly {@code value}: nothing in
     * it is expanded, globbed, split or executed.
     *
     * @throws io.ssokit.SsokitException (exit code 2) when this shell cannot carry the value; the
     *     message says which character, never the value
     */
    String quote(String value);

    /** The statement that exports {@code name} with exactly {@code value}, without a line break. */
    String set(String name, String value);

    /**
     * The statement that removes {@code name}, without a line break. It succeeds silently when the
     * variable is not set, so the rendered script exits 0 under strict flags.
     */
    String unset(String name);

    /** What ends each statement in {@link #render}: CRLF for cmd.exe, LF elsewhere. */
    default String lineSeparator() {
        return "\n";
    }

    @Override
    default String render(List<? extends EnvOp> ops) {
        StringBuilder sb = new StringBuilder(64 * ops.size() + 16);
        for (EnvOp op : ops) {
            if (op instanceof EnvOp.Set s) {
                sb.append(set(s.name(), s.value()));
            } else {
                sb.append(unset(op.name()));
            }
            sb.append(lineSeparator());
        }
        return sb.toString();
    }

    /**
     * {@link #quote} as a function, for template engines whose escape hook must be this shell's
     * quoter (a Mustache factory per shell, so that {@code {{x}}} can never inject code).
     */
    default UnaryOperator<String> escaper() {
        return this::quote;
    }
}
