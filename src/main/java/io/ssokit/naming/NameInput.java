package io.ssokit.naming;

import java.util.Objects;

/**
 * One (account, role, region) to name.
 *
 * @param accountName the account's display name; null or empty means "use the account id", as
 *                    aws-sso-util does for accounts without a name
 * @param regionIndex 0-based position of {@code region} among the regions asked for
 * @param regionCount how many regions were asked for
 */
public record NameInput(String accountId, String accountName, String roleName, String region,
        int regionIndex, int regionCount) {

    public NameInput {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(roleName, "roleName");
        Objects.requireNonNull(region, "region");
        if (regionIndex < 0 || regionIndex >= regionCount) {
            throw new IllegalArgumentException("region index " + regionIndex + " outside 0.." + (regionCount - 1));
        }
    }

    /** The name aws-sso-util starts from: the account name, or the id when it has none. */
    public String accountNameOrId() {
        return accountName == null || accountName.isEmpty() ? accountId : accountName;
    }

    /** For error messages: which account, role and region a name came from. */
    public String describe() {
        String name = accountNameOrId();
        return "account " + accountId + (name.equals(accountId) ? "" : " (" + name + ")")
                + ", role " + roleName + ", region " + region;
    }
}
