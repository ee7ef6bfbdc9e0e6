package io.ssokit.sso;

/**
 * An account the signed-in user can reach through the access portal ({@code sso:ListAccounts}).
 *
 * @param name the account name, or {@link Portal#UNKNOWN_NAME} when the account was named by id
 *     only and never listed (the fast path of {@code roles -a ID})
 * @param email the account's e-mail address; null when unknown
 */
public record PortalAccount(String id, String name, String email) {
}
