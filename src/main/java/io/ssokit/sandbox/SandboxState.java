package io.ssokit.sandbox;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ssokit.ExitCodes;
import io.ssokit.SsokitException;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything the sandbox has issued: client registrations, device and browser authorizations,
 * tokens and credentials. Not thread-safe by itself: the services hold the monitor of this
 * object for each operation, which keeps compound checks (look up, then redeem) atomic.
 *
 * <p>Times are epoch milliseconds except where the wire uses seconds ({@link Client}).
 */
final class SandboxState {
    static final String FILE_NAME = "sandbox-state.json";
    static final int FORMAT = 1;

    /** A RegisterClient result; issuedAt and expiresAt in epoch seconds, as RegisterClient returns them. */
    record Client(String clientId, String clientSecret, String clientName, String clientType, List<String> scopes,
            List<String> grantTypes, List<String> redirectUris, String issuerUrl, long issuedAt, long expiresAt) {
        /** Legacy clients (no grant types, as the AWS CLI v2 before PKCE registers) may use device code and refresh. */
        boolean allows(String grantType) {
            if (grantTypes == null || grantTypes.isEmpty()) {
                return grantType.equals(OidcService.GRANT_DEVICE_CODE) || grantType.equals(OidcService.GRANT_REFRESH_TOKEN);
            }
            return grantTypes.contains(grantType);
        }
    }

    enum Decision { PENDING, APPROVED, DENIED, REDEEMED }

    record DeviceAuthorization(String deviceCode, String userCode, String clientId, String startUrl, long expiresAt,
            int interval, Decision decision, String user, long lastPolledAt) {
        DeviceAuthorization decided(Decision d, String who) {
            return new DeviceAuthorization(deviceCode, userCode, clientId, startUrl, expiresAt, interval, d, who, lastPolledAt);
        }

        DeviceAuthorization polledAt(long now) {
            return new DeviceAuthorization(deviceCode, userCode, clientId, startUrl, expiresAt, interval, decision, user, now);
        }
    }

    /** A PKCE authorize request waiting for the person at the browser to approve or deny it. */
    record AuthorizationRequest(String id, String clientId, String redirectUri, String state, String codeChallenge,
            List<String> scopes, String startUrl, long expiresAt) {
    }

    record AuthorizationCode(String code, String clientId, String redirectUri, String codeChallenge, List<String> scopes,
            String user, String startUrl, long expiresAt) {
    }

    /** An access token; tokens of one sign-in share a session id, which Logout revokes as a whole. */
    record AccessToken(String token, String clientId, String user, List<String> scopes, String sessionId, String startUrl,
            long expiresAt) {
    }

    record RefreshToken(String token, String clientId, String user, List<String> scopes, String sessionId, String startUrl) {
    }

    /**
     * {@link #IAM_USER}: an org IAM user's long-term key (no session token, no expiry);
     * {@link #USER_SESSION}: what GetSessionToken issued for one; {@link #FEDERATED_USER}: what
     * GetFederationToken issued for one; the others are role sessions.
     */
    enum Kind { SSO, ASSUMED_ROLE, IAM_USER, USER_SESSION, FEDERATED_USER }

    /**
     * Credentials the portal or STS issued, or an IAM user's long-term key. For {@link Kind#SSO}
     * the role is a permission set and the session is the user's name; for
     * {@link Kind#ASSUMED_ROLE} an IAM role and the RoleSessionName; for the user kinds
     * {@code roleName} is the IAM user's name and there is no session name, except for
     * {@link Kind#FEDERATED_USER}, whose session name is the federated user's name.
     */
    record IssuedCredentials(String accessKeyId, String secretAccessKey, String sessionToken, long expiresAt, Kind kind,
            String accountId, String roleName, String sessionName, String sourceIdentity) {

        /** An IAM user's long-term key, valid until the org says otherwise. */
        static IssuedCredentials longTerm(Org.IamUser u) {
            return new IssuedCredentials(u.accessKeyId(), u.secretAccessKey(), null, Long.MAX_VALUE, Kind.IAM_USER,
                    u.account(), u.name(), null, null);
        }

        boolean isUser() {
            return kind == Kind.IAM_USER || kind == Kind.USER_SESSION || kind == Kind.FEDERATED_USER;
        }

        /** The caller's ARN as GetCallerIdentity answers it: the user's, the federated user's, or the assumed role's. */
        String callerArn() {
            if (kind == Kind.FEDERATED_USER) {
                return "arn:aws:sts::" + accountId + ":federated-user/" + sessionName;
            }
            return isUser() ? userArn() : assumedRoleArn();
        }

        /**
         * The caller's unique id as GetCallerIdentity answers it: AIDA... for users, ACCOUNT:name
         * for federated users, AROA...:session for roles.
         */
        String callerId() {
            if (kind == Kind.FEDERATED_USER) {
                return accountId + ":" + sessionName;
            }
            return isUser() ? Ids.userId(userArn()) : assumedRoleId();
        }

        private String userArn() {
            return "arn:aws:iam::" + accountId + ":user/" + roleName;
        }

        /** The IAM role's name in the account: permission sets appear as AWSReservedSSO_NAME_SUFFIX. */
        String iamRoleName() {
            return kind == Kind.SSO ? ssoRoleName(accountId, roleName) : roleName;
        }

        /** The role's ARN; for the user kinds, the user's (the IAM principal that trust policies name). */
        String roleArn() {
            if (isUser()) {
                return userArn();
            }
            String path = kind == Kind.SSO ? "aws-reserved/sso.amazonaws.com/" : "";
            return "arn:aws:iam::" + accountId + ":role/" + path + iamRoleName();
        }

        String assumedRoleArn() {
            return "arn:aws:sts::" + accountId + ":assumed-role/" + iamRoleName() + "/" + sessionName;
        }

        String assumedRoleId() {
            return Ids.roleId(roleArn()) + ":" + sessionName;
        }
    }

    static String ssoRoleName(String accountId, String permissionSet) {
        return "AWSReservedSSO_" + permissionSet + "_" + Ids.hex16(accountId + "/" + permissionSet);
    }

    final Map<String, Client> clients = new LinkedHashMap<>();
    final Map<String, DeviceAuthorization> deviceAuthorizations = new LinkedHashMap<>();
    final Map<String, AuthorizationRequest> authorizationRequests = new LinkedHashMap<>();
    final Map<String, AuthorizationCode> authorizationCodes = new LinkedHashMap<>();
    final Map<String, AccessToken> accessTokens = new LinkedHashMap<>();
    final Map<String, RefreshToken> refreshTokens = new LinkedHashMap<>();
    final Map<String, IssuedCredentials> credentials = new LinkedHashMap<>();
    /** The org's IAM users' keys: configuration, not issued, so never saved with the state. */
    final Map<String, IssuedCredentials> longTermKeys = new LinkedHashMap<>();

    /** Makes the org's IAM users' long-term keys valid callers. */
    synchronized SandboxState withIamUsers(Org org) {
        for (Org.IamUser u : org.iamUsers()) {
            longTermKeys.put(u.accessKeyId(), IssuedCredentials.longTerm(u));
        }
        return this;
    }

    /** The credentials an access key id belongs to, issued or long-term; null when unknown. Hold the monitor. */
    IssuedCredentials caller(String accessKeyId) {
        IssuedCredentials c = credentials.get(accessKeyId);
        return c != null ? c : longTermKeys.get(accessKeyId);
    }

    /** What --state-dir keeps between runs. Browser requests and authorization codes live minutes and are not kept. */
    record Snapshot(int format, List<Client> clients, List<DeviceAuthorization> deviceAuthorizations,
            List<AccessToken> accessTokens, List<RefreshToken> refreshTokens, List<IssuedCredentials> credentials) {
    }

    synchronized Snapshot snapshot() {
        return new Snapshot(FORMAT, new ArrayList<>(clients.values()), new ArrayList<>(deviceAuthorizations.values()),
                new ArrayList<>(accessTokens.values()), new ArrayList<>(refreshTokens.values()),
                new ArrayList<>(credentials.values()));
    }

    /**
     * Reads the state file of the directory, if there is one. Entries that expired more than a
     * day before {@code now} are dropped so the file does not grow forever; recently expired
     * ones stay, so clients still get "expired" rather than "unknown" for them.
     */
    static SandboxState load(Path dir, long now) {
        SandboxState s = new SandboxState();
        Path file = dir.resolve(FILE_NAME);
        if (!Files.exists(file)) {
            return s;
        }
        Snapshot snap;
        try {
            snap = mapper().readValue(file.toFile(), Snapshot.class);
        } catch (IOException e) {
            throw new SsokitException(ExitCodes.USAGE, "cannot read sandbox state " + file + ": "
                    + e.getMessage().replaceAll("\\s+", " ") + " (delete the file to start afresh)");
        }
        if (snap == null || snap.format() != FORMAT) {
            throw new SsokitException(ExitCodes.USAGE, "sandbox state " + file + " has an unknown format (delete it to start afresh)");
        }
        long horizon = now - 24L * 3600 * 1000;
        for (Client c : nonNull(snap.clients())) {
            if (c.expiresAt() * 1000 > horizon) {
                s.clients.put(c.clientId(), c);
            }
        }
        for (DeviceAuthorization d : nonNull(snap.deviceAuthorizations())) {
            if (d.expiresAt() > horizon) {
                s.deviceAuthorizations.put(d.deviceCode(), d);
            }
        }
        for (AccessToken t : nonNull(snap.accessTokens())) {
            if (t.expiresAt() > horizon) {
                s.accessTokens.put(t.token(), t);
            }
        }
        for (RefreshToken t : nonNull(snap.refreshTokens())) {
            if (s.clients.containsKey(t.clientId())) {
                s.refreshTokens.put(t.token(), t);
            }
        }
        for (IssuedCredentials c : nonNull(snap.credentials())) {
            if (c.expiresAt() > horizon) {
                s.credentials.put(c.accessKeyId(), c);
            }
        }
        return s;
    }

    /** Writes the state file atomically, readable by its owner only: it holds secrets. */
    void save(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, ".sandbox-state", ".tmp");
        try {
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system (Windows): the directory's ACL is what protects it
            }
            mapper().writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), snapshot());
            try {
                Files.move(tmp, dir.resolve(FILE_NAME), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, dir.resolve(FILE_NAME), StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static ObjectMapper mapper() {
        return new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    private static <T> List<T> nonNull(List<T> l) {
        return l == null ? List.of() : l;
    }
}
