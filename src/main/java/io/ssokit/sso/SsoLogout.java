package io.ssokit.sso;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.ssokit.Env;
import io.ssokit.Log;
import io.ssokit.SsokitException;
import io.ssokit.config.AwsConfig;
import io.ssokit.config.Profile;
import io.ssokit.config.Section;
import io.ssokit.credentials.CredentialCache;
import io.ssokit.json.CacheFileException;
import io.ssokit.json.Json;
import io.ssokit.json.JsonFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sso.model.UnauthorizedException;

/**
 * Signing out: ends the portal sessions ({@code sso:Logout}) and removes the local tokens and the
 * SSO role credentials cached with them; client registrations and every other file stay.
 *
 * <p>Everything ({@link #all}), as aws-sso-util's {@code logout} does: every token file in
 * {@code ~/.aws/sso/cache} (also the AWS CLI's, legacy and sso-session) and every
 * {@code ~/.aws/cli/cache} entry whose {@code ProviderType} is {@code sso}. One instance
 * ({@link #instance}): the token files whose start URL and region are that instance's, and the role
 * credentials of the config file's profiles on that instance (the role-credential file names are
 * hashes of account, role and start URL or session name, so entries of roles used without a profile
 * cannot be told apart and are kept).
 *
 * <p>A portal that cannot be reached, or refuses the token, is a warning: the local sign-out
 * happens anyway. Files that cannot be read or parsed are skipped with a warning and left as they
 * are.
 */
public final class SsoLogout {

    /**
     * What was done.
     *
     * @param tokenFiles the token files removed
     * @param roleCredentialFiles the role-credential cache files removed
     * @param sessionsEnded portal sessions ended by a successful {@code sso:Logout}
     * @param errors files that should have been removed but could not be (the sign-out is incomplete)
     */
    public record Report(List<Path> tokenFiles, List<Path> roleCredentialFiles, int sessionsEnded, List<String> errors) {
        public Report {
            tokenFiles = List.copyOf(tokenFiles);
            roleCredentialFiles = List.copyOf(roleCredentialFiles);
            errors = List.copyOf(errors);
        }
    }

    private final Env env;
    private final Log log;
    private final Clock clock;
    private final TokenCache tokens;
    private final CredentialCache roleCredentials;
    private OidcClients clients;

    public SsoLogout(Env env, Log log, Clock clock) {
        this.env = env;
        this.log = log;
        this.clock = clock;
        this.tokens = TokenCache.of(env);
        this.roleCredentials = CredentialCache.of(env);
    }

    public SsoLogout(Env env, Log log) {
        this(env, log, Clock.systemUTC());
    }

    /** Signs out of everything cached. */
    public Report all() {
        List<TokenCache.Entry> selected = new ArrayList<>();
        for (TokenCache.Entry e : tokens.list()) {
            if (e.token() == null) {
                log.warn("skipped " + e.file() + ": " + e.problem().getMessage());
            } else {
                selected.add(e);
            }
        }
        List<String> errors = new ArrayList<>();
        int ended = endSessions(selected);
        List<Path> removedTokens = removeTokens(selected, errors);
        List<Path> removedCredentials = new ArrayList<>();
        for (Path f : cliCacheFiles()) {
            removeIfSso(f, removedCredentials, errors);
        }
        return new Report(removedTokens, removedCredentials, ended, errors);
    }

    /**
     * Signs out of one instance: its own token file and every other one for the same start URL and
     * region (a session's legacy copy, an AWS CLI legacy login), and the role credentials of the
     * config's profiles on it.
     */
    public Report instance(Instance instance, AwsConfig config) {
        String ownKey = TokenCache.cacheKey(instance.tokenKey());
        List<TokenCache.Entry> selected = new ArrayList<>();
        for (TokenCache.Entry e : tokens.list()) {
            if (e.token() == null) {
                if (e.key().equals(ownKey)) {
                    log.warn("skipped " + e.file() + ": " + e.problem().getMessage());
                }
                continue;
            }
            SsoToken t = e.token();
            boolean sameInstance = instance.startUrl().equals(t.startUrl())
                    && (t.region() == null || instance.region().equals(t.region()));
            if (e.key().equals(ownKey) || sameInstance) {
                selected.add(e);
            }
        }
        List<String> errors = new ArrayList<>();
        int ended = endSessions(selected);
        List<Path> removedTokens = removeTokens(selected, errors);
        List<Path> removedCredentials = new ArrayList<>();
        for (String key : roleCredentialKeys(instance, config)) {
            Path f = roleCredentials.file(key);
            if (Files.exists(f)) {
                removeIfSso(f, removedCredentials, errors);
            }
        }
        return new Report(removedTokens, removedCredentials, ended, errors);
    }

    /**
     * The role-credential cache keys the AWS CLI, the SDKs and ssokit use for the config's profiles
     * on this instance: keyed by start URL (legacy profiles) and by each sso-session name for it.
     */
    static Set<String> roleCredentialKeys(Instance instance, AwsConfig config) {
        Set<String> sessionNames = new LinkedHashSet<>();
        if (instance.isSession()) {
            sessionNames.add(instance.sessionName());
        }
        for (String name : config.ssoSessionNames()) {
            Section s = config.ssoSession(name).orElseThrow();
            if (instance.startUrl().equals(s.get("sso_start_url").orElse(null))
                    && instance.region().equals(s.get("sso_region").orElse(null))) {
                sessionNames.add(name);
            }
        }
        Set<String> keys = new LinkedHashSet<>();
        for (String name : config.profileNames()) {
            Profile p = config.profile(name).orElseThrow();
            Optional<SsoProfile> sp;
            try {
                sp = SsoProfile.of(config, p);
            } catch (SsokitException e) {
                continue;
            }
            if (sp.isEmpty() || !sp.get().instance().sameUrlAndRegion(instance)
                    || sp.get().accountId() == null || sp.get().roleName() == null) {
                continue;
            }
            String account = sp.get().accountId();
            String role = sp.get().roleName();
            keys.add(CredentialCache.ssoKey(account, role, instance.startUrl(), null));
            for (String session : sessionNames) {
                keys.add(CredentialCache.ssoKey(account, role, instance.startUrl(), session));
            }
        }
        return keys;
    }

    /** Calls sso:Logout once per distinct, unexpired access token; failures are warnings. */
    private int endSessions(List<TokenCache.Entry> entries) {
        Set<String> done = new HashSet<>();
        int ended = 0;
        for (TokenCache.Entry e : entries) {
            SsoToken t = e.token();
            if (t.region() == null || !done.add(t.accessToken())) {
                continue;
            }
            String what = t.startUrl() == null ? e.file().toString() : t.startUrl();
            if (t.expiresWithin(Duration.ZERO, clock)) {
                log.debug("the token for " + what + " has expired; no portal session to end");
                continue;
            }
            try {
                clients().portal(t.region()).logout(b -> b.accessToken(t.accessToken()));
                ended++;
                log.debug("ended the portal session of " + what);
            } catch (UnauthorizedException ex) {
                log.debug("the portal no longer knows the session of " + what + " (already signed out)");
            } catch (AwsServiceException ex) {
                log.warn("could not end the portal session of " + what + " (" + OidcFlows.errorCode(ex)
                        + "); removing the local token anyway");
            } catch (SdkException ex) {
                URI override = clients().portalOverride();
                log.warn("could not reach the Identity Center portal" + (override == null ? " in " + t.region() : " at " + override)
                        + " to end the session of " + what + " (" + ex.getMessage() + "); removing the local token anyway");
            }
        }
        return ended;
    }

    private List<Path> removeTokens(List<TokenCache.Entry> entries, List<String> errors) {
        List<Path> removed = new ArrayList<>();
        for (TokenCache.Entry e : entries) {
            try {
                if (JsonFiles.delete(e.file())) {
                    removed.add(e.file());
                    log.info("Removed " + e.file() + (e.token().startUrl() == null ? "" : " (" + e.token().startUrl() + ")"));
                }
            } catch (CacheFileException ex) {
                errors.add(ex.getMessage());
            }
        }
        return removed;
    }

    private List<Path> cliCacheFiles() {
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(roleCredentials.dir(), "*.json")) {
            for (Path f : files) {
                if (!f.getFileName().toString().startsWith(".") && Files.isRegularFile(f)) {
                    out.add(f);
                }
            }
        } catch (NoSuchFileException e) {
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.sort(null);
        return out;
    }

    /** Deletes a role-credential cache file when its ProviderType is sso; anything else stays. */
    private void removeIfSso(Path f, List<Path> removed, List<String> errors) {
        String providerType;
        try {
            providerType = JsonFiles.readSecret(f, SsoLogout::providerType);
        } catch (CacheFileException e) {
            if (e.isPermissionProblem()) {
                log.warn("skipped " + f + ": " + e.getMessage());
            } else {
                log.debug("skipped " + f + ": " + e.getMessage());
            }
            return;
        }
        if (!"sso".equals(providerType)) {
            return;
        }
        try {
            if (JsonFiles.delete(f)) {
                removed.add(f);
                log.debug("removed the cached SSO role credentials " + f);
            }
        } catch (CacheFileException e) {
            errors.add(e.getMessage());
        }
    }

    private static String providerType(JsonParser p) throws IOException {
        Json.startObject(p);
        String type = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            if (name.equals("ProviderType") && p.currentToken() == JsonToken.VALUE_STRING) {
                type = p.getText();
            } else {
                p.skipChildren();
            }
        }
        return type;
    }

    private synchronized OidcClients clients() {
        if (clients == null) {
            clients = new OidcClients(env);
        }
        return clients;
    }
}
