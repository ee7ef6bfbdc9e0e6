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
 * {@code externalId} or MFA ({@code SerialNumber} + {@code TokenCode}, RFC 6238). Every sandbox
 * caller is itself a role session, so, as in AWS, AssumeRole is role chaining and its
 * {@code DurationSeconds} is capped at one hour.
 */
final class StsService {
    static final String VERSION = "2011-06-15";
    private static final Pattern ROLE_ARN = Pattern.compile("arn:aws:iam::(\\d{12}):role/((?:[\\x21-\\x7e]*/)?)([\\w+=,.@-]{1,64})");
    private static final Pattern SESSION_NAME = Pattern.compile("[\\w+=,.@-]{2,64}");
    private static final int CHAINED_MAX_SECONDS = 3600;

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
            default -> throw new ApiError(400, "InvalidAction", "Could not find operation " + action + " for version " + VERSION);
        };
    }

    private IssuedCredentials authenticate(ApiRequest req) {
        return Callers.query(req, state, options.clock().instant(), "sts");
    }

    private ApiResponse getCallerIdentity(IssuedCredentials caller, String requestId) {
        return ApiResponse.xml(200, "<GetCallerIdentityResponse xmlns=\"" + Protocol.STS_NAMESPACE + "\">\n"
                + "  <GetCallerIdentityResult>\n"
                + "    <Arn>" + Xml.escape(caller.assumedRoleArn()) + "</Arn>\n"
                + "    <UserId>" + Xml.escape(caller.assumedRoleId()) + "</UserId>\n"
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
        int duration = 3600;
        if (p.get("DurationSeconds") != null) {
            try {
                duration = Integer.parseInt(p.get("DurationSeconds"));
            } catch (NumberFormatException e) {
                throw validation("Value '" + p.get("DurationSeconds") + "' at 'durationSeconds' failed to satisfy constraint:"
                        + " Member must be a number");
            }
            if (duration < 900) {
                throw validation("Value '" + duration + "' at 'durationSeconds' failed to satisfy constraint: Member must"
                        + " have value greater than or equal to 900");
            }
            if (duration > 43200) {
                throw validation("Value '" + duration + "' at 'durationSeconds' failed to satisfy constraint: Member must"
                        + " have value less than or equal to 43200");
            }
        }
        String externalId = p.get("ExternalId");
        if (externalId != null && !Org.EXTERNAL_ID.matcher(externalId).matches()) {
            throw validation("Value '" + externalId + "' at 'externalId' failed to satisfy constraint: Member must satisfy"
                    + " regular expression pattern: [\\w+=,.@:/-]* and have length between 2 and 1224");
        }
        String tokenCode = p.get("TokenCode");
        if (tokenCode != null && !tokenCode.matches("\\d{6}")) {
            throw validation("Value '" + tokenCode + "' at 'tokenCode' failed to satisfy constraint: Member must satisfy"
                    + " regular expression pattern: [\\d]* and have length 6");
        }
        Matcher m = ROLE_ARN.matcher(roleArn);
        if (!m.matches()) {
            throw validation("Value '" + roleArn + "' at 'roleArn' failed to satisfy constraint: Member must be an IAM role ARN"
                    + " (arn:aws:iam::ACCOUNT:role/NAME)");
        }
        String accountId = m.group(1);
        String roleName = m.group(3);
        ApiError denied = new ApiError(403, "AccessDenied", "User: " + caller.assumedRoleArn()
                + " is not authorized to perform: sts:AssumeRole on resource: " + roleArn);

        Optional<Org.Account> account = org.account(accountId);
        if (account.isEmpty()) {
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
                Org.MfaDevice device = org.mfaDevice(serial).orElseThrow(() -> new ApiError(403, "AccessDenied",
                        "MultiFactorAuthentication failed, unable to validate MFA code. Please verify your MFA serial"
                                + " number is valid and associated with this user."));
                if (!Totp.verify(device.secret(), tokenCode, options.clock().instant())) {
                    throw new ApiError(403, "AccessDenied", "MultiFactorAuthentication failed with invalid MFA one time pass code. ");
                }
            }
        }
        if (duration > maxDuration) {
            throw validation("The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");
        }
        if (duration > CHAINED_MAX_SECONDS) {
            throw validation("The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.");
        }
        // session tags are not modelled; source identity, once set, carries along the chain as in AWS
        String sourceIdentity = caller.sourceIdentity() != null ? caller.sourceIdentity() : p.get("SourceIdentity");
        IssuedCredentials issued = new IssuedCredentials(Ids.temporaryAccessKeyId(), Ids.secretAccessKey(), Ids.sessionToken(),
                options.clock().millis() + duration * 1000L, Kind.ASSUMED_ROLE, accountId, roleName, sessionName, sourceIdentity);
        synchronized (state) {
            state.credentials.put(issued.accessKeyId(), issued);
        }
        String expiration = DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochMilli(issued.expiresAt()).truncatedTo(ChronoUnit.SECONDS));
        return ApiResponse.xml(200, "<AssumeRoleResponse xmlns=\"" + Protocol.STS_NAMESPACE + "\">\n"
                + "  <AssumeRoleResult>\n"
                + (sourceIdentity == null ? "" : "    <SourceIdentity>" + Xml.escape(sourceIdentity) + "</SourceIdentity>\n")
                + "    <AssumedRoleUser>\n"
                + "      <AssumedRoleId>" + Xml.escape(issued.assumedRoleId()) + "</AssumedRoleId>\n"
                + "      <Arn>" + Xml.escape(issued.assumedRoleArn()) + "</Arn>\n"
                + "    </AssumedRoleUser>\n"
                + "    <Credentials>\n"
                + "      <AccessKeyId>" + issued.accessKeyId() + "</AccessKeyId>\n"
                + "      <SecretAccessKey>" + Xml.escape(issued.secretAccessKey()) + "</SecretAccessKey>\n"
                + "      <SessionToken>" + Xml.escape(issued.sessionToken()) + "</SessionToken>\n"
                + "      <Expiration>" + expiration + "</Expiration>\n"
                + "    </Credentials>\n"
                + "  </AssumeRoleResult>\n"
                + metadata(requestId)
                + "</AssumeRoleResponse>\n");
    }

    /** A trusted principal is an account id (any principal of it) or an ARN glob where '*' matches any run. */
    static boolean trusts(String principal, IssuedCredentials caller) {
        if (principal.equals(caller.accountId()) || principal.equals("arn:aws:iam::" + caller.accountId() + ":root")) {
            return true;
        }
        String glob = principal.contains("*") ? globRegex(principal) : Pattern.quote(principal);
        return caller.assumedRoleArn().matches(glob) || caller.roleArn().matches(glob);
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
