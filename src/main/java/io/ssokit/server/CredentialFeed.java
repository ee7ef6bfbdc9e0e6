package io.ssokit.server;

import io.ssokit.credentials.Credentials;

/**
 * The one seam between the credential servers and whatever resolves a profile: the servers know
 * nothing of Identity Center, role chains or caches, so any resolver that can produce
 * {@link Credentials} can be served.
 */
@FunctionalInterface
public interface CredentialFeed {

    /**
     * Credentials as fresh as the source's own cache allows. Called again when the served ones come
     * close to expiring; it must not prompt anyone (a server has no one to ask).
     *
     * @throws RuntimeException when there are none to be had; its message is logged and sent to
     *     the client, so it must not carry a secret ({@link io.ssokit.SsokitException} messages do not)
     */
    Credentials fetch();
}
