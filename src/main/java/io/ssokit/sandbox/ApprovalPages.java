package io.ssokit.sandbox;

import java.util.List;

/**
 * The small HTML pages a person sees when the sandbox runs without {@code --auto-approve}: the
 * device verification page and the PKCE authorization page, each with Approve and Deny buttons
 * that POST back to the same path. Every value is escaped.
 */
final class ApprovalPages {
    private ApprovalPages() {
    }

    static ApiResponse enterCode() {
        return page(200, "Sign in to the ssokit sandbox",
                "<p>Enter the code shown by your application.</p>"
                        + "<form method=\"get\" action=\"/device\">"
                        + "<input name=\"user_code\" placeholder=\"ABCD-EFGH\" autofocus> <button type=\"submit\">Next</button>"
                        + "</form>");
    }

    static ApiResponse device(String userCode, String clientName, String startUrl, List<Org.User> users) {
        return page(200, "Authorize request",
                "<p><b>" + Xml.escape(clientName) + "</b> wants access to <b>" + Xml.escape(startUrl) + "</b>.</p>"
                        + "<p>Code: <code id=\"user-code\">" + Xml.escape(userCode) + "</code></p>"
                        + "<form method=\"post\" action=\"/device\">"
                        + "<input type=\"hidden\" name=\"user_code\" value=\"" + Xml.escape(userCode) + "\">"
                        + userSelect(users) + buttons() + "</form>");
    }

    static ApiResponse authorize(String requestId, String clientName, String startUrl, List<Org.User> users) {
        return page(200, "Authorize request",
                "<p><b>" + Xml.escape(clientName) + "</b> wants access to <b>" + Xml.escape(startUrl) + "</b>.</p>"
                        + "<form method=\"post\" action=\"/authorize\">"
                        + "<input type=\"hidden\" name=\"request_id\" value=\"" + Xml.escape(requestId) + "\">"
                        + userSelect(users) + buttons() + "</form>");
    }

    static ApiResponse message(int status, String title, String text) {
        return page(status, title, "<p>" + Xml.escape(text) + "</p>");
    }

    private static String userSelect(List<Org.User> users) {
        StringBuilder sb = new StringBuilder("<p>Sign in as <select name=\"user\">");
        for (Org.User u : users) {
            sb.append("<option value=\"").append(Xml.escape(u.name())).append("\">").append(Xml.escape(u.name()))
                    .append(" &lt;").append(Xml.escape(u.email())).append("&gt;</option>");
        }
        return sb.append("</select></p>").toString();
    }

    private static String buttons() {
        return "<button type=\"submit\" name=\"decision\" value=\"approve\">Approve</button> "
                + "<button type=\"submit\" name=\"decision\" value=\"deny\">Deny</button>";
    }

    private static ApiResponse page(int status, String title, String body) {
        return ApiResponse.html(status, "<!doctype html>\n<html><head><meta charset=\"utf-8\"><title>" + Xml.escape(title)
                + "</title><style>body{font-family:sans-serif;max-width:40em;margin:3em auto}button{margin-right:1em}</style>"
                + "</head><body><h1>" + Xml.escape(title) + "</h1>" + body
                + "<p><small>ssokit sandbox: a local emulator, not AWS.</small></p></body></html>\n")
                .withHeader("Cache-Control", "no-store");
    }
}
