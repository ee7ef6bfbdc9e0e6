package io.ssokit.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * How each service family shapes its errors on the wire, so that the SDKs and the AWS CLI map
 * them to the right exception:
 *
 * <ul>
 *   <li>SSO OIDC (rest-json): {@code x-amzn-ErrorType: <Code>:http://internal.amazon.com/coral/com.amazonaws.sso.oidc/}
 *       and an OAuth body {@code {"error":"authorization_pending","error_description":"..."}}.
 *   <li>SSO portal (rest-json): {@code x-amzn-ErrorType: <Code>:http://internal.amazon.com/coral/com.amazonaws.switchboard.portal/}
 *       and {@code {"message":"...","__type":"com.amazonaws.switchboard.portal#<Code>"}}.
 *   <li>STS (query): {@code text/xml} {@code <ErrorResponse><Error><Type>Sender|Receiver</Type><Code/><Message/></Error><RequestId/></ErrorResponse>}.
 *   <li>JSON 1.1 services ({@code X-Amz-Target}): {@code application/x-amz-json-1.1} {@code {"__type":"<Code>","message":"..."}}.
 * </ul>
 *
 * The SDK for Java and botocore read the code from {@code x-amzn-ErrorType} (the part before
 * the colon) before looking at the body, which is why rest-json errors carry both.
 */
enum Protocol {
    SSO_OIDC("sso-oidc"),
    SSO("sso"),
    STS("sts"),
    JSON11("json");

    static final String STS_NAMESPACE = "https://sts.amazonaws.com/doc/2011-06-15/";

    /** The prefix of operation names in the stats: {@code sso-oidc:CreateToken}, {@code sts:AssumeRole}. */
    final String prefix;

    Protocol(String prefix) {
        this.prefix = prefix;
    }

    ApiResponse render(ApiError e, String requestId) {
        ApiResponse r = switch (this) {
            case SSO_OIDC -> {
                ObjectNode body = ApiRequest.JSON.createObjectNode();
                body.put("error", e.oauthError == null ? "invalid_request" : e.oauthError);
                body.put("error_description", e.getMessage());
                yield ApiResponse.json(e.status, body)
                        .withHeader("x-amzn-ErrorType", e.code + ":http://internal.amazon.com/coral/com.amazonaws.sso.oidc/");
            }
            case SSO -> {
                ObjectNode body = ApiRequest.JSON.createObjectNode();
                body.put("message", e.getMessage());
                body.put("__type", "com.amazonaws.switchboard.portal#" + e.code);
                yield ApiResponse.json(e.status, body)
                        .withHeader("x-amzn-ErrorType", e.code + ":http://internal.amazon.com/coral/com.amazonaws.switchboard.portal/");
            }
            case STS -> ApiResponse.xml(e.status, "<ErrorResponse xmlns=\"" + STS_NAMESPACE + "\">\n"
                    + "  <Error>\n"
                    + "    <Type>" + (e.status >= 500 ? "Receiver" : "Sender") + "</Type>\n"
                    + "    <Code>" + Xml.escape(e.code) + "</Code>\n"
                    + "    <Message>" + Xml.escape(e.getMessage()) + "</Message>\n"
                    + "  </Error>\n"
                    + "  <RequestId>" + requestId + "</RequestId>\n"
                    + "</ErrorResponse>\n");
            case JSON11 -> {
                ObjectNode body = ApiRequest.JSON.createObjectNode();
                body.put("__type", e.code);
                body.put("message", e.getMessage());
                new java.util.TreeMap<>(e.members).forEach(body::put);
                yield ApiResponse.json(e.status, body).withHeader("Content-Type", "application/x-amz-json-1.1")
                        .withHeader("x-amzn-ErrorType", e.code);
            }
        };
        return r.withHeader("x-amzn-RequestId", requestId);
    }

    /**
     * The error a rate-limited request gets. The portal's is what AWS sends (429, "HTTP 429
     * Unknown Code"); STS answers {@code Throttling}; SSO OIDC models no throttling error, so
     * the sandbox uses its {@code SlowDownException}, which the device-flow clients already
     * treat as "back off".
     */
    ApiError throttled() {
        return switch (this) {
            case SSO_OIDC -> new ApiError(400, "SlowDownException", "slow_down", "Rate exceeded");
            case SSO -> new ApiError(429, "TooManyRequestsException", "HTTP 429 Unknown Code");
            case STS -> new ApiError(400, "Throttling", "Rate exceeded");
            case JSON11 -> new ApiError(400, "ThrottlingException", "Rate exceeded");
        };
    }

    /** The error an injected fault produces: each service's internal-error shape, HTTP 500. */
    ApiError internalError() {
        return switch (this) {
            case SSO_OIDC -> new ApiError(500, "InternalServerException", "server_error", "Unexpected server error");
            case SSO -> new ApiError(500, "InternalServerException", "An internal error occurred");
            case STS -> new ApiError(500, "InternalFailure",
                    "The request processing has failed because of an unknown error, exception or failure.");
            case JSON11 -> new ApiError(500, "InternalServerException", "An internal error occurred");
        };
    }
}
