package io.ssokit.naming;

import java.util.Objects;

/** A generated profile name and the (account, role, region) it was generated for. */
public record NamedProfile(String name, NameInput input) {
    public NamedProfile {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(input, "input");
    }
}
