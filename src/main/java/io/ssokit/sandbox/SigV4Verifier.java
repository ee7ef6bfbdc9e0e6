package io.ssokit.sandbox;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies an AWS Signature Version 4 request signed in the {@code Authorization} header form
 * (what the SDKs and the AWS CLI send), the way an AWS service does, and answers with the error
 * code, HTTP status and message AWS uses for each kind of failure.
 *
 * <p>Pure: the caller passes the request as received, a lookup from access key id to the secret
 * the sandbox issued, the service name the credential scope must name, and the current time.
 *
 * <p>Canonicalisation follows the rules for every service except S3: the path, as sent (already
 * percent-encoded once), has its dot segments removed and is encoded a second time; query
 * parameters are decoded, re-encoded with the RFC 3986 unreserved set and sorted; header values
 * are trimmed with inner runs of spaces collapsed, repeated headers joined with commas; the
 * payload hash is the SHA-256 of the body as received.
 */
public final class SigV4Verifier {
    public static final String ALGORITHM = "AWS4-HMAC-SHA256";
    /** How far the request time may be from the server's, either way, as AWS allows. */
    public static final Duration MAX_SKEW = Duration.ofMinutes(15);

    static final String SIGNATURE_MISMATCH = "The request signature we calculated does not match the signature you"
            + " provided. Check your AWS Secret Access Key and signing method. Consult the service documentation"
            + " for details.";
    static final String INVALID_TOKEN = "The security token included in the request is invalid.";
    static final String EXPIRED_TOKEN = "The security token included in the request is expired";

    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT);

    private SigV4Verifier() {
    }

    /**
     * A request as it arrived.
     *
     * @param rawPath the path as sent, still percent-encoded
     * @param rawQuery the query string as sent, still percent-encoded, or null
     * @param headers header names in any case, each with every value received
     */
    public record Request(String method, String rawPath, String rawQuery, Map<String, List<String>> headers, byte[] body) {
    }

    /** What the sandbox issued for an access key id; {@code sessionToken} is null for long-term keys. */
    public record Secret(String secretAccessKey, String sessionToken, Instant expiration) {
    }

    /** The outcome of a verification. */
    public sealed interface Result permits Verified, Rejected {
    }

    /** The signature is good and the credentials are current. */
    public record Verified(String accessKeyId, String region) implements Result {
    }

    /** Refused, with the AWS error code, HTTP status and message for the failure. */
    public record Rejected(int status, String code, String message) implements Result {
    }

    public static Result verify(Request request, Function<String, Secret> lookup, String service, Instant now) {
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        request.headers().forEach((k, v) -> headers.computeIfAbsent(k, x -> new ArrayList<>()).addAll(v));

        String authorization = first(headers, "authorization");
        if (authorization == null) {
            return new Rejected(403, "MissingAuthenticationToken", "Request is missing Authentication Token");
        }
        int space = authorization.indexOf(' ');
        String algorithm = space < 0 ? authorization : authorization.substring(0, space);
        if (!algorithm.equals(ALGORITHM)) {
            return incomplete("Unsupported AWS 'algorithm': '" + algorithm + "'");
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (String part : authorization.substring(space + 1).split(",")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                params.put(part.substring(0, eq).trim(), part.substring(eq + 1).trim());
            }
        }
        StringBuilder missing = new StringBuilder();
        for (String p : List.of("Credential", "SignedHeaders", "Signature")) {
            if (!params.containsKey(p) || params.get(p).isEmpty()) {
                missing.append("Authorization header requires '").append(p).append("' parameter. ");
            }
        }
        String amzDate = first(headers, "x-amz-date");
        if (amzDate == null) {
            missing.append("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. ");
        }
        if (missing.length() > 0) {
            return incomplete(missing.toString().trim() + " Authorization=" + authorization.split(" ", 2)[0]);
        }
        String[] scope = params.get("Credential").split("/", -1);
        if (scope.length != 5) {
            return incomplete("Credential should have exactly 5 slash-separated components: '" + params.get("Credential") + "'.");
        }
        String accessKeyId = scope[0];
        String date = scope[1];
        String region = scope[2];
        Instant signedAt;
        try {
            signedAt = LocalDateTime.parse(amzDate, AMZ_DATE).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return incomplete("Date must be in ISO-8601 'basic format'. Got '" + amzDate + "'. See http://en.wikipedia.org/wiki/ISO_8601");
        }
        if (!amzDate.startsWith(date)) {
            return mismatch("Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '"
                    + date + "' != '" + amzDate.substring(0, 8) + "', from '" + amzDate + "'.");
        }
        if (!scope[3].equals(service)) {
            return mismatch("Credential should be scoped to correct service: '" + service + "'. ");
        }
        if (!scope[4].equals("aws4_request")) {
            return mismatch("Credential should be scoped with a valid terminator: 'aws4_request', not '" + scope[4] + "'. ");
        }
        List<String> signedHeaders = List.of(params.get("SignedHeaders").toLowerCase(Locale.ROOT).split(";"));
        if (!signedHeaders.contains("host")) {
            return incomplete("'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
        }

        Secret secret = accessKeyId.isEmpty() ? null : lookup.apply(accessKeyId);
        if (secret == null) {
            return new Rejected(403, "InvalidClientTokenId", INVALID_TOKEN);
        }
        String token = first(headers, "x-amz-security-token");
        if (secret.sessionToken() == null ? token != null : !secret.sessionToken().equals(token)) {
            return new Rejected(403, "InvalidClientTokenId", INVALID_TOKEN);
        }

        String canonical = canonicalRequest(request.method(), request.rawPath(), request.rawQuery(), headers, signedHeaders,
                hex(Ids.sha256(request.body() == null ? new byte[0] : request.body())));
        if (canonical == null) {
            return mismatch(SIGNATURE_MISMATCH);
        }
        String credentialScope = date + "/" + region + "/" + service + "/aws4_request";
        String stringToSign = ALGORITHM + "\n" + amzDate + "\n" + credentialScope + "\n" + hex(Ids.sha256(canonical));
        byte[] key = signingKey(secret.secretAccessKey(), date, region, service);
        String expected = hex(hmac(key, stringToSign));
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                params.get("Signature").getBytes(StandardCharsets.US_ASCII))) {
            return mismatch(SIGNATURE_MISMATCH);
        }

        if (signedAt.isBefore(now.minus(MAX_SKEW))) {
            return mismatch("Signature expired: " + amzDate + " is now earlier than " + format(now.minus(MAX_SKEW))
                    + " (" + format(now) + " - 15 min.)");
        }
        if (signedAt.isAfter(now.plus(MAX_SKEW))) {
            return mismatch("Signature not yet current: " + amzDate + " is still later than " + format(now.plus(MAX_SKEW))
                    + " (" + format(now) + " + 15 min.)");
        }
        if (secret.expiration() != null && !now.isBefore(secret.expiration())) {
            return new Rejected(403, "ExpiredToken", EXPIRED_TOKEN);
        }
        return new Verified(accessKeyId, region);
    }

    /** The canonical request, or null when a signed header is absent from the request. */
    static String canonicalRequest(String method, String rawPath, String rawQuery, Map<String, List<String>> headers,
            List<String> signedHeaders, String payloadHash) {
        StringBuilder sb = new StringBuilder();
        sb.append(method).append('\n');
        sb.append(canonicalUri(rawPath)).append('\n');
        sb.append(canonicalQuery(rawQuery)).append('\n');
        for (String name : signedHeaders) {
            List<String> values = headers.get(name);
            if (values == null) {
                return null;
            }
            List<String> trimmed = new ArrayList<>();
            for (String v : values) {
                trimmed.add(v.trim().replaceAll(" +", " "));
            }
            sb.append(name).append(':').append(String.join(",", trimmed)).append('\n');
        }
        sb.append('\n');
        sb.append(String.join(";", signedHeaders)).append('\n');
        sb.append(payloadHash);
        return sb.toString();
    }

    static String canonicalUri(String rawPath) {
        if (rawPath == null || rawPath.isEmpty()) {
            return "/";
        }
        List<String> out = new ArrayList<>();
        String[] segments = rawPath.split("/", -1);
        for (int i = 1; i < segments.length; i++) {
            String s = segments[i];
            if (s.equals(".")) {
                continue;
            }
            if (s.equals("..")) {
                if (!out.isEmpty()) {
                    out.remove(out.size() - 1);
                }
                continue;
            }
            out.add(s);
        }
        boolean trailingDot = rawPath.endsWith("/.") || rawPath.endsWith("/..");
        String normalized = "/" + String.join("/", out) + (trailingDot && !out.isEmpty() ? "/" : "");
        return encode(normalized, false);
    }

    static String canonicalQuery(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return "";
        }
        List<String[]> pairs = new ArrayList<>();
        for (String p : rawQuery.split("&")) {
            if (p.isEmpty()) {
                continue;
            }
            int eq = p.indexOf('=');
            String k = eq < 0 ? p : p.substring(0, eq);
            String v = eq < 0 ? "" : p.substring(eq + 1);
            pairs.add(new String[] {encode(decode(k), true), encode(decode(v), true)});
        }
        pairs.sort((a, b) -> a[0].equals(b[0]) ? a[1].compareTo(b[1]) : a[0].compareTo(b[0]));
        List<String> joined = new ArrayList<>();
        for (String[] kv : pairs) {
            joined.add(kv[0] + "=" + kv[1]);
        }
        return String.join("&", joined);
    }

    /** RFC 3986 encoding that keeps only the unreserved characters (and '/' when asked). */
    static String encode(String s, boolean encodeSlash) {
        StringBuilder sb = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.' || c == '~' || (c == '/' && !encodeSlash)) {
                sb.append(c);
            } else {
                sb.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
            }
        }
        return sb.toString();
    }

    /** Percent-decoding only ('+' stays '+', as the signers encode a space as %20); bad escapes stay literal. */
    static String decode(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] in = s.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < in.length; i++) {
            if (in[i] == '%' && i + 2 < in.length && Character.digit(in[i + 1], 16) >= 0 && Character.digit(in[i + 2], 16) >= 0) {
                out.write(Character.digit(in[i + 1], 16) * 16 + Character.digit(in[i + 2], 16));
                i += 2;
            } else {
                out.write(in[i]);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    static byte[] signingKey(String secret, String date, String region, String service) {
        byte[] k = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), date);
        k = hmac(k, region);
        k = hmac(k, service);
        return hmac(k, "aws4_request");
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }

    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    private static String format(Instant t) {
        return AMZ_DATE.format(t.atOffset(ZoneOffset.UTC));
    }

    private static String first(Map<String, List<String>> headers, String name) {
        List<String> v = headers.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    private static Rejected incomplete(String message) {
        return new Rejected(400, "IncompleteSignature", message);
    }

    private static Rejected mismatch(String message) {
        return new Rejected(403, "SignatureDoesNotMatch", message);
    }
}
