package io.ssokit.sandbox;

import io.ssokit.sandbox.SandboxState.IssuedCredentials;
import io.ssokit.sandbox.SandboxState.Kind;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * STS (query protocol, XML in the {@code https://sts.amazonaws.com/doc/2011-06-15/} namespace):
 * GetCallerIdentity and AssumeRole, each verifying the request's SigV4 signature against the
 * credentials the sandbox issued ({@link SigV4Verifier}).
 *
 * <p>AssumeRole accepts {@code arn:aws:iam::<account of the org>:role/[path/]<name>} from any
 * caller with valid sandbox credentials, unless the account lists {@code iamRoles}: then only
 * those exist, and each may restrict who assumes it ({@code trustedPrincipals}), require an
 * {@code externalId} or MFA ({@code SerialNumber} + {@code TokenCode}, RFC 6238). A caller that
 * is itself a role session is role chaining, so, as in AWS, its {@code DurationSeconds} is capped
 * at one hour; an IAM user (long-term keys, or their GetSessionToken session) gets up to the
 * role's maximum.
 *
 * <p>GetSessionToken exchanges an org IAM user's long-term keys for session credentials
 * (900..129600 seconds, 43200 by default); session credentials of any kind are refused, as AWS
 * refuses them. {@code SerialNumber} + {@code TokenCode}, when given, must be the user's device
 * and its current code; a user with {@code requireMfa} must give them.
 *
 * <p>GetFederationToken, too, takes only an org IAM user's long-term keys: {@code Name} (2..32 of
 * {@code [\w+=,.@-]}) becomes the federated user {@code arn:aws:sts::<account>:federated-user/<Name>},
 * whose credentials last 900..129600 seconds (43200 by default) and may call no STS operation but
 * GetCallerIdentity. An inline {@code Policy} must be JSON of at most 2048 characters;
 * {@code PackedPolicySize} is its plaintext size in percent of that limit (AWS's packed format is
 * not modelled, nor are {@code PolicyArns} and session tags, which are accepted and ignored).
 */
final class StsService {
    static final String VERSION = "2011-06-15";
    private static final Pattern ROLE_ARN = Pattern.compile("arn:aws:iam::(\\d{12}):role/((?:[\\x21-\\x7e]*/)?)([\\w+=,.@-]{1,64})");
    private static final Pattern SESSION_NAME = Pattern.compile("[\\w+=,.@-]{2,64}");
    private static final int CHAINED_MAX_SECONDS = 3600;
    private static final int SESSION_TOKEN_MIN_SECONDS = 900;
    private static final int SESSION_TOKEN_MAX_SECONDS = 129_600;
    private static final int SESSION_TOKEN_DEFAULT_SECONDS = 43_200;
    private static final Pattern FEDERATED_NAME = Pattern.compile("[\\w+=,.@-]{2,32}");
    private static final int POLICY_MAX_CHARS = 2048;
    private static final String BAD_SERIAL = "MultiFactorAuthentication failed, unable to validate MFA code. Please verify"
            + " your MFA serial number is valid and associated with this user.";
    private static final String BAD_CODE = "MultiFactorAuthentication failed with invalid MFA one time pass code. ";

    private final SandboxState state;
    private final Org org;
    private final SandboxOptions options;

    StsService(SandboxState state, Org org, SandboxOptions options) {
        this.state = state;
        this.org = org;
        this.options = options;
    }

    /** Handles one query-protocol request; {@code params} are the query and form parameters together. */
    ApiResponse handle(String action, ApiRequest req, Map<String, String> params, String requestId) {
        IssuedCredentials caller = authenticate(req);
        return switch (action) {
            case "GetCallerIdentity" -> getCallerIdentity(caller, requestId);
            case "AssumeRole" -> assumeRole(caller, params, requestId);
            case "GetSessionToken" -> getSessionToken(caller, params, requestId);
            case "GetFederationToken" -> getFederationToken(caller, params, requestId);
            default -> throw new ApiError(400, "InvalidAction", "Could not find operation " + action + " for version " + VERSION);
        };
    }

    private IssuedCredentials authenticate(ApiRequest req) {
        return Callers.query(req, state, options.clock().instant(), "sts");
    }

    private ApiResponse getCallerIdentity(IssuedCredentials caller, String requestId) {
        return ApiResponse.xml(200, "<GetCallerIdentityResponse xmlns=\"" + Protocol.STS_NAMESPACE + "\">\n"
                + "  <GetCallerIdentityResult>\n"
                + "    <Arn>" + Xml.escape(caller.callerArn()) + "</Arn>\n"
                + "    <UserId>" + Xml.escape(caller.callerId()) + "</UserId>\n"
                + "    <Account>" + caller.accountId() + "</Account>\n"
                + "  </GetCallerIdentityResult>\n"
                + metadata(requestId)
                + "</GetCallerIdentityResponse>\n");
    }

    private ApiResponse assumeRole(IssuedCredentials caller, Map<String, String> p, String requestId) {
        String roleArn = p.get("RoleArn");
        String sessionName = p.get("RoleSessionName");
        if (roleArn == null) {
            throw validation("Value null at 'roleArn' failed to satisfy constraint: Member must not be null");
        }
        if (sessionName == null) {
            throw validation("Value null at 'roleSessionName' failed to satisfy constraint: Member must not be null");
        }
        if (!SESSION_NAME.matcher(sessionName).matches()) {
            throw validation("Value '" + sessionName + "' at 'roleSessionName' failed to satisfy constraint: Member must"
                    + " satisfy regular expression pattern: [\\w+=,.@-]* and have length between 2 and 64");
        }
        int duration = duration(p, 900, 43200, 3600);
        String externalId = p.get("ExternalId");
        if (externalId != null && !Org.EXTERNAL_ID.matcher(externalId).matches()) {
            throw validation("Value '" + externalId + "' at 'externalId' failed to satisfy constraint: Member must satisfy"
                    + " regular expression pattern: [\\w+=,.@:/-]* and have length between 2 and 1224");
        }
        String tokenCode = tokenCode(p);
        Matcher m = ROLE_ARN.matcher(roleArn);
        if (!m.matches()) {
            throw validation("Value '" + roleArn + "' at 'roleArn' failed to satisfy constraint: Member must be an IAM role ARN"
                    + " (arn:aws:iam::ACCOUNT:role/NAME)");
        }
        String accountId = m.group(1);
        String roleName = m.group(3);
        ApiError denied = new ApiError(403, "AccessDenied", "User: " + caller.callerArn()
                + " is not authorized to perform: sts:AssumeRole on resource: " + roleArn);

        Optional<Org.Account> account = org.account(accountId);
        if (account.isEmpty() || caller.kind() == Kind.FEDERATED_USER) {
            // a federated user may call no STS operation but GetCallerIdentity
            throw denied;
        }
        Org.IamRole role = null;
        if (account.get().iamRoles() != null) {
            role = account.get().iamRole(roleName).orElseThrow(() -> denied);
        }
        int maxDuration = role == null ? 3600 : role.maxSessionDuration();
        if (role != null) {
            if (role.trustedPrincipals() != null && role.trustedPrincipals().stream().noneMatch(t -> trusts(t, caller))) {
                throw denied;
            }
            if (role.externalId() != null && !role.externalId().equals(externalId)) {
                throw denied;
            }
            if (role.requireMfa()) {
                String serial = p.get("SerialNumber");
                if (serial == null || tokenCode == null) {
                    throw denied;
                }
                checkMfa(serial, tokenCode);
            }
        }
        if (duration > maxDuration) {
            throw validation("The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");
        }
        if (!caller.isUser() && duration > CHAINED_MAX_SECONDS) {
            throw validation("The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.");
        }
        // session tags are not modelled; source identity, once set, carries along the chain as in AWS
        String sourceIdentity = caller.sourceIdentity() != null ? caller.sourceIdentity() : p.get("SourceIdentity");
        IssuedCredentials issued = new IssuedCredentials(Ids.temporaryAccessKeyId(), Ids.secretAccessKey(), Ids.sessionToken(),
                options.clock().millis() + duration * 1000L, Kind.ASSUMED_ROLE, accountId, roleName, sessionName, sourceIdentity);
        synchronized (state) {
            state.credentials.put(issued.accessKeyId(), issued);
        }
        return ApiResponse.xml(200, "<AssumeRoleResponse xmlns=\"" + Protocol.STS_NAMESPACE + "\">\n"
                + "  <AssumeRoleResult>\n"
                + (sourceIdentity == null ? "" : "    <SourceIdentity>" + Xml.escape(sourceIdentity) + "</SourceIdentity>\n")
                + "    <AssumedRoleUser>\n"
                + "      <AssumedRoleId>" + Xml.escape(issued.assumedRoleId()) + "</AssumedRoleId>\n"
                + "      <Arn>" + Xml.escape(issued.assumedRoleArn()) + "</Arn>\n"
                + "    </AssumedRoleUser>\n"
                + credentialsXml(issued)
                + "  </AssumeRoleResult>\n"
                + metadata(requestId)
                + "</AssumeRoleResponse>\n");
    }

    private ApiResponse getSessionToken(IssuedCredentials caller, Map<String, String> p, String requestId) {
        if (caller.kind() != Kind.IAM_USER) {
            throw new ApiError(403, "AccessDenied", "Cannot call GetSessionToken with session credentials");
        }
        int duration = duration(p, SESSION_TOKEN_MIN_SECONDS, SESSION_TOKEN_MAX_SECONDS, SESSION_TOKEN_DEFAULT_SECONDS);
        String serial = p.get("SerialNumber");
        if (serial != null && !Org.SERIAL.matcher(serial).matches()) {
            throw validation("Value '" + serial + "' at 'serialNumber' failed to satisfy constraint: Member must satisfy"
                    + " regular expression pattern: [\\w+=/:,.@-]* and have length between 9 and 256");
        }
        String tokenCode = tokenCode(p);
        Org.IamUser user = org.iamUserByKey(caller.accessKeyId()).orElseThrow(() -> new ApiError(403, "InvalidClientTokenId",
                "The security token included in the request is invalid."));
        if (serial != null || tokenCode != null) {
            if (serial == null || !serial.equals(user.mfaSerial())) {
                throw new ApiError(403, "AccessDenied", BAD_SERIAL);
            }
            checkMfa(serial, tokenCode);
        } else if (user.requireMfa()) {
            throw new ApiError(403, "AccessDenied", "User: " + user.arn() + " is not authorized to perform:"
                    + " sts:GetSessionToken without MFA (the sandbox org requires it of this user: pass SerialNumber"
                    + " and TokenCode)");
        }
        IssuedCredentials issued = new IssuedCredentials(Ids.temporaryAccessKeyId(), Ids.secretAccessKey(), Ids.sessionToken(),
                options.clock().millis() + duration * 1000L, Kind.USER_SESSION, user.account(), user.name(), null, null);
        synchronized (state) {
            state.credentials.put(issued.accessKeyId(), issued);
        }
        return ApiResponse.xml(200, "<GetSessionTokenResponse xmlns=\"" + Protocol.STS_NAMESPACE + "\">\n"
                + "  <GetSessionTokenResult>\n"
                + credentialsXml(issued)
                + "  </GetSessionTokenResult>\n"
                + metadata(requestId)
                + "</GetSessionTokenResponse>\n");
    }

    private ApiResponse getFederationToken(IssuedCredentials caller, Map<String, String> p, String requestId) {
        if (caller.kind() != Kind.IAM_USER) {
            throw new ApiError(403, "AccessDenied", "Cannot call GetFederationToken with session credentials");
        }
        String name = p.get("Name");
        if (name == null) {
            throw validation("Value null at 'name' failed to satisfy constraint: Member must not be null");
        }
        if (!FEDERATED_NAME.matcher(name).matches()) {
            throw validation("Value '" + name + "' at 'name' failed to satisfy constraint: Member must satisfy regular"
                    + " expression pattern: [\\w+=,.@-]* and have length between 2 and 32");
        }
        int duration = duration(p, SESSION_TOKEN_MIN_SECONDS, SESSION_TOKEN_MAX_SECONDS, SESSION_TOKEN_DEFAULT_SECONDS);
        String policy = p.get("Policy");
        if (policy != null) {
            if (policy.isEmpty() || policy.length() > POLICY_MAX_CHARS) {
                throw validation("Value at 'policy' failed to satisfy constraint: Member must have length between 1 and "
                        + POLICY_MAX_CHARS);
            }
            try {
                ApiRequest.JSON.readTree(policy);
            } catch (java.io.IOException e) {
                throw new ApiError(400, "MalformedPolicyDocument", "The policy is not in the valid JSON format.");
            }
        }
        Org.IamUser user = org.iamUserByKey(caller.accessKeyId()).orElseThrow(() -> new ApiError(403, "InvalidClientTokenId",
                "The security token included in the request is invalid."));
        IssuedCredentials issued = new IssuedCredentials(Ids.temporaryAccessKeyId(), Ids.secretAccessKey(), Ids.sessionToken(),
                options.clock().millis() + duration * 1000L, Kind.FEDERATED_USER, user.account(), user.name(), name, null);
        synchronized (state) {
            state.credentials.put(issued.accessKeyId(), issued);
        }
        int packed = policy == null ? 0 : (policy.length() * 100 + POLICY_MAX_CHARS - 1) / POLICY_MAX_CHARS;
        return ApiResponse.xml(200, "<GetFederationTokenResponse xmlns=\"" + Protocol.STS_NAMESPACE + "\">\n"
                + "  <GetFederationTokenResult>\n"
                + credentialsXml(issued)
                + "    <FederatedUser>\n"
                + "      <FederatedUserId>" + Xml.escape(issued.callerId()) + "</FederatedUserId>\n"
                + "      <Arn>" + Xml.escape(issued.callerArn()) + "</Arn>\n"
                + "    </FederatedUser>\n"
                + "    <PackedPolicySize>" + packed + "</PackedPolicySize>\n"
                + "  </GetFederationTokenResult>\n"
                + metadata(requestId)
                + "</GetFederationTokenResponse>\n");
    }

    /** The serial must be an org device and the code its current one (a missing code is a wrong one). */
    private void checkMfa(String serial, String tokenCode) {
        Org.MfaDevice device = org.mfaDevice(serial).orElseThrow(() -> new ApiError(403, "AccessDenied", BAD_SERIAL));
        if (tokenCode == null || !Totp.verify(device.secret(), tokenCode, options.clock().instant())) {
            throw new ApiError(403, "AccessDenied", BAD_CODE);
        }
    }

    private static String tokenCode(Map<String, String> p) {
        String tokenCode = p.get("TokenCode");
        if (tokenCode != null && !tokenCode.matches("\\d{6}")) {
            throw validation("Value '" + tokenCode + "' at 'tokenCode' failed to satisfy constraint: Member must satisfy"
                    + " regular expression pattern: [\\d]* and have length 6");
        }
        return tokenCode;
    }

    private static int duration(Map<String, String> p, int min, int max, int absent) {
        String given = p.get("DurationSeconds");
        if (given == null) {
            return absent;
        }
        int duration;
        try {
            duration = Integer.parseInt(given);
        } catch (NumberFormatException e) {
            throw validation("Value '" + given + "' at 'durationSeconds' failed to satisfy constraint: Member must be a number");
        }
        if (duration < min) {
            throw validation("Value '" + duration + "' at 'durationSeconds' failed to satisfy constraint: Member must"
                    + " have value greater than or equal to " + min);
        }
        if (duration > max) {
            throw validation("Value '" + duration + "' at 'durationSeconds' failed to satisfy constraint: Member must"
                    + " have value less than or equal to " + max);
        }
        return duration;
    }

    private static String credentialsXml(IssuedCredentials issued) {
        String expiration = DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochMilli(issued.expiresAt()).truncatedTo(ChronoUnit.SECONDS));
        return "    <Credentials>\n"
                + "      <AccessKeyId>" + issued.accessKeyId() + "</AccessKeyId>\n"
                + "      <SecretAccessKey>" + Xml.escape(issued.secretAccessKey()) + "</SecretAccessKey>\n"
                + "      <SessionToken>" + Xml.escape(issued.sessionToken()) + "</SessionToken>\n"
                + "      <Expiration>" + expiration + "</Expiration>\n"
                + "    </Credentials>\n";
    }

    /** A trusted principal is an account id (any principal of it) or an ARN glob where '*' matches any run. */
    static boolean trusts(String principal, IssuedCredentials caller) {
        if (principal.equals(caller.accountId()) || principal.equals("arn:aws:iam::" + caller.accountId() + ":root")) {
            return true;
        }
        String glob = principal.contains("*") ? globRegex(principal) : Pattern.quote(principal);
        return caller.callerArn().matches(glob) || caller.roleArn().matches(glob);
    }

    private static String globRegex(String glob) {
        StringBuilder sb = new StringBuilder();
        String[] parts = glob.split("\\*", -1);
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                sb.append(".*");
            }
            sb.append(Pattern.quote(parts[i]));
        }
        return sb.toString();
    }

    private static String metadata(String requestId) {
        return "  <ResponseMetadata>\n    <RequestId>" + requestId + "</RequestId>\n  </ResponseMetadata>\n";
    }

    private static ApiError validation(String message) {
        return new ApiError(400, "ValidationError", message.startsWith("Value ") ? "1 validation error detected: " + message : message);
    }
}
