package io.ssokit.server;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * {@code [HOST:]PORT} as aws-export-credentials takes it for {@code --container} and
 * {@code --imds}, except that a bare PORT binds the loopback address, not every interface: the
 * servers speak plain HTTP, and only what runs on this machine should reach them. An empty HOST
 * ({@code :PORT}) still means every interface, as there; {@code [::1]:PORT} takes IPv6 literals.
 *
 * @param host the address to bind
 * @param port the port; 0 picks a free one
 */
public record BindAddress(InetAddress host, int port) {

    /** @throws IllegalArgumentException with a message for the user naming what is wrong */
    public static BindAddress parse(String value) {
        String text = value == null ? "" : value.trim();
        String host;
        String port;
        if (text.startsWith("[")) {
            int close = text.indexOf("]:");
            if (close < 0) {
                throw new IllegalArgumentException("expected [HOST:]PORT, e.g. 8080, 127.0.0.1:8080 or [::1]:8080; got '" + value + "'");
            }
            host = text.substring(1, close);
            port = text.substring(close + 2);
        } else {
            int colon = text.lastIndexOf(':');
            if (colon >= 0 && text.indexOf(':') != colon) {
                throw new IllegalArgumentException("put an IPv6 address in brackets: [" + text.substring(0, colon) + "]:PORT");
            }
            host = colon < 0 ? "127.0.0.1" : text.substring(0, colon);
            port = colon < 0 ? text : text.substring(colon + 1);
        }
        int p;
        try {
            p = Integer.parseInt(port);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected [HOST:]PORT with a port number (0 picks a free one); got '" + value + "'");
        }
        if (p < 0 || p > 65535) {
            throw new IllegalArgumentException("port " + p + " is out of range (0-65535; 0 picks a free one)");
        }
        try {
            return new BindAddress(host.isEmpty() ? InetAddress.getByName("0.0.0.0") : InetAddress.getByName(host), p);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("cannot resolve host '" + host + "'");
        }
    }

    public InetSocketAddress socketAddress() {
        return new InetSocketAddress(host, port);
    }

    public boolean isLoopback() {
        return host.isLoopbackAddress();
    }

    /**
     * The host part of the URL clients use: the loopback address for a wildcard bind (the SDKs
     * accept a plain-HTTP container URI on loopback only; botocore on 127.0.0.1 and localhost).
     */
    public String urlHost() {
        if (host.isAnyLocalAddress()) {
            return "127.0.0.1";
        }
        String literal = host.getHostAddress();
        return host instanceof Inet6Address ? "[" + literal.replaceFirst("%.*$", "") + "]" : literal;
    }
}
