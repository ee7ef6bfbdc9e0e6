package io.ssokit.configure;

import io.ssokit.ExitCodes;
import io.ssokit.SsokitException;
import java.util.Locale;

/**
 * {@code --existing-config-action}: what happens to keys a profile already has (reference §5.5).
 * Explicit values (instance, account, role, region, output) are always applied; the actions
 * differ in the profile's other keys and in {@code --config-default} keys it already has.
 */
public enum ExistingConfigAction {
    /** Existing keys stay; a {@code --config-default} for a key the profile has is not applied. */
    KEEP,
    /** Existing keys stay; {@code --config-default} values replace existing ones. */
    OVERWRITE,
    /** The section is rebuilt from scratch: only the keys this run computes remain. */
    DISCARD;

    public static ExistingConfigAction fromOption(String value) {
        for (ExistingConfigAction a : values()) {
            if (a.name().toLowerCase(Locale.ROOT).equals(value)) {
                return a;
            }
        }
        throw new SsokitException(ExitCodes.USAGE, "invalid value for --existing-config-action: '" + value
                + "' (choose from keep, overwrite, discard)");
    }
}
