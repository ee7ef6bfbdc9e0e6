package io.ssokit.credentials;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.ssokit.Env;
import io.ssokit.Log;
import io.ssokit.SsokitException;
import io.ssokit.json.CacheFileException;
import io.ssokit.json.Json;
import io.ssokit.json.Timestamps;
import io.ssokit.lock.SingleFlight;
import io.ssokit.shell.ShellWords;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A profile's {@code credential_process}: split like botocore ({@code shlex.split}), run directly
 * (no shell) with ssokit's environment, stdin and stderr (so a helper can prompt), its stdout parsed
 * as credential_process JSON version 1. Unlike the AWS CLI, which runs it on every call, temporary
 * credentials (with a session token and an expiration) are cached by the command line in
 * {@code ~/.aws/cli/cache} and reused while more than the refresh margin is left, with one run
 * across processes asking at the same time.
 */
final class CredentialProcessRunner {
    /** Counts nested runs, so a credential_process that calls ssokit for its own profile stops. */
    static final String DEPTH_ENV = "SSOKIT_CREDENTIAL_PROCESS_DEPTH";
    private static final int MAX_DEPTH = 4;

    private final Env env;
    private final Log log;
    private final Log debug;
    private final Clock clock;
    private final Duration refreshMargin;
    private final CredentialCache cache;

    CredentialProcessRunner(Env env, Log log, Log debug, Clock clock, Duration refreshMargin) {
        this.env = env;
        this.log = log;
        this.debug = debug;
        this.clock = clock;
        this.refreshMargin = refreshMargin;
        this.cache = CredentialCache.of(env);
    }

    Credentials credentials(ProfilePlan.Process p, boolean forceRefresh) {
        String key = CredentialCache.processKey(p.commandLine());
        if (forceRefresh) {
            cache.delete(key);
        }
        return SingleFlight.get(cache.lockFile(key), () -> cached(key), () -> {
            Credentials fresh = run(p);
            if (fresh.sessionToken() != null && fresh.expiration() != null) {
                try {
                    cache.save(key, fresh, "process");
                } catch (CacheFileException e) {
                    log.warn("could not cache the credential_process output: " + e.getMessage());
                }
            }
            return fresh;
        });
    }

    private Optional<Credentials> cached(String key) {
        try {
            return cache.loadFresh(key, refreshMargin, clock);
        } catch (CacheFileException e) {
            return Optional.empty();
        }
    }

    private Credentials run(ProfilePlan.Process p) {
        int depth = 0;
        try {
            depth = Integer.parseInt(env.getOrDefault(DEPTH_ENV, "0"));
        } catch (NumberFormatException e) {
            depth = 0;
        }
        String who = "the credential_process of profile '" + p.profile() + "'";
        if (depth >= MAX_DEPTH) {
            throw new SsokitException(SsoRoleCredentials.INVALID_CONFIG, who + " is nested " + depth
                    + " deep: does it call ssokit for a profile that runs it again?");
        }
        List<String> argv = ShellWords.trySplit(p.commandLine());
        if (argv == null || argv.isEmpty()) {
            throw new SsokitException(SsoRoleCredentials.INVALID_CONFIG, who + " cannot be split into words"
                    + " (unbalanced quotes or a trailing backslash)");
        }
        ProcessBuilder pb = new ProcessBuilder(argv);
        pb.environment().clear();
        pb.environment().putAll(env.vars());
        pb.environment().put(DEPTH_ENV, Integer.toString(depth + 1));
        pb.redirectInput(ProcessBuilder.Redirect.INHERIT).redirectError(ProcessBuilder.Redirect.INHERIT);
        debug.debug("running " + who + ": " + argv.get(0));
        byte[] out;
        int status;
        try {
            Process proc = pb.start();
            try (InputStream in = proc.getInputStream()) {
                out = in.readAllBytes();
            }
            status = proc.waitFor();
        } catch (IOException e) {
            throw new SsokitException(SsoRoleCredentials.OTHER_ERROR, who + " could not be run: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SsokitException(io.ssokit.ExitCodes.INTERRUPTED, "interrupted while running " + who, e);
        }
        if (status != 0) {
            throw new SsokitException(SsoRoleCredentials.OTHER_ERROR, who + " failed with exit status " + status);
        }
        try {
            return parse(out);
        } catch (IOException | RuntimeException e) {
            // never echo the output: it holds secrets
            throw new SsokitException(SsoRoleCredentials.OTHER_ERROR, who + " printed no valid credential_process JSON ("
                    + (e instanceof IOException ? "not JSON" : e.getMessage()) + ")", e);
        }
    }

    /** botocore's ProcessProvider checks: Version 1, the two keys, optional token and expiration. */
    static Credentials parse(byte[] json) throws IOException {
        String id = null;
        String secret = null;
        String token = null;
        Instant expiration = null;
        Object version = null;
        try (JsonParser p = Json.parser(json)) {
            Json.startObject(p);
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken t = p.nextToken();
                switch (name) {
                    case "Version" -> version = t == JsonToken.VALUE_NUMBER_INT ? p.getIntValue() : p.getText();
                    case "AccessKeyId" -> id = Json.string(p, name);
                    case "SecretAccessKey" -> secret = Json.string(p, name);
                    case "SessionToken" -> token = Json.string(p, name);
                    case "Expiration" -> {
                        String s = Json.string(p, name);
                        expiration = s == null ? null : Timestamps.parse(s);
                    }
                    default -> p.skipChildren();
                }
            }
            Json.endOfInput(p);
        }
        if (!Integer.valueOf(1).equals(version)) {
            throw new IllegalArgumentException("unsupported Version " + (version == null ? "(none)" : version)
                    + ", expected 1");
        }
        if (id == null || id.isEmpty() || secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("AccessKeyId or SecretAccessKey missing");
        }
        return new Credentials(id, secret, token == null || token.isEmpty() ? null : token, expiration, null);
    }
}
