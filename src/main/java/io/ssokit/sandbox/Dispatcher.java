package io.ssokit.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ssokit.Log;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Routes every request that reaches the sandbox's single port, applies fault injection and
 * counts it. Routing, in order:
 *
 * <ol>
 *   <li>{@code /_sandbox/...}: the control endpoints (stats, org, approve/deny); never faulted or counted.
 *   <li>an {@code X-Amz-Target} header: a JSON 1.1 service ({@link Json11Services}).
 *   <li>the rest-json paths of SSO OIDC ({@code /client/register}, {@code /device_authorization},
 *       {@code /token}), its browser pages ({@code /device}, {@code /authorize}) and the portal
 *       ({@code /assignment/accounts}, {@code /assignment/roles}, {@code /federation/credentials}, {@code /logout}),
 *       and the sign-in federation endpoint ({@code /federation}, {@code /oauth}: {@link FederationService}).
 *   <li>{@code /} with an {@code Action} in the query or the form body: STS.
 * </ol>
 */
final class Dispatcher {
    private final OidcService oidc;
    private final PortalService portal;
    private final StsService sts;
    private final FederationService federation;
    private final Json11Services json11;
    private final Counters counters;
    private final Faults faults;
    private final Org org;
    private final Log log;
    private final String endpoint;

    @FunctionalInterface
    interface Handler {
        ApiResponse handle(ApiRequest request, String requestId);
    }

    /**
     * Where a request goes: its error protocol, its name in the stats (null: not counted),
     * whether it is an API call (faults apply) or a page for a person, and the error an injected
     * throttle answers with (null: the protocol's).
     */
    record Route(Protocol protocol, String operation, boolean api, Handler handler, ApiError throttle) {
        Route(Protocol protocol, String operation, boolean api, Handler handler) {
            this(protocol, operation, api, handler, null);
        }

        ApiError throttled() {
            return throttle != null ? throttle : protocol.throttled();
        }
    }

    Dispatcher(OidcService oidc, PortalService portal, StsService sts, FederationService federation, Json11Services json11,
            Counters counters, Faults faults, Org org, Log log, String endpoint) {
        this.oidc = oidc;
        this.portal = portal;
        this.sts = sts;
        this.federation = federation;
        this.json11 = json11;
        this.counters = counters;
        this.faults = faults;
        this.org = org;
        this.log = log;
        this.endpoint = endpoint;
    }

    ApiResponse handle(ApiRequest req) {
        String requestId = Ids.requestId();
        long start = System.nanoTime();
        Route route = route(req);
        ApiResponse resp = dispatch(route, req, requestId);
        if (log.enabled(1)) {
            // the path only: queries can carry user codes, bodies and headers carry secrets
            log.debug(req.method() + " " + req.rawPath() + " -> " + resp.status()
                    + (route.operation() == null ? "" : " " + route.operation())
                    + " (" + (System.nanoTime() - start) / 1_000_000 + " ms)");
        }
        return resp.headers().containsKey("x-amzn-RequestId") ? resp : resp.withHeader("x-amzn-RequestId", requestId);
    }

    private ApiResponse dispatch(Route route, ApiRequest req, String requestId) {
        String op = route.operation();
        if (op != null) {
            counters.request(op);
            counters.enter();
        }
        try {
            if (op != null) {
                faults.delay();
            }
            if (route.api()) {
                if (!faults.admit()) {
                    counters.throttled();
                    counters.failure(op);
                    return route.protocol().render(route.throttled(), requestId);
                }
                if (faults.fail()) {
                    counters.error();
                    counters.failure(op);
                    return route.protocol().render(route.protocol().internalError(), requestId);
                }
            }
            ApiResponse resp = route.handler().handle(req, requestId);
            if (op != null && resp.status() >= 400) {
                counters.failure(op);
            }
            return resp;
        } catch (ApiError e) {
            if (op != null) {
                counters.failure(op);
            }
            return route.protocol().render(e, requestId);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return route.protocol().render(route.protocol().internalError(), requestId);
        } catch (RuntimeException e) {
            if (op != null) {
                counters.failure(op);
            }
            log.warn("sandbox: internal error answering " + req.method() + " " + req.rawPath() + ": " + e);
            return route.protocol().render(route.protocol().internalError(), requestId);
        } finally {
            if (op != null) {
                counters.leave();
            }
        }
    }

    Route route(ApiRequest req) {
        String path = req.path();
        String method = req.method();
        if (path.startsWith("/_sandbox/")) {
            return new Route(Protocol.JSON11, null, false, (r, id) -> control(path, method, r));
        }
        String target = req.header("x-amz-target");
        if (target != null) {
            Json11Services.Service s = json11.service(target);
            if (s == null) {
                return new Route(Protocol.JSON11, "json:" + target, true, (r, id) -> {
                    throw new ApiError(400, "UnknownOperationException", "The sandbox does not serve the target " + target);
                });
            }
            String op = Json11Services.operation(target);
            return new Route(Protocol.JSON11, s.name() + ":" + op, true, (r, id) -> s.handler().handle(op, r), s.handler().throttled());
        }
        boolean get = method.equals("GET");
        boolean post = method.equals("POST");
        switch (path) {
            case "/client/register":
                if (post) {
                    return api(Protocol.SSO_OIDC, "RegisterClient", (r, id) -> oidc.registerClient(r));
                }
                break;
            case "/device_authorization":
                if (post) {
                    return api(Protocol.SSO_OIDC, "StartDeviceAuthorization", (r, id) -> oidc.startDeviceAuthorization(r));
                }
                break;
            case "/token":
                if (post) {
                    return api(Protocol.SSO_OIDC, "CreateToken", (r, id) -> oidc.createToken(r));
                }
                break;
            case "/authorize":
                if (get) {
                    return page("sso-oidc:Authorize", (r, id) -> oidc.authorize(r));
                }
                if (post) {
                    return page("sso-oidc:Authorize", (r, id) -> oidc.authorizeDecision(r));
                }
                break;
            case "/device":
                if (get) {
                    return page("sso-oidc:DeviceVerification", (r, id) -> oidc.devicePage(r));
                }
                if (post) {
                    return page("sso-oidc:DeviceVerification", (r, id) -> oidc.deviceDecision(r));
                }
                break;
            case "/assignment/accounts":
                if (get) {
                    return api(Protocol.SSO, "ListAccounts", (r, id) -> portal.listAccounts(r));
                }
                break;
            case "/assignment/roles":
                if (get) {
                    return api(Protocol.SSO, "ListAccountRoles", (r, id) -> portal.listAccountRoles(r));
                }
                break;
            case "/federation/credentials":
                if (get) {
                    return api(Protocol.SSO, "GetRoleCredentials", (r, id) -> portal.getRoleCredentials(r));
                }
                break;
            case "/logout":
                if (post) {
                    return api(Protocol.SSO, "Logout", (r, id) -> portal.logout(r));
                }
                break;
            case "/federation":
                if ("getSigninToken".equals(FederationService.params(req).get("Action"))) {
                    return new Route(Protocol.SSO, "signin:GetSigninToken", true, (r, id) -> federation.getSigninToken(r));
                }
                if (get) {
                    return page("signin:Login", (r, id) -> federation.login(r));
                }
                break;
            case "/oauth":
                if (get) {
                    return page("signin:Logout", (r, id) -> federation.logout(r));
                }
                break;
            case "/":
                Map<String, String> params = new LinkedHashMap<>(req.query());
                if (post && req.isForm()) {
                    params.putAll(req.form());
                }
                String action = params.get("Action");
                if (action != null) {
                    return api(Protocol.STS, action, (r, id) -> sts.handle(action, r, params, id));
                }
                if (post) {
                    return api(Protocol.STS, "MissingAction", (r, id) -> {
                        throw new ApiError(400, "MissingAction", "Missing Action");
                    });
                }
                if (get) {
                    return new Route(Protocol.SSO, null, false, (r, id) -> index());
                }
                break;
            default:
                break;
        }
        return new Route(Protocol.SSO, null, false, (r, id) -> unknown(method, path));
    }

    private static Route api(Protocol p, String operation, Handler h) {
        return new Route(p, p.prefix + ":" + operation, true, h);
    }

    private static Route page(String operation, Handler h) {
        return new Route(Protocol.SSO_OIDC, operation, false, h);
    }

    /** What no AWS service at these paths answers: rest-json's unknown operation, 404. */
    private static ApiResponse unknown(String method, String path) {
        ObjectNode body = ApiRequest.JSON.createObjectNode();
        body.put("message", "No operation at " + method + " " + path);
        return ApiResponse.json(404, body).withHeader("x-amzn-ErrorType", "UnknownOperationException");
    }

    // ---- control endpoints ----------------------------------------------------------------

    private ApiResponse control(String path, String method, ApiRequest req) {
        switch (method + " " + path) {
            case "GET /_sandbox/stats":
                return ApiResponse.json(200, counters.snapshot());
            case "POST /_sandbox/stats/reset":
                counters.reset();
                return ApiResponse.json(200, counters.snapshot());
            case "GET /_sandbox/org":
                return ApiResponse.json(200, org);
            case "POST /_sandbox/approve":
            case "POST /_sandbox/deny":
                Map<String, String> p = new LinkedHashMap<>(req.query());
                if (req.isForm()) {
                    p.putAll(req.form());
                }
                try {
                    oidc.decide(p.get("user_code"), path.endsWith("approve"), p.get("user"));
                } catch (IllegalArgumentException e) {
                    ObjectNode body = ApiRequest.JSON.createObjectNode();
                    body.put("message", e.getMessage());
                    return ApiResponse.json(400, body);
                }
                return ApiResponse.json(200, ApiRequest.JSON.createObjectNode().put("userCode", p.get("user_code")));
            default:
                return unknown(method, path);
        }
    }

    private ApiResponse index() {
        StringBuilder sb = new StringBuilder("<!doctype html>\n<html><head><meta charset=\"utf-8\"><title>ssokit sandbox</title>"
                + "</head><body style=\"font-family:sans-serif;max-width:50em;margin:3em auto\"><h1>ssokit sandbox</h1>"
                + "<p>A local IAM Identity Center emulator (SSO OIDC, SSO portal, STS, sso-admin, identitystore, organizations) at <code>" + Xml.escape(endpoint)
                + "</code>. Point a client at it with <code>AWS_ENDPOINT_URL=" + Xml.escape(endpoint) + "</code>.</p><ul>");
        for (Org.Instance i : org.instances()) {
            sb.append("<li>start URL <code>").append(Xml.escape(i.startUrl())).append("</code> in ")
                    .append(Xml.escape(i.region())).append("</li>");
        }
        sb.append("</ul><p>").append(org.accounts().size()).append(" accounts, ").append(org.users().size())
                .append(" users. <a href=\"/device\">Approve a device code</a> · <a href=\"/_sandbox/stats\">stats</a>")
                .append(" · <a href=\"/_sandbox/org\">org</a></p></body></html>\n");
        return ApiResponse.html(200, sb.toString());
    }
}
