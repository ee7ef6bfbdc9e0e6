package io.ssokit.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.ssokit.ExitCodes;
import io.ssokit.Log;
import io.ssokit.SsokitException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What both credential servers share: the JDK's HTTP server on a {@link BindAddress}, a small
 * pool of daemon threads, one stderr line per request at {@code -v} (method, path, status; never
 * a header, so never a token), and an answer of 500 for anything a handler did not expect.
 */
public abstract class CredentialEndpoint implements AutoCloseable {
    /** SDK clients ask one at a time; a few threads keep a slow refresh from blocking the rest. */
    private static final int THREADS = 4;

    private final HttpServer server;
    private final ExecutorService executor;
    private final Log log;
    private final String kind;
    private final String urlHost;

    /** One answer: status, content type, body and extra headers. */
    protected record Reply(int status, String contentType, String body, Map<String, String> headers) {
        static Reply text(int status, String body) {
            return new Reply(status, "text/plain", body, Map.of());
        }

        static Reply json(int status, String body) {
            return new Reply(status, "application/json", body, Map.of());
        }

        Reply with(String header, String value) {
            Map<String, String> h = new LinkedHashMap<>(headers);
            h.put(header, value);
            return new Reply(status, contentType, body, h);
        }
    }

    /**
     * Binds and starts serving.
     *
     * @param kind the protocol's name for the request log, e.g. {@code container}
     * @throws SsokitException (exit 1) when the address cannot be bound, e.g. the port is taken
     */
    protected CredentialEndpoint(String kind, BindAddress bind, Log log) {
        this.kind = kind;
        this.log = log;
        try {
            server = HttpServer.create(bind.socketAddress(), 16);
        } catch (BindException e) {
            throw new SsokitException(ExitCodes.ERROR, "cannot listen on " + bind.host().getHostAddress() + ":" + bind.port() + ": " + e.getMessage());
        } catch (IOException e) {
            throw new SsokitException(ExitCodes.ERROR, "cannot start the " + kind + " server: " + e.getMessage());
        }
        AtomicInteger n = new AtomicInteger();
        executor = Executors.newFixedThreadPool(THREADS, r -> {
            Thread t = new Thread(r, "ssokit-" + kind + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::exchange);
        server.start();
        this.urlHost = bind.urlHost();
    }

    /** The URL clients are given: {@code http://HOST:PORT/}, with the port actually bound. */
    public URI url() {
        return URI.create("http://" + urlHost + ":" + server.getAddress().getPort() + "/");
    }

    /** The answer to one request; runs on a pool thread. */
    protected abstract Reply answer(HttpExchange exchange);

    private void exchange(HttpExchange ex) {
        Reply reply;
        try {
            reply = answer(ex);
        } catch (RuntimeException e) {
            log.warn(kind + " server: unexpected " + e.getClass().getSimpleName() + " while answering " + ex.getRequestMethod()
                    + " " + path(ex));
            reply = Reply.json(500, errorJson("InternalError", "unexpected error in ssokit's " + kind + " server"));
        }
        try (ex) {
            byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", reply.contentType());
            reply.headers().forEach(ex.getResponseHeaders()::set);
            boolean head = "HEAD".equals(ex.getRequestMethod());
            ex.sendResponseHeaders(reply.status(), head || body.length == 0 ? -1 : body.length);
            if (!head && body.length > 0) {
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(body);
                }
            }
        } catch (IOException e) {
            log.debug(kind + " server: the client went away: " + e.getMessage());
        }
        log.debug(kind + " " + ex.getRequestMethod() + " " + path(ex) + " " + reply.status());
    }

    /**
     * The raw (still percent-encoded, so a log line never carries control characters) path, with
     * runs of slashes made one: the Java SDK appends {@code /latest/...} to the endpoint URL, and
     * the older botocore in the AWS CLI appends {@code latest/...}, so one of them always doubles
     * the slash of the URL we give out.
     */
    protected static String path(HttpExchange ex) {
        URI target = ex.getRequestURI();
        // not getRawPath: java.net.URI reads "//latest/api/token" as host "latest", path "/api/token"
        String p = target.isAbsolute() ? target.getRawPath() : target.getRawSchemeSpecificPart();
        if (p == null || p.isEmpty()) {
            return "/";
        }
        int query = p.indexOf('?');
        p = (query < 0 ? p : p.substring(0, query)).replaceAll("/{2,}", "/");
        if (p.isEmpty()) {
            return "/";
        }
        return p.length() > 200 ? p.substring(0, 200) + "..." : p;
    }

    /** {@code {"Error":{"Code":...,"Message":...}}}, aws-export-credentials' error shape. */
    protected static String errorJson(String code, String message) {
        return EndpointJson.object(w -> {
            w.object("Error", e -> {
                e.field("Code", code);
                e.field("Message", message);
            });
        });
    }

    /**
     * Stops at once: a client cut off mid-request retries (every SDK does), and a Ctrl-C should not
     * wait for the JDK server's grace period.
     */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
