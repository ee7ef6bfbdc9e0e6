package io.ssokit.shell;

/**
 * One change to the environment. Callers build an ordered list of these and hand it to a
 * {@link Dialect} or {@link DataFormat}; they never pass text that is already quoted. Names are
 * validated here, so an invalid op cannot exist; values are checked by the target that renders
 * them, since what can be carried differs per target.
 */
public sealed interface EnvOp permits EnvOp.Set, EnvOp.Unset {

    /** The variable name, {@code [A-Za-z_][A-Za-z0-9_]*}. */
    String name();

    /** Export {@code name} with exactly {@code value}. */
    record Set(String name, String value) implements EnvOp {
        public Set {
            Checks.name(name);
            if (value == null) {
                throw Checks.usage("no value given for " + name);
            }
        }

        /** Never shows the value: it is usually a credential and toString ends up in logs. */
        @Override
        public String toString() {
            return "Set[" + name + "=<" + value.length() + " chars>]";
        }
    }

    /** Remove {@code name} from the environment; not an error when it is not set. */
    record Unset(String name) implements EnvOp {
        public Unset {
            Checks.name(name);
        }
    }
}
