package io.ssokit.shell;

import java.util.List;

/** Turns an ordered list of {@link EnvOp}s into text for one target: a shell or a data format. */
public sealed interface EnvRenderer permits Dialect, DataFormat {

    /** The name users type: a {@code --shell} value for a dialect, a format name for a data format. */
    String id();

    /**
     * The complete text, ending with a line break. Everything is checked before anything is
     * returned, so on an error the caller has nothing half-rendered to print.
     *
     * @throws io.ssokit.SsokitException (exit code 2) naming the variable whose value this target
     *     cannot carry; the message never contains the value
     */
    String render(List<? extends EnvOp> ops);
}
