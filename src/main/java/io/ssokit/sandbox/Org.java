package io.ssokit.sandbox;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The organisation the sandbox pretends to be: Identity Center instances, accounts with their
 * permission sets (the roles users get through the portal), users and what they may access, and
 * the IAM roles that {@code sts:AssumeRole} may assume. Immutable; every record validates itself
 * so that a bad org file fails at load time with the field at fault.
 *
 * <p>Org file schema (JSON or YAML; every field but {@code accounts} is optional):
 *
 * <pre>
 * instances:                         # default: one, https://sandbox.awsapps.com/start in us-east-1
 *   - startUrl: https://sandbox.awsapps.com/start
 *     region: us-east-1
 * accounts:                          # at least one
 *   - id: "111111111111"             # 12 digits; quote it in YAML
 *     name: Development
 *     email: dev@example.com         # default: aws+ID@example.com
 *     roles: [Developer, ReadOnly]   # permission sets; listed by ListAccountRoles
 *     iamRoles:                      # absent: AssumeRole accepts any role name in this account
 *       - name: Deployer             # present: only these roles exist
 *         maxSessionDuration: 3600   # 3600..43200, default 3600
 *         externalId: s3cret         # AssumeRole must pass this ExternalId
 *         requireMfa: true           # AssumeRole must pass SerialNumber + TokenCode of an mfaDevice
 *         trustedPrincipals:         # who may assume it: account ids or ARN globs ('*' matches any run)
 *           - "arn:aws:sts::111111111111:assumed-role/AWSReservedSSO_Developer_*&#47;*"
 * users:                             # default: one user, sandbox-user, with access to everything
 *   - name: alice                    # becomes the session name in role ARNs
 *     email: alice@example.com
 *     access:                        # absent: every role in every account
 *       "111111111111": [Developer]
 *       "222222222222": ["*"]        # every role of that account
 * mfaDevices:
 *   - serialNumber: arn:aws:iam::111111111111:mfa/alice
 *     secret: JBSWY3DPEHPK3PXP       # base32 TOTP seed, as authenticator apps take it
 * </pre>
 */
public record Org(List<Instance> instances, List<Account> accounts, List<User> users, List<MfaDevice> mfaDevices) {

    public static final String DEFAULT_START_URL = "https://sandbox.awsapps.com/start";
    public static final String DEFAULT_REGION = "us-east-1";
    public static final String DEFAULT_USER = "sandbox-user";

    static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");
    /** IAM role names and STS session names share this alphabet. */
    static final Pattern IAM_NAME = Pattern.compile("[\\w+=,.@-]+");
    static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d+");
    static final Pattern EXTERNAL_ID = Pattern.compile("[\\w+=,.@:/-]{2,1224}");
    static final Pattern SERIAL = Pattern.compile("[\\w+=/:,.@-]{9,256}");

    public Org {
        instances = instances == null || instances.isEmpty()
                ? List.of(new Instance(DEFAULT_START_URL, DEFAULT_REGION)) : List.copyOf(instances);
        if (accounts == null || accounts.isEmpty()) {
            throw new IllegalArgumentException("an org needs at least one account");
        }
        accounts = List.copyOf(accounts);
        users = users == null || users.isEmpty() ? List.of(new User(DEFAULT_USER, null, null)) : List.copyOf(users);
        mfaDevices = mfaDevices == null ? List.of() : List.copyOf(mfaDevices);

        Set<String> ids = new HashSet<>();
        Map<String, Account> byId = new LinkedHashMap<>();
        for (Account a : accounts) {
            if (!ids.add(a.id())) {
                throw new IllegalArgumentException("account " + a.id() + " is listed twice");
            }
            byId.put(a.id(), a);
        }
        Set<String> urls = new HashSet<>();
        for (Instance i : instances) {
            if (!urls.add(normalizeStartUrl(i.startUrl()))) {
                throw new IllegalArgumentException("start URL " + i.startUrl() + " is listed twice");
            }
        }
        Set<String> names = new HashSet<>();
        for (User u : users) {
            if (!names.add(u.name())) {
                throw new IllegalArgumentException("user " + u.name() + " is listed twice");
            }
            if (u.access() == null) {
                continue;
            }
            for (Map.Entry<String, List<String>> e : u.access().entrySet()) {
                Account a = byId.get(e.getKey());
                if (a == null) {
                    throw new IllegalArgumentException("user " + u.name() + " has access to account " + e.getKey()
                            + ", which is not among the accounts");
                }
                for (String role : e.getValue()) {
                    if (!role.equals("*") && !a.roles().contains(role)) {
                        throw new IllegalArgumentException("user " + u.name() + " has access to role " + role + " in account "
                                + a.id() + ", which has no such role (it has " + String.join(", ", a.roles()) + ")");
                    }
                }
            }
        }
        Set<String> serials = new HashSet<>();
        for (MfaDevice d : mfaDevices) {
            if (!serials.add(d.serialNumber())) {
                throw new IllegalArgumentException("MFA device " + d.serialNumber() + " is listed twice");
            }
        }
        for (Account a : accounts) {
            for (IamRole r : a.iamRoles() == null ? List.<IamRole>of() : a.iamRoles()) {
                if (r.requireMfa() && mfaDevices.isEmpty()) {
                    throw new IllegalArgumentException("IAM role " + r.name() + " in account " + a.id()
                            + " requires MFA but the org has no mfaDevices");
                }
            }
        }
    }

    /** An Identity Center instance: the start URL users sign in at, and its region. */
    public record Instance(String startUrl, String region) {
        public Instance {
            require(startUrl != null, "an instance needs a startUrl");
            URI u;
            try {
                u = URI.create(startUrl);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("startUrl '" + startUrl + "' is not a URL");
            }
            require(u.getHost() != null && ("https".equals(u.getScheme()) || "http".equals(u.getScheme())),
                    "startUrl '" + startUrl + "' must be an http(s) URL with a host");
            region = region == null ? DEFAULT_REGION : region;
            require(REGION.matcher(region).matches(), "region '" + region + "' does not look like an AWS region (e.g. us-east-1)");
        }
    }

    /** An AWS account with its permission sets and, optionally, the IAM roles AssumeRole may assume. */
    public record Account(String id, String name, String email, List<String> roles, List<IamRole> iamRoles) {
        public Account {
            require(id != null, "an account needs an id");
            require(ACCOUNT_ID.matcher(id).matches(), "account id '" + id + "' must be exactly 12 digits (quote it in YAML)");
            require(name != null && !name.isBlank(), "account " + id + " needs a name");
            email = email == null ? "aws+" + id + "@example.com" : email;
            require(roles != null && !roles.isEmpty(), "account " + id + " needs at least one role");
            roles = List.copyOf(roles);
            Set<String> seen = new HashSet<>();
            for (String r : roles) {
                require(r != null && r.length() <= 32 && IAM_NAME.matcher(r).matches(),
                        "role name '" + r + "' in account " + id + " must be 1-32 of A-Z a-z 0-9 and +=,.@_-");
                require(seen.add(r), "role " + r + " is listed twice in account " + id);
            }
            if (iamRoles != null) {
                iamRoles = List.copyOf(iamRoles);
                Set<String> iam = new HashSet<>();
                for (IamRole r : iamRoles) {
                    require(iam.add(r.name()), "IAM role " + r.name() + " is listed twice in account " + id);
                }
            }
        }

        /** The IAM role named so, when the account restricts AssumeRole to listed roles. */
        public Optional<IamRole> iamRole(String roleName) {
            return iamRoles == null ? Optional.empty() : iamRoles.stream().filter(r -> r.name().equals(roleName)).findFirst();
        }
    }

    /** An IAM role that {@code sts:AssumeRole} can assume, with its trust conditions. */
    public record IamRole(String name, Integer maxSessionDuration, String externalId, Boolean requireMfa,
            List<String> trustedPrincipals) {
        public IamRole {
            requireMfa = requireMfa != null && requireMfa;
            require(name != null && name.length() <= 64 && IAM_NAME.matcher(name).matches(),
                    "IAM role name '" + name + "' must be 1-64 of A-Z a-z 0-9 and +=,.@_-");
            maxSessionDuration = maxSessionDuration == null ? 3600 : maxSessionDuration;
            require(maxSessionDuration >= 3600 && maxSessionDuration <= 43200,
                    "maxSessionDuration of " + name + " must be between 3600 and 43200 seconds");
            require(externalId == null || EXTERNAL_ID.matcher(externalId).matches(),
                    "externalId of " + name + " must be 2-1224 of A-Z a-z 0-9 and +=,.@:/-");
            trustedPrincipals = trustedPrincipals == null ? null : List.copyOf(trustedPrincipals);
        }
    }

    /** A person who signs in; {@code access} maps account ids to role names ("*" for all), null for everything. */
    public record User(String name, String email, Map<String, List<String>> access) {
        public User {
            require(name != null && name.length() >= 2 && name.length() <= 64 && IAM_NAME.matcher(name).matches(),
                    "user name '" + name + "' must be 2-64 of A-Z a-z 0-9 and +=,.@_- (it becomes an STS session name)");
            email = email == null ? name + "@example.com" : email;
            if (access != null) {
                Map<String, List<String>> copy = new LinkedHashMap<>();
                access.forEach((k, v) -> copy.put(k, v == null ? List.of() : List.copyOf(v)));
                access = java.util.Collections.unmodifiableMap(copy);
            }
        }
    }

    /** A virtual MFA device: its serial number (usually an ARN) and its base-32 TOTP secret. */
    public record MfaDevice(String serialNumber, String secret) {
        public MfaDevice {
            require(serialNumber != null && SERIAL.matcher(serialNumber).matches(),
                    "MFA serialNumber '" + serialNumber + "' must be 9-256 of A-Z a-z 0-9 and +=/:,.@_-");
            require(secret != null, "MFA device " + serialNumber + " needs a secret");
            try {
                Totp.base32Decode(secret);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("secret of MFA device " + serialNumber + " is not base32: " + e.getMessage());
            }
        }
    }

    /** The built-in organisation: three accounts, Developer and ReadOnly everywhere, admin in Development. */
    public static Org defaultOrg() {
        return new Org(null, List.of(
                new Account("111111111111", "Development", null, List.of("AdministratorAccess", "Developer", "ReadOnly"), null),
                new Account("222222222222", "Staging", null, List.of("Developer", "ReadOnly"), null),
                new Account("333333333333", "Production [EU]", null, List.of("Developer", "ReadOnly"), null)),
                null, null);
    }

    private static final List<String> GENERATED_ROLES = List.of("AdministratorAccess", "Developer", "ReadOnly",
            "Billing", "SecurityAudit", "NetworkAdministrator", "DatabaseAdministrator", "DataScientist",
            "SupportUser", "ViewOnlyAccess");

    /** {@code accounts} accounts named {@code Account 0001}..., ids zero-padded, each with the same roles. */
    public static Org generated(int accounts, int rolesPerAccount) {
        require(accounts >= 1 && accounts <= 100_000, "--accounts must be between 1 and 100000");
        require(rolesPerAccount >= 1 && rolesPerAccount <= 100, "--roles-per-account must be between 1 and 100");
        List<String> roles = new ArrayList<>();
        for (int i = 0; i < rolesPerAccount; i++) {
            roles.add(i < GENERATED_ROLES.size() ? GENERATED_ROLES.get(i) : String.format(Locale.ROOT, "Role%03d", i + 1));
        }
        int width = Math.max(4, String.valueOf(accounts).length());
        List<Account> list = new ArrayList<>(accounts);
        for (int i = 1; i <= accounts; i++) {
            list.add(new Account(String.format(Locale.ROOT, "%012d", i),
                    String.format(Locale.ROOT, "Account %0" + width + "d", i), null, roles, null));
        }
        return new Org(null, list, null, null);
    }

    public Optional<Account> account(String id) {
        return accounts.stream().filter(a -> a.id().equals(id)).findFirst();
    }

    public Optional<User> user(String name) {
        return users.stream().filter(u -> u.name().equals(name)).findFirst();
    }

    /** The user an automatic or unspecified approval signs in as: the first one listed. */
    public User defaultUser() {
        return users.get(0);
    }

    /** The instance whose start URL matches, ignoring a trailing slash or {@code #/}. */
    public Optional<Instance> instance(String startUrl) {
        if (startUrl == null) {
            return Optional.empty();
        }
        String want = normalizeStartUrl(startUrl);
        return instances.stream().filter(i -> normalizeStartUrl(i.startUrl()).equals(want)).findFirst();
    }

    public Optional<MfaDevice> mfaDevice(String serialNumber) {
        return mfaDevices.stream().filter(d -> d.serialNumber().equals(serialNumber)).findFirst();
    }

    /** The roles of the account that the user may use, in the account's order. */
    public List<String> rolesFor(User user, Account account) {
        if (user.access() == null) {
            return account.roles();
        }
        List<String> granted = user.access().get(account.id());
        if (granted == null) {
            return List.of();
        }
        if (granted.contains("*")) {
            return account.roles();
        }
        return account.roles().stream().filter(granted::contains).toList();
    }

    /** The accounts where the user has at least one role, in org order. */
    public List<Account> accountsFor(User user) {
        return accounts.stream().filter(a -> !rolesFor(user, a).isEmpty()).toList();
    }

    static String normalizeStartUrl(String url) {
        String u = url.trim();
        if (u.endsWith("#/")) {
            u = u.substring(0, u.length() - 2);
        } else if (u.endsWith("#")) {
            u = u.substring(0, u.length() - 1);
        }
        while (u.endsWith("/")) {
            u = u.substring(0, u.length() - 1);
        }
        return u.toLowerCase(Locale.ROOT);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
