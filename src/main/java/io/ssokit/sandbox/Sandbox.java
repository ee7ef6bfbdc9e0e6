package io.ssokit.sandbox;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.ssokit.ExitCodes;
import io.ssokit.SsokitException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local IAM Identity Center emulator speaking the real AWS wire protocols on one plain-HTTP
 * port: SSO OIDC and the SSO portal (rest-json), STS (query/XML), the admin services sso-admin,
 * identitystore and organizations (JSON 1.1), every signed service SigV4-verified, and the console
 * sign-in federation endpoint. The AWS SDKs and the AWS CLI v2 work against it unmodified when
 * pointed at {@link #endpoint()} (e.g. {@code AWS_ENDPOINT_URL}).
 *
 * <pre>
 * try (Sandbox sb = Sandbox.start(SandboxOptions.builder().autoApprove(true).build())) {
 *     URI endpoint = sb.endpoint();           // http://127.0.0.1:PORT
 *     ...                                     // drive clients at it
 *     sb.stats().count("sso:GetRoleCredentials");
 * }
 * </pre>
 *
 * Control endpoints on the same port: {@code GET /_sandbox/stats}, {@code POST /_sandbox/stats/reset},
 * {@code GET /_sandbox/org}, {@code POST /_sandbox/approve?user_code=...} and {@code /_sandbox/deny}.
 */
public final class Sandbox implements AutoCloseable {
    private final SandboxOptions options;
    private final HttpServer server;
    private final ExecutorService pool;
    private final SandboxState state;
    private final Counters counters = new Counters();
    private final OidcService oidc;
    private final URI endpoint;
    private boolean closed;

    private Sandbox(SandboxOptions options, HttpServer server, ExecutorService pool, SandboxState state, URI endpoint) {
        this.options = options;
        this.server = server;
        this.pool = pool;
        this.state = state;
        this.endpoint = endpoint;
        Org org = options.org();
        this.oidc = new OidcService(state, org, options, endpoint.toString());
        Json11Services json11 = new Json11Services();
        AdminService.registerAll(json11, state, org, options);
        Dispatcher dispatcher = new Dispatcher(oidc, new PortalService(state, org, options), new StsService(state, org, options),
                new FederationService(state, options),
                json11, counters, new Faults(options.latency(), options.throttleRps(), options.errorRate(), options.seed()),
                org, options.log(), endpoint.toString());
        server.createContext("/", exchange -> serve(dispatcher, exchange));
    }

    /**
     * Binds, loads the state of {@code --state-dir} if any, and starts serving.
     *
     * @throws SsokitException when the address cannot be bound or the state file is unreadable
     */
    public static Sandbox start(SandboxOptions options) {
        // The JDK server leaves Nagle's algorithm on by default, which stalls every small
        // response ~40 ms behind the client's delayed ACK; read once, when the server starts.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
        SandboxState state = options.stateDir() == null ? new SandboxState()
                : SandboxState.load(options.stateDir(), options.clock().millis());
        state.withIamUsers(options.org());
        InetAddress address;
        try {
            address = InetAddress.getByName(options.host());
        } catch (UnknownHostException e) {
            throw new SsokitException(ExitCodes.USAGE, "cannot resolve --host " + options.host());
        }
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(address, options.port()), 128);
        } catch (BindException e) {
            throw new SsokitException(ExitCodes.ERROR, "cannot listen on " + options.host() + ":" + options.port() + ": " + e.getMessage());
        } catch (IOException e) {
            throw new SsokitException(ExitCodes.ERROR, "cannot start the sandbox server: " + e.getMessage());
        }
        AtomicInteger n = new AtomicInteger();
        ExecutorService pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "ssokit-sandbox-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(pool);
        // the URL names the host as given; a wildcard bind is reached through loopback
        String host = address.isAnyLocalAddress() ? (address instanceof Inet6Address ? "[::1]" : "127.0.0.1")
                : options.host().contains(":") ? "[" + options.host() + "]" : options.host();
        URI endpoint = URI.create("http://" + host + ":" + server.getAddress().getPort());
        Sandbox sb = new Sandbox(options, server, pool, state, endpoint);
        server.start();
        return sb;
    }

    /** The base URL every service answers at, e.g. {@code http://127.0.0.1:43210}. */
    public URI endpoint() {
        return endpoint;
    }

    public Org org() {
        return options.org();
    }

    public SandboxStats stats() {
        return counters.snapshot();
    }

    public void resetStats() {
        counters.reset();
    }

    /** Approves the pending device authorization with this user code, signing in as the org's first user. */
    public void approve(String userCode) {
        oidc.decide(userCode, true, null);
    }

    /** Approves the pending device authorization, signing in as the named user of the org. */
    public void approve(String userCode, String userName) {
        oidc.decide(userCode, true, userName);
    }

    /** Denies the pending device authorization: the client's next CreateToken gets AccessDeniedException. */
    public void deny(String userCode) {
        oidc.decide(userCode, false, null);
    }

    /** Stops serving and, with a state directory, saves the state there. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        server.stop(0);
        pool.shutdownNow();
        try {
            pool.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (options.stateDir() != null) {
            try {
                state.save(options.stateDir());
            } catch (IOException e) {
                throw new SsokitException(ExitCodes.ERROR, "cannot save sandbox state to " + options.stateDir() + ": " + e.getMessage());
            }
        }
    }

    private static void serve(Dispatcher dispatcher, HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            URI uri = exchange.getRequestURI();
            ApiRequest req = new ApiRequest(exchange.getRequestMethod(), uri.getRawPath(), uri.getRawQuery(),
                    exchange.getRequestHeaders(), body);
            ApiResponse resp = dispatcher.handle(req);
            resp.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
            boolean noBody = resp.body().length == 0 || req.method().equals("HEAD");
            exchange.sendResponseHeaders(resp.status(), noBody ? -1 : resp.body().length);
            if (!noBody) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(resp.body());
                }
            }
        }
    }
}
