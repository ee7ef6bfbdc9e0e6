package io.ssokit.console;

import io.ssokit.ExitCodes;
import io.ssokit.Log;
import io.ssokit.SsokitException;
import io.ssokit.credentials.Credentials;
import io.ssokit.json.PythonJson;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The AWS sign-in federation endpoint (§7.2 steps 4-5): trades temporary credentials for a
 * sign-in token ({@code getSigninToken}), and builds the sign-in URL that carries it.
 *
 * <p>The credentials go only into the POST body; the token only into the URL this returns.
 * Neither is logged.
 */
public final class Federation {
    /** aws-sso-util's exit status when the endpoint gives no sign-in token. */
    public static final int NO_SIGNIN_TOKEN = 2;

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final Log log;

    public Federation(Log log) {
        this.log = log;
    }

    /**
     * {@code POST <federation>} with {@code Action=getSigninToken}, the session JSON and, when
     * given, {@code SessionDuration} (minutes x 60).
     *
     * @throws SsokitException {@link #NO_SIGNIN_TOKEN} when the endpoint cannot be reached or answers
     *     anything but 200 with a {@code SigninToken}; exit 1 for credentials without a session token
     */
    public String signinToken(String federation, Credentials credentials, Integer durationMinutes) throws InterruptedException {
        if (credentials.sessionToken() == null) {
            throw new SsokitException(ExitCodes.ERROR, "console sign-in needs temporary credentials, and these are long-term"
                    + " keys (no session token): use a profile that assumes a role or an Identity Center role");
        }
        List<Map.Entry<String, String>> form = new ArrayList<>();
        form.add(Map.entry("Action", "getSigninToken"));
        form.add(Map.entry("Session", sessionJson(credentials)));
        if (durationMinutes != null) {
            form.add(Map.entry("SessionDuration", Integer.toString(durationMinutes * 60)));
        }
        HttpRequest req = HttpRequest.newBuilder(URI.create(federation))
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(PyUrl.urlencode(form), StandardCharsets.US_ASCII))
                .build();
        log.debug("getSigninToken at " + federation + (durationMinutes == null ? "" : ", session of " + durationMinutes + " minutes"));
        HttpResponse<String> resp;
        try {
            resp = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).followRedirects(HttpClient.Redirect.NEVER).build()
                    .send(req, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new SsokitException(NO_SIGNIN_TOKEN, "could not get a sign-in token from " + federation + ": " + e, e);
        }
        if (resp.statusCode() != 200) {
            String body = resp.body() == null ? "" : resp.body().strip();
            log.debug("getSigninToken answered HTTP " + resp.statusCode() + ": "
                    + (body.length() > 300 ? body.substring(0, 300) + "..." : body));
            throw new SsokitException(NO_SIGNIN_TOKEN, "could not get a sign-in token from " + federation + ": HTTP "
                    + resp.statusCode() + (log.enabled(1) ? "" : " (run with -v for the answer)"));
        }
        Object json;
        try {
            json = PythonJson.loads(resp.body());
        } catch (IOException e) {
            json = null;
        }
        if (json instanceof Map<?, ?> m && m.get("SigninToken") instanceof String token && !token.isEmpty()) {
            return token;
        }
        throw new SsokitException(NO_SIGNIN_TOKEN, "could not get a sign-in token from " + federation
                + ": the answer has no SigninToken");
    }

    /**
     * {@code <federation>?Action=login&Issuer=..&Destination=..&SigninToken=..}, form-encoded
     * in that order, as Python's requests builds it.
     */
    public static String loginUrl(String federation, String issuer, String destination, String signinToken) {
        List<Map.Entry<String, String>> params = List.of(Map.entry("Action", "login"), Map.entry("Issuer", issuer),
                Map.entry("Destination", destination), Map.entry("SigninToken", signinToken));
        return federation + (federation.contains("?") ? "&" : "?") + PyUrl.urlencode(params);
    }

    /** Python's {@code json.dumps} of the session: default separators, keys already in sorted order. */
    static String sessionJson(Credentials c) {
        return PythonJson.dumps(Map.of("sessionId", c.accessKeyId(), "sessionKey", c.secretAccessKey(),
                "sessionToken", c.sessionToken()), false);
    }
}
