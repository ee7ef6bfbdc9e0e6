package io.ssokit.sso;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.ssokit.Log;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The loopback redirect target of the authorization-code (PKCE) sign-in: an HTTP listener on
 * 127.0.0.1 at a port the system picks (RFC 8252 7.3), serving {@code /oauth/callback}. The
 * browser lands here with {@code code} and {@code state} (or {@code error}) once the user has
 * approved; the page tells them to go back to the terminal.
 *
 * <p>A callback whose {@code state} is not the one of this sign-in is answered with an error page
 * and otherwise ignored, so a stray or forged request cannot end (or hijack) the login in progress.
 */
final class LoopbackCallback implements AutoCloseable {
    static final String PATH = "/oauth/callback";
    /**
     * What the client registers: the AWS CLI registers the loopback URI without a port and the
     * authorization server accepts any port on it (RFC 8252 7.3), so one registration serves
     * every login.
     */
    static final String REGISTERED_REDIRECT_URI = "http://127.0.0.1" + PATH;

    /** What the browser brought back: a code, or an OAuth error. */
    record Result(String code, String error, String errorDescription) {
    }

    private final HttpServer server;
    private final String expectedState;
    private final Log log;
    private final CompletableFuture<Result> result = new CompletableFuture<>();

    private LoopbackCallback(HttpServer server, String expectedState, Log log) {
        this.server = server;
        this.expectedState = expectedState;
        this.log = log;
    }

    /**
     * Starts listening.
     *
     * @throws LoginFailedException when no loopback port can be opened
     */
    static LoopbackCallback start(String expectedState, Log log) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), 0), 0);
        } catch (IOException e) {
            throw new LoginFailedException(LoginFailedException.SERVICE_ERROR,
                    "cannot listen on 127.0.0.1 for the browser sign-in (" + e.getMessage()
                            + "); use --use-device-code to sign in without a local listener");
        }
        LoopbackCallback cb = new LoopbackCallback(server, expectedState, log);
        server.createContext("/", cb::handle);
        server.start();
        return cb;
    }

    /** The redirect URI of this login, with the port the listener got. */
    String redirectUri() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + PATH;
    }

    /**
     * Waits for the browser.
     *
     * @return the result, or null when {@code timeout} passed first
     */
    Result await(Duration timeout) throws InterruptedException {
        try {
            return result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return null;
        } catch (ExecutionException e) {
            throw new IllegalStateException("the callback future never fails", e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            if (!ex.getRequestURI().getPath().equals(PATH) || !ex.getRequestMethod().equals("GET")) {
                respond(ex, 404, "Not found", "This address only receives the ssokit sign-in redirect.");
                return;
            }
            Map<String, String> q = query(ex.getRequestURI().getRawQuery());
            if (!expectedState.equals(q.get("state"))) {
                log.warn("ignored a browser callback that does not belong to this sign-in (wrong state)");
                respond(ex, 400, "Unexpected sign-in response",
                        "This response does not belong to the sign-in ssokit is waiting for. Close this tab.");
                return;
            }
            if (q.get("error") != null) {
                respond(ex, 200, "Sign-in failed", "The sign-in did not complete (" + q.get("error")
                        + "). Close this tab and return to the terminal.");
                result.complete(new Result(null, q.get("error"), q.get("error_description")));
                return;
            }
            String code = q.get("code");
            if (code == null || code.isEmpty()) {
                respond(ex, 400, "Sign-in failed", "The response carried no authorization code. Close this tab.");
                result.complete(new Result(null, "invalid_request", "no authorization code in the redirect"));
                return;
            }
            respond(ex, 200, "Signed in", "ssokit received your sign-in. You can close this tab and return to the terminal.");
            result.complete(new Result(code, null, null));
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new HashMap<>();
        if (raw == null) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.putIfAbsent(name, value);
        }
        return out;
    }

    private static void respond(HttpExchange ex, int status, String title, String text) throws IOException {
        byte[] body = ("<!doctype html>\n<html><head><meta charset=\"utf-8\"><title>" + html(title)
                + "</title></head><body style=\"font-family:sans-serif;max-width:40em;margin:3em auto\"><h1>"
                + html(title) + "</h1><p>" + html(text) + "</p></body></html>\n").getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
        ex.getResponseHeaders().set("Cache-Control", "no-store");
        ex.sendResponseHeaders(status, body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    private static String html(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
