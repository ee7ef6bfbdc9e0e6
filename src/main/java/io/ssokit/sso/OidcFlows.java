package io.ssokit.sso;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.ssokit.ExitCodes;
import io.ssokit.Log;
import io.ssokit.SsokitException;
import io.ssokit.console.Browser;
import io.ssokit.json.CacheFileException;
import io.ssokit.json.Json;
import io.ssokit.lock.SingleFlight;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ssooidc.SsoOidcClient;
import software.amazon.awssdk.services.ssooidc.model.AccessDeniedException;
import software.amazon.awssdk.services.ssooidc.model.AuthorizationPendingException;
import software.amazon.awssdk.services.ssooidc.model.CreateTokenResponse;
import software.amazon.awssdk.services.ssooidc.model.ExpiredTokenException;
import software.amazon.awssdk.services.ssooidc.model.InvalidClientException;
import software.amazon.awssdk.services.ssooidc.model.InvalidGrantException;
import software.amazon.awssdk.services.ssooidc.model.InvalidRequestException;
import software.amazon.awssdk.services.ssooidc.model.RegisterClientRequest;
import software.amazon.awssdk.services.ssooidc.model.RegisterClientResponse;
import software.amazon.awssdk.services.ssooidc.model.SlowDownException;
import software.amazon.awssdk.services.ssooidc.model.StartDeviceAuthorizationResponse;
import software.amazon.awssdk.services.ssooidc.model.UnauthorizedClientException;

/**
 * The SSO OIDC conversations for one instance: client registration (cached and shared with the
 * AWS CLI v2), the device-code flow, the authorization-code flow with PKCE, and the refresh-token
 * grant. Nothing here reads or writes the token cache or takes its lock: {@link SsoTokens} does.
 *
 * <p>Registration follows the AWS CLI v2 ({@code SSOTokenFetcher} and {@code SSOTokenFetcherAuth}
 * in its bundled botocore): key {@link RegistrationCache#cliKey}, name {@code botocore-client-<session
 * name>} (legacy: {@code botocore-client-<unix seconds>}), type {@code public}; for PKCE the grant
 * types {@code authorization_code} and {@code refresh_token}, the port-less loopback redirect URI,
 * the start URL as issuer, and the session's scopes or {@code sso:account:access}. A cached
 * registration is reused for the flow it was made for (a PKCE one records {@code grantTypes}) until
 * 15 minutes before it expires.
 */
final class OidcFlows {
    static final String DEFAULT_SCOPE = "sso:account:access";
    static final String GRANT_DEVICE_CODE = "urn:ietf:params:oauth:grant-type:device_code";
    static final String GRANT_AUTHORIZATION_CODE = "authorization_code";
    static final String GRANT_REFRESH_TOKEN = "refresh_token";
    /** RFC 8628: the polling interval when the server names none, and the slow_down step. */
    static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(5);
    static final Duration SLOW_DOWN_STEP = Duration.ofSeconds(5);
    /** When StartDeviceAuthorization gives no expiresIn: what AWS gives (10 minutes). */
    static final Duration DEFAULT_DEVICE_EXPIRY = Duration.ofMinutes(10);
    private static final String PKCE_GRANT_TYPES_JSON = "[\"authorization_code\",\"refresh_token\"]";
    private static final String VERIFIER_CHARS =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** The refresh token (or its client) was refused: only a new sign-in helps. */
    static final class RefreshRejected extends Exception {
        private static final long serialVersionUID = 1L;

        RefreshRejected(String reason) {
            super(reason);
        }
    }

    private final SsoOidcClient oidc;
    private final Instance instance;
    private final RegistrationCache registrations;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Log log;
    private final Browser browser;
    private final Duration callbackTimeout;
    private final String authorizeBase;

    /**
     * @param authorizeBase scheme and authority the {@code /authorize} page lives at:
     *     {@code https://oidc.<region>.amazonaws.com}, or the base of an endpoint override
     */
    OidcFlows(SsoOidcClient oidc, Instance instance, RegistrationCache registrations, Clock clock, Sleeper sleeper,
            Log log, Browser browser, Duration callbackTimeout, String authorizeBase) {
        this.oidc = oidc;
        this.instance = instance;
        this.registrations = registrations;
        this.clock = clock;
        this.sleeper = sleeper;
        this.log = log;
        this.browser = browser;
        this.callbackTimeout = callbackTimeout;
        this.authorizeBase = authorizeBase;
    }

    /**
     * Where the authorization page of a region lives: the override's scheme and authority, as
     * the AWS CLI derives it from the resolved sso-oidc endpoint, or AWS's regional OIDC host.
     */
    static String authorizeBase(URI override, String region) {
        if (override != null) {
            return override.getScheme() + "://" + override.getRawAuthority();
        }
        String suffix = region.startsWith("cn-") ? "amazonaws.com.cn" : "amazonaws.com";
        return "https://oidc." + region + "." + suffix;
    }

    // ---- registration ------------------------------------------------------------------

    String registrationKey() {
        return RegistrationCache.cliKey(instance.startUrl(), instance.region(), instance.scopes(), instance.sessionName());
    }

    /**
     * The client registration for a flow: the cached one when it is for this flow and has more than
     * 15 minutes left, else a new one (also when {@code renew}), saved for the next login.
     */
    ClientRegistration registration(boolean pkce, boolean renew) {
        String key = registrationKey();
        // SingleFlight looks twice (before and after the lock): say things once
        boolean[] said = {false};
        return SingleFlight.get(registrations.lockFile(key),
                () -> renew ? Optional.empty() : reusable(key, pkce, said),
                () -> register(key, pkce));
    }

    private Optional<ClientRegistration> reusable(String key, boolean pkce, boolean[] said) {
        try {
            Optional<ClientRegistration> r = registrations.load(key);
            if (r.isEmpty()) {
                return r;
            }
            if (!r.get().isReusable(clock)) {
                say(said, "the cached client registration expires within 15 minutes; registering a new client");
                return Optional.empty();
            }
            if (isForAuthorizationCode(r.get()) != pkce) {
                say(said, "the cached client registration is for the other sign-in flow; registering a new client");
                return Optional.empty();
            }
            return r;
        } catch (CacheFileException e) {
            // a registration is disposable (it holds no access): replace it rather than block the login
            if (!said[0]) {
                said[0] = true;
                log.warn(e.getMessage() + "; registering a new client instead");
            }
            return Optional.empty();
        }
    }

    private void say(boolean[] said, String debug) {
        if (!said[0]) {
            said[0] = true;
            log.debug(debug);
        }
    }

    /** The AWS CLI's test: a registration that lists the authorization_code grant is for PKCE. */
    static boolean isForAuthorizationCode(ClientRegistration r) {
        return grantTypes(r).contains(GRANT_AUTHORIZATION_CODE);
    }

    /**
     * The scopes to register with: the session's own, else {@code sso:account:access}, so that
     * sessions get refresh tokens in both flows; none for legacy instances (as every AWS tool).
     */
    List<String> registrationScopes() {
        if (!instance.isSession()) {
            return null;
        }
        List<String> configured = instance.scopes();
        return configured == null || configured.isEmpty() ? List.of(DEFAULT_SCOPE) : configured;
    }

    private String clientName() {
        return "botocore-client-" + (instance.isSession() ? instance.sessionName() : Long.toString(clock.instant().getEpochSecond()));
    }

    private ClientRegistration register(String key, boolean pkce) {
        RegisterClientRequest.Builder req = RegisterClientRequest.builder().clientName(clientName()).clientType("public");
        List<String> scopes = registrationScopes();
        if (scopes != null) {
            req.scopes(scopes);
        }
        if (pkce) {
            req.grantTypes(GRANT_AUTHORIZATION_CODE, GRANT_REFRESH_TOKEN)
                    .redirectUris(LoopbackCallback.REGISTERED_REDIRECT_URI)
                    .issuerUrl(instance.startUrl());
        }
        RegisterClientResponse resp;
        try {
            resp = oidc.registerClient(req.build());
        } catch (SdkException e) {
            throw service("register an OIDC client", e);
        }
        Instant expires = resp.clientSecretExpiresAt() == null ? null : Instant.ofEpochSecond(resp.clientSecretExpiresAt());
        Map<String, String> extra = new LinkedHashMap<>();
        if (pkce) {
            extra.put("grantTypes", PKCE_GRANT_TYPES_JSON);
        }
        ClientRegistration r = new ClientRegistration(resp.clientId(), resp.clientSecret(), expires, now(), scopes, extra);
        try {
            registrations.save(key, r);
        } catch (CacheFileException e) {
            log.warn(e.getMessage() + "; the next login will register a new client");
        }
        log.debug("registered a new OIDC client for " + instance.describe() + (pkce ? " (authorization code)" : " (device code)"));
        return r;
    }

    // ---- device code -------------------------------------------------------------------

    /** The device authorization grant (RFC 8628): prompt, open the browser unless headless, poll. */
    SsoToken deviceCode(boolean headless) {
        ClientRegistration reg = registration(false, false);
        StartDeviceAuthorizationResponse d;
        try {
            d = startDeviceAuthorization(reg);
        } catch (InvalidClientException | UnauthorizedClientException e) {
            log.debug("the cached client registration was refused (" + errorCode(e) + "); registering a new client");
            reg = registration(false, true);
            try {
                d = startDeviceAuthorization(reg);
            } catch (SdkException again) {
                throw service("start the device authorization", again);
            }
        } catch (SdkException e) {
            throw service("start the device authorization", e);
        }
        return poll(reg, d, headless);
    }

    private SsoToken poll(ClientRegistration reg, StartDeviceAuthorizationResponse d, boolean headless) {
        Duration expiresIn = d.expiresIn() == null || d.expiresIn() <= 0 ? DEFAULT_DEVICE_EXPIRY : Duration.ofSeconds(d.expiresIn());
        Instant deadline = clock.instant().plus(expiresIn);
        Duration interval = d.interval() == null ? DEFAULT_INTERVAL : Duration.ofSeconds(Math.max(1, d.interval()));
        boolean prompted = false;
        while (true) {
            try {
                CreateTokenResponse r = oidc.createToken(b -> b.grantType(GRANT_DEVICE_CODE).clientId(reg.clientId())
                        .clientSecret(reg.clientSecret()).deviceCode(d.deviceCode()));
                return token(reg, r);
            } catch (AuthorizationPendingException e) {
                // not approved yet: keep polling
            } catch (SlowDownException e) {
                interval = interval.plus(SLOW_DOWN_STEP);
                log.debug("the service asked to poll more slowly; polling every " + interval.toSeconds() + " s");
            } catch (ExpiredTokenException e) {
                throw expired(expiresIn);
            } catch (AccessDeniedException e) {
                throw new LoginFailedException(LoginFailedException.SERVICE_ERROR, "the sign-in request for "
                        + instance.startUrl() + " was denied (AccessDeniedException); sign in again and approve it");
            } catch (InvalidGrantException e) {
                throw invalidGrant(e);
            } catch (SdkException e) {
                throw service("get a token", e);
            }
            if (!prompted) {
                prompt(d, headless, deadline);
                prompted = true;
            }
            sleep(interval);
            if (!clock.instant().isBefore(deadline)) {
                throw expired(expiresIn);
            }
        }
    }

    private StartDeviceAuthorizationResponse startDeviceAuthorization(ClientRegistration reg) {
        return oidc.startDeviceAuthorization(b -> b.clientId(reg.clientId()).clientSecret(reg.clientSecret())
                .startUrl(instance.startUrl()));
    }

    private void prompt(StartDeviceAuthorizationResponse d, boolean headless, Instant deadline) {
        String code = "\n\n    " + d.userCode() + "\n\nOr open this URL, which fills in the code for you:\n\n    "
                + d.verificationUriComplete() + "\n";
        if (headless) {
            log.info("To sign in to " + instance.startUrl() + ", open this URL in a browser on any device:\n\n    "
                    + d.verificationUri() + "\n\nand enter the code:" + code);
        } else {
            log.info("Opening the sign-in page for " + instance.startUrl() + " in your browser. If it does not open,"
                    + " or to sign in from another device, open:\n\n    " + d.verificationUri() + "\n\nand enter the code:" + code);
            if (!browser.open(d.verificationUriComplete())) {
                log.info("(No browser could be started: open the URL yourself.)");
            }
        }
        log.info("Waiting for the request to be approved (it expires in "
                + minutes(Duration.between(clock.instant(), deadline)) + ")...");
    }

    private void sleep(Duration d) {
        try {
            sleeper.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SsokitException(ExitCodes.INTERRUPTED, "interrupted while waiting for the sign-in to be approved");
        }
    }

    private LoginFailedException expired(Duration window) {
        return new LoginFailedException(LoginFailedException.AUTHORIZATION_EXPIRED, "the sign-in request for "
                + instance.startUrl() + " expired after " + minutes(window) + " without being approved; run the login again");
    }

    // ---- authorization code with PKCE --------------------------------------------------

    /**
     * The authorization-code grant with PKCE (RFC 7636, S256) through a loopback redirect.
     *
     * @return the token, or null when no browser could be started (the caller falls back to the
     *     device code, which works from any device)
     */
    SsoToken pkce() {
        ClientRegistration reg = registration(true, false);
        String state = UUID.randomUUID().toString();
        String verifier = codeVerifier();
        try (LoopbackCallback cb = LoopbackCallback.start(state, log)) {
            String url = authorizeUrl(reg, cb.redirectUri(), state, codeChallenge(verifier));
            log.info("Opening the sign-in page for " + instance.startUrl() + " in your browser. If it does not open,"
                    + " open this URL in a browser on this computer:\n\n    " + url + "\n");
            if (!browser.open(url)) {
                log.info("No browser could be started on this computer, so the sign-in cannot come back here;"
                        + " using the device code instead (sign in from any device).");
                return null;
            }
            log.info("Waiting up to " + minutes(callbackTimeout) + " for the sign-in to finish in the browser...");
            LoopbackCallback.Result res;
            try {
                res = cb.await(callbackTimeout);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SsokitException(ExitCodes.INTERRUPTED, "interrupted while waiting for the browser sign-in");
            }
            if (res == null) {
                throw new LoginFailedException(LoginFailedException.AUTHORIZATION_EXPIRED, "timed out after "
                        + minutes(callbackTimeout) + " waiting for the browser sign-in for " + instance.startUrl()
                        + "; run the login again, or use --use-device-code to sign in from another device");
            }
            if (res.error() != null) {
                if (res.error().equals("access_denied")) {
                    throw new LoginFailedException(LoginFailedException.SERVICE_ERROR, "the sign-in for "
                            + instance.startUrl() + " was denied in the browser (access_denied); sign in again and allow access");
                }
                throw new LoginFailedException(LoginFailedException.SERVICE_ERROR, "the browser sign-in for "
                        + instance.startUrl() + " failed: " + res.error()
                        + (res.errorDescription() == null ? "" : " (" + res.errorDescription() + ")"));
            }
            try {
                CreateTokenResponse r = oidc.createToken(b -> b.grantType(GRANT_AUTHORIZATION_CODE).clientId(reg.clientId())
                        .clientSecret(reg.clientSecret()).code(res.code()).codeVerifier(verifier).redirectUri(cb.redirectUri()));
                return token(reg, r);
            } catch (InvalidGrantException e) {
                throw invalidGrant(e);
            } catch (ExpiredTokenException e) {
                throw new LoginFailedException(LoginFailedException.AUTHORIZATION_EXPIRED, "the authorization code for "
                        + instance.startUrl() + " expired before it could be used; run the login again");
            } catch (InvalidClientException | UnauthorizedClientException e) {
                // the approval already happened in the browser, so a new client means a new sign-in
                forgetRegistration(reg);
                throw new LoginFailedException(LoginFailedException.SERVICE_ERROR, "the OIDC client registration was refused ("
                        + errorCode(e) + "); it has been discarded: run the login again");
            } catch (SdkException e) {
                throw service("get a token", e);
            }
        }
    }

    String authorizeUrl(ClientRegistration reg, String redirectUri, String state, String challenge) {
        List<String> scopes = registrationScopes();
        Map<String, String> q = new LinkedHashMap<>();
        q.put("response_type", "code");
        q.put("client_id", reg.clientId());
        q.put("redirect_uri", redirectUri);
        q.put("state", state);
        q.put("code_challenge_method", "S256");
        q.put("scopes", String.join(" ", scopes == null ? List.of(DEFAULT_SCOPE) : scopes));
        q.put("code_challenge", challenge);
        StringBuilder b = new StringBuilder(authorizeBase).append("/authorize");
        char sep = '?';
        for (Map.Entry<String, String> e : q.entrySet()) {
            b.append(sep).append(e.getKey()).append('=').append(encode(e.getValue()));
            sep = '&';
        }
        return b.toString();
    }

    /** RFC 3986 percent-encoding (a space is %20, as the AWS CLI sends it, not '+'). */
    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** 64 characters from the RFC 7636 unreserved set, as the AWS CLI makes them. */
    static String codeVerifier() {
        StringBuilder b = new StringBuilder(64);
        for (int i = 0; i < 64; i++) {
            b.append(VERIFIER_CHARS.charAt(RANDOM.nextInt(VERIFIER_CHARS.length())));
        }
        return b.toString();
    }

    static String codeChallenge(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private void forgetRegistration(ClientRegistration refused) {
        String key = registrationKey();
        try {
            Optional<ClientRegistration> cached = registrations.load(key);
            if (cached.isPresent() && cached.get().clientId().equals(refused.clientId())) {
                registrations.delete(key);
            }
        } catch (CacheFileException e) {
            log.debug("could not discard the refused registration: " + e.getMessage());
        }
    }

    // ---- refresh -----------------------------------------------------------------------

    /**
     * The refresh-token grant. The service rotates refresh tokens, so the result carries the new
     * one (or the old one when none came back) and must be saved before anyone refreshes again.
     *
     * @throws RefreshRejected when the refresh token or its client registration was refused
     */
    SsoToken refresh(SsoToken t) throws RefreshRejected {
        CreateTokenResponse r;
        try {
            r = oidc.createToken(b -> b.grantType(GRANT_REFRESH_TOKEN).clientId(t.clientId())
                    .clientSecret(t.clientSecret()).refreshToken(t.refreshToken()));
        } catch (InvalidGrantException | InvalidClientException | UnauthorizedClientException | ExpiredTokenException
                | AccessDeniedException | InvalidRequestException e) {
            if (e instanceof InvalidClientException || e instanceof UnauthorizedClientException) {
                forgetRegistration(new ClientRegistration(t.clientId(), t.clientSecret(), null, null, null));
            }
            throw new RefreshRejected("the refresh token was refused (" + errorCode(e) + ")");
        } catch (SdkException e) {
            throw service("refresh the token", e);
        }
        Instant now = now();
        return t.toBuilder().accessToken(r.accessToken()).expiresAt(now.plusSeconds(expiresIn(r))).receivedAt(now)
                .refreshToken(r.refreshToken() != null ? r.refreshToken() : t.refreshToken()).build();
    }

    // ---- shared ------------------------------------------------------------------------

    private SsoToken token(ClientRegistration reg, CreateTokenResponse r) {
        Instant now = now();
        return SsoToken.builder().startUrl(instance.startUrl()).region(instance.region()).accessToken(r.accessToken())
                .expiresAt(now.plusSeconds(expiresIn(r))).receivedAt(now).registration(reg)
                .refreshToken(r.refreshToken()).build();
    }

    private static long expiresIn(CreateTokenResponse r) {
        return r.expiresIn() == null ? 0 : r.expiresIn();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }

    private LoginFailedException invalidGrant(InvalidGrantException e) {
        return new LoginFailedException(LoginFailedException.INVALID_GRANT, "the sign-in for " + instance.startUrl()
                + " was refused (InvalidGrantException: " + message(e) + "); the request probably expired: run the login again");
    }

    /** An AWS error or an unreachable service, exit 4, with what we were doing. */
    private LoginFailedException service(String doing, SdkException e) {
        if (e instanceof AwsServiceException ase) {
            return new LoginFailedException(LoginFailedException.SERVICE_ERROR, "cannot " + doing + " for "
                    + instance.describe() + ": " + errorCode(ase) + ": " + message(ase), e);
        }
        return new LoginFailedException(LoginFailedException.SERVICE_ERROR, "cannot " + doing + " for "
                + instance.describe() + ": the Identity Center OIDC service (" + authorizeBase
                + ") cannot be reached: " + e.getMessage(), e);
    }

    static String errorCode(SdkException e) {
        if (e instanceof AwsServiceException ase && ase.awsErrorDetails() != null
                && ase.awsErrorDetails().errorCode() != null) {
            return ase.awsErrorDetails().errorCode();
        }
        return e.getClass().getSimpleName();
    }

    private static String message(AwsServiceException e) {
        String m = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorMessage();
        return m == null || m.isEmpty() ? "HTTP " + e.statusCode() : m;
    }

    static String minutes(Duration d) {
        if (d.compareTo(Duration.ofSeconds(1)) < 0) {
            return Math.max(0, d.toMillis()) + " ms";
        }
        long s = d.toSeconds();
        if (s < 120) {
            return s + " seconds";
        }
        return ((s + 30) / 60) + " minutes";
    }

    /** The {@code grantTypes} a cached registration records (newer AWS CLIs write them); empty when none. */
    static List<String> grantTypes(ClientRegistration r) {
        List<String> out = new ArrayList<>();
        String raw = r.extraFields().get("grantTypes");
        if (raw == null) {
            return out;
        }
        try (JsonParser p = Json.parser(raw)) {
            if (p.nextToken() == JsonToken.START_ARRAY) {
                for (JsonToken t = p.nextToken(); t != null && t != JsonToken.END_ARRAY; t = p.nextToken()) {
                    out.add(p.getText());
                }
            }
        } catch (IOException e) {
            return out;
        }
        return out;
    }
}
