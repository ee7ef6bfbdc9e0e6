package io.ssokit.sso;

import java.util.Comparator;

/** One role the user may assume in one account: a row of {@code ssokit roles}. */
public record PortalRole(String accountId, String accountName, String roleName) {

    /** The order {@link Portal} returns rows in: account id, then role name (code points). */
    public static final Comparator<PortalRole> BY_ACCOUNT_THEN_ROLE = Comparator
            .comparing(PortalRole::accountId, PortalRole::compareCodePoints)
            .thenComparing(PortalRole::roleName, PortalRole::compareCodePoints);

    /**
     * Orders strings by Unicode code point, as Python compares {@code str} (Java's
     * {@link String#compareTo} compares UTF-16 units, which differs above U+FFFF).
     */
    public static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Boolean.compare(i < a.length(), j < b.length());
    }
}
