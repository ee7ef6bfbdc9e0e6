package io.ssokit.credentials;

import io.ssokit.Env;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

/**
 * The credential-process cache-hit path, alone: key, read, freshness check, render, print.
 * Args: home accountId roleName startUrl.
 */
public final class HotPathMain {
    private HotPathMain() {
    }

    public static void main(String[] args) {
        CredentialCache cache = CredentialCache.of(new Env(System.getenv(), Path.of(args[0])));
        String key = CredentialCache.ssoKey(args[1], args[2], args[3], null);
        Optional<Credentials> hit = cache.loadFresh(key, CredentialCache.DEFAULT_REFRESH_MARGIN,
                Clock.systemUTC());
        if (hit.isEmpty()) {
            System.exit(3);
        }
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        out.println(CredentialProcessOutput.json(hit.get()));
        out.flush();
    }
}
