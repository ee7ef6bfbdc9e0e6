package io.ssokit.sandbox;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
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
 *     instanceArn: ssoins-0123456789abcdef   # ARN or bare id; default: derived from the start URL
 *     identityStoreId: d-0123456789          # default: derived from the start URL
 * accounts:                          # at least one
 *   - id: "111111111111"             # 12 digits; quote it in YAML
 *     name: Development
 *     email: dev@example.com         # default: aws+ID@example.com
 *     roles: [Developer, ReadOnly]   # permission sets provisioned here; listed by ListAccountRoles
 *     status: ACTIVE                 # ACTIVE (default), SUSPENDED or PENDING_CLOSURE
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
 *     id: 6b8c1a2e-...               # identity store UserId; default: a UUID derived from the name
 *     access:                        # absent: every role in every account ({} for none of its own)
 *       "111111111111": [Developer]
 *       "222222222222": ["*"]        # every role of that account
 * groups:                            # identity store groups; members get the group's access too
 *   - name: Developers               # DisplayName
 *     id: 0f3e...                    # GroupId; default: a UUID derived from the name
 *     members: [alice]
 *     access:
 *       "222222222222": [Developer]
 * permissionSets:                    # optional details of permission sets (every role name is one)
 *   - name: Developer
 *     description: Build things
 *     sessionDuration: PT8H          # ISO 8601, PT1H (default) to PT12H
 * managementAccount: "111111111111"  # default: the first account
 * rootId: r-ab12                     # default: derived from the management account
 * organizationalUnits:               # accounts not placed in an OU are under the root
 *   - name: Workloads
 *     id: ou-ab12-abcdef12           # default: derived from the root and the OU's path
 *     accounts: ["222222222222"]
 *     children:
 *       - name: Production
 *         accounts: ["333333333333"]
 * mfaDevices:
 *   - serialNumber: arn:aws:iam::111111111111:mfa/alice
 *     secret: JBSWY3DPEHPK3PXP       # base32 TOTP seed, as authenticator apps take it
 * iamUsers:                          # IAM users with long-term access keys (AKIA...), for sts calls
 *   - name: ci-bot                   # arn:aws:iam::ACCOUNT:user/ci-bot
 *     account: "111111111111"
 *     accessKeyId: AKIA...           # default: derived from account and name (stable across restarts)
 *     secretAccessKey: ...           # default: derived likewise (anyone with the org file can derive it)
 *     mfaSerial: arn:aws:iam::111111111111:mfa/ci-bot   # the user's device, one of mfaDevices
 *     requireMfa: true               # GetSessionToken must pass SerialNumber + TokenCode of mfaSerial
 * </pre>
 *
 * <p>Account assignments (what sso-admin's ListAccountAssignments answers) follow from the
 * users' and groups' {@code access}: a user with no {@code access} is assigned every role of
 * every account directly.
 */
public record Org(List<Instance> instances, List<Account> accounts, List<User> users, List<MfaDevice> mfaDevices,
        List<Group> groups, List<PermissionSet> permissionSets, String managementAccount, String rootId,
        List<OrganizationalUnit> organizationalUnits, List<IamUser> iamUsers) {

    public static final String DEFAULT_START_URL = "https://sandbox.awsapps.com/start";
    public static final String DEFAULT_REGION = "us-east-1";
    public static final String DEFAULT_USER = "sandbox-user";
    /** The default org's IAM user, with derived long-term keys. */
    public static final String DEFAULT_IAM_USER = "sandbox-iam-user";
    /** Its keys: the AWS documentation's example pair, so that anyone can try them against the sandbox. */
    public static final String DEFAULT_IAM_USER_KEY_ID = "AKIAIOSFODNN7EXAMPLE";
    public static final String DEFAULT_IAM_USER_SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

    static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");
    /** IAM role names and STS session names share this alphabet. */
    static final Pattern IAM_NAME = Pattern.compile("[\\w+=,.@-]+");
    static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d+");
    static final Pattern EXTERNAL_ID = Pattern.compile("[\\w+=,.@:/-]{2,1224}");
    static final Pattern SERIAL = Pattern.compile("[\\w+=/:,.@-]{9,256}");
    static final String INSTANCE_ARN_PREFIX = "arn:aws:sso:::instance/";
    static final Pattern INSTANCE_ARN = Pattern.compile("arn:aws:sso:::instance/((?:sso)?ins-[a-zA-Z0-9-.]{16})");
    static final Pattern IDENTITY_STORE_ID = Pattern.compile("d-[0-9a-f]{10}");
    static final Pattern PRINCIPAL_ID = Pattern.compile("([0-9a-f]{10}-|)[A-Fa-f0-9]{8}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{12}");
    static final Pattern ROOT_ID = Pattern.compile("r-[0-9a-z]{4,32}");
    static final Pattern OU_ID = Pattern.compile("ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}");
    static final java.util.Set<String> ACCOUNT_STATUSES = java.util.Set.of("ACTIVE", "SUSPENDED", "PENDING_CLOSURE");

    /** The organisation before groups, permission-set details and OUs: every old caller's shape. */
    public Org(List<Instance> instances, List<Account> accounts, List<User> users, List<MfaDevice> mfaDevices) {
        this(instances, accounts, users, mfaDevices, null, null, null, null, null, null);
    }

    /** The organisation before IAM users. */
    public Org(List<Instance> instances, List<Account> accounts, List<User> users, List<MfaDevice> mfaDevices,
            List<Group> groups, List<PermissionSet> permissionSets, String managementAccount, String rootId,
            List<OrganizationalUnit> organizationalUnits) {
        this(instances, accounts, users, mfaDevices, groups, permissionSets, managementAccount, rootId,
                organizationalUnits, null);
    }

    @com.fasterxml.jackson.annotation.JsonCreator
    public Org {
        instances = instances == null || instances.isEmpty()
                ? List.of(new Instance(DEFAULT_START_URL, DEFAULT_REGION)) : List.copyOf(instances);
        if (accounts == null || accounts.isEmpty()) {
            throw new IllegalArgumentException("an org needs at least one account");
        }
        accounts = List.copyOf(accounts);
        users = users == null || users.isEmpty() ? List.of(new User(DEFAULT_USER, null, null)) : List.copyOf(users);
        mfaDevices = mfaDevices == null ? List.of() : List.copyOf(mfaDevices);
        groups = groups == null ? List.of() : List.copyOf(groups);
        permissionSets = permissionSets == null ? List.of() : List.copyOf(permissionSets);
        organizationalUnits = organizationalUnits == null ? List.of() : List.copyOf(organizationalUnits);
        iamUsers = iamUsers == null ? List.of() : List.copyOf(iamUsers);

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
        Set<String> instanceArns = new HashSet<>();
        for (Instance i : instances) {
            require(instanceArns.add(i.instanceArn()), "instance " + i.instanceArn() + " is listed twice");
        }
        Set<String> names = new HashSet<>();
        Set<String> principalIds = new HashSet<>();
        for (User u : users) {
            if (!names.add(u.name())) {
                throw new IllegalArgumentException("user " + u.name() + " is listed twice");
            }
            require(principalIds.add(u.id()), "user id " + u.id() + " is used twice");
            checkAccess("user " + u.name(), u.access(), byId);
        }
        Set<String> groupNames = new HashSet<>();
        for (Group g : groups) {
            require(groupNames.add(g.name()), "group " + g.name() + " is listed twice");
            require(principalIds.add(g.id()), "group id " + g.id() + " is used twice");
            for (String m : g.members()) {
                require(names.contains(m), "group " + g.name() + " has member " + m + ", which is not among the users");
            }
            checkAccess("group " + g.name(), g.access(), byId);
        }
        Set<String> psNames = new HashSet<>();
        for (PermissionSet p : permissionSets) {
            require(psNames.add(p.name()), "permission set " + p.name() + " is listed twice");
        }
        managementAccount = managementAccount == null ? accounts.get(0).id() : managementAccount;
        require(byId.containsKey(managementAccount), "managementAccount " + managementAccount + " is not among the accounts");
        rootId = rootId == null ? "r-" + Ids.hex16("root/" + managementAccount).substring(0, 4) : rootId;
        require(ROOT_ID.matcher(rootId).matches(), "rootId '" + rootId + "' must look like r-ab12 (r- and 4-32 of 0-9 a-z)");
        organizationalUnits = withIds(organizationalUnits, rootId.substring(2), "");
        Map<String, String> placed = new HashMap<>();
        Set<String> ouIds = new HashSet<>();
        checkUnits(organizationalUnits, byId, placed, ouIds);
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
        Set<String> userArns = new HashSet<>();
        Set<String> keyIds = new HashSet<>();
        for (IamUser u : iamUsers) {
            require(byId.containsKey(u.account()), "IAM user " + u.name() + " is in account " + u.account()
                    + ", which is not among the accounts");
            require(userArns.add(u.arn()), "IAM user " + u.name() + " is listed twice in account " + u.account());
            require(keyIds.add(u.accessKeyId()), "access key id " + u.accessKeyId() + " of IAM user " + u.name()
                    + " is used twice");
            require(u.mfaSerial() == null || serials.contains(u.mfaSerial()), "mfaSerial " + u.mfaSerial() + " of IAM user "
                    + u.name() + " is not among the mfaDevices");
        }
    }

    private static void checkAccess(String who, Map<String, List<String>> access, Map<String, Account> byId) {
        if (access == null) {
            return;
        }
        for (Map.Entry<String, List<String>> e : access.entrySet()) {
            Account a = byId.get(e.getKey());
            if (a == null) {
                throw new IllegalArgumentException(who + " has access to account " + e.getKey()
                        + ", which is not among the accounts");
            }
            for (String role : e.getValue()) {
                if (!role.equals("*") && !a.roles().contains(role)) {
                    throw new IllegalArgumentException(who + " has access to role " + role + " in account "
                            + a.id() + ", which has no such role (it has " + String.join(", ", a.roles()) + ")");
                }
            }
        }
    }

    /** Gives every OU without an id one derived from the root and its path of names. */
    private static List<OrganizationalUnit> withIds(List<OrganizationalUnit> units, String rootSuffix, String path) {
        List<OrganizationalUnit> out = new ArrayList<>();
        for (OrganizationalUnit u : units) {
            String p = path + "/" + u.name();
            String id = u.id() != null ? u.id() : "ou-" + rootSuffix + "-" + Ids.hex16("ou" + p).substring(0, 8);
            out.add(new OrganizationalUnit(u.name(), id, u.accounts(), withIds(u.children(), rootSuffix, p)));
        }
        return List.copyOf(out);
    }

    private static void checkUnits(List<OrganizationalUnit> units, Map<String, Account> byId, Map<String, String> placed,
            Set<String> ouIds) {
        for (OrganizationalUnit u : units) {
            require(OU_ID.matcher(u.id()).matches(), "OU id '" + u.id() + "' of " + u.name()
                    + " must look like ou-ab12-abcdef12 (ou-, 4-32 of 0-9 a-z, -, 8-32 of a-z 0-9)");
            require(ouIds.add(u.id()), "OU id " + u.id() + " is used twice");
            for (String a : u.accounts()) {
                require(byId.containsKey(a), "OU " + u.name() + " lists account " + a + ", which is not among the accounts");
                String before = placed.put(a, u.name());
                require(before == null, "account " + a + " is placed in two OUs (" + before + " and " + u.name() + ")");
            }
            checkUnits(u.children(), byId, placed, ouIds);
        }
    }

    /** An Identity Center instance: the start URL users sign in at, its region, its ARN and identity store. */
    public record Instance(String startUrl, String region, String instanceArn, String identityStoreId) {
        public Instance(String startUrl, String region) {
            this(startUrl, region, null, null);
        }

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
            String seed = normalizeStartUrl(startUrl);
            if (instanceArn == null) {
                instanceArn = INSTANCE_ARN_PREFIX + "ssoins-" + Ids.hex16("instance/" + seed);
            } else if (!instanceArn.startsWith("arn:")) {
                instanceArn = INSTANCE_ARN_PREFIX + instanceArn;
            }
            require(INSTANCE_ARN.matcher(instanceArn).matches(), "instanceArn '" + instanceArn
                    + "' must be arn:aws:sso:::instance/ssoins-<16 characters> (or the bare ssoins- id)");
            identityStoreId = identityStoreId == null ? "d-" + Ids.hex16("identity-store/" + seed).substring(0, 10) : identityStoreId;
            require(IDENTITY_STORE_ID.matcher(identityStoreId).matches(),
                    "identityStoreId '" + identityStoreId + "' must be d- and 10 lowercase hex digits");
        }

        /** The instance id, {@code ssoins-...}: the last part of the ARN. */
        public String instanceId() {
            return instanceArn.substring(INSTANCE_ARN_PREFIX.length());
        }
    }

    /** An AWS account with its permission sets and, optionally, the IAM roles AssumeRole may assume. */
    public record Account(String id, String name, String email, List<String> roles, List<IamRole> iamRoles, String status) {
        public Account(String id, String name, String email, List<String> roles, List<IamRole> iamRoles) {
            this(id, name, email, roles, iamRoles, null);
        }

        public Account {
            require(id != null, "an account needs an id");
            require(ACCOUNT_ID.matcher(id).matches(), "account id '" + id + "' must be exactly 12 digits (quote it in YAML)");
            require(name != null && !name.isBlank(), "account " + id + " needs a name");
            email = email == null ? "aws+" + id + "@example.com" : email;
            status = status == null ? "ACTIVE" : status;
            require(ACCOUNT_STATUSES.contains(status), "status '" + status + "' of account " + id
                    + " must be ACTIVE, SUSPENDED or PENDING_CLOSURE");
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
    public record User(String name, String email, Map<String, List<String>> access, String id) {
        public User(String name, String email, Map<String, List<String>> access) {
            this(name, email, access, null);
        }

        public User {
            require(name != null && name.length() >= 2 && name.length() <= 64 && IAM_NAME.matcher(name).matches(),
                    "user name '" + name + "' must be 2-64 of A-Z a-z 0-9 and +=,.@_- (it becomes an STS session name)");
            email = email == null ? name + "@example.com" : email;
            access = copyAccess(access);
            id = principalId(id, "user/" + name, "user " + name);
        }
    }

    /** An identity store group: its members get its access on top of their own. */
    public record Group(String name, String id, List<String> members, Map<String, List<String>> access) {
        public Group {
            require(name != null && !name.isBlank() && name.length() <= 1024, "a group needs a name (1-1024 characters)");
            id = principalId(id, "group/" + name, "group " + name);
            members = members == null ? List.of() : List.copyOf(members);
            access = access == null ? Map.of() : copyAccess(access);
        }
    }

    /** Details of a permission set; every role name of the accounts is a permission set, described or not. */
    public record PermissionSet(String name, String description, String sessionDuration) {
        public PermissionSet {
            require(name != null && name.length() <= 32 && IAM_NAME.matcher(name).matches(),
                    "permission set name '" + name + "' must be 1-32 of A-Z a-z 0-9 and +=,.@_-");
            require(description == null || description.length() <= 700, "description of " + name + " is over 700 characters");
            if (sessionDuration != null) {
                java.time.Duration d;
                try {
                    d = java.time.Duration.parse(sessionDuration);
                } catch (java.time.format.DateTimeParseException e) {
                    throw new IllegalArgumentException("sessionDuration '" + sessionDuration + "' of " + name
                            + " is not an ISO 8601 duration such as PT8H");
                }
                require(d.compareTo(java.time.Duration.ofHours(1)) >= 0 && d.compareTo(java.time.Duration.ofHours(12)) <= 0,
                        "sessionDuration of " + name + " must be between PT1H and PT12H");
            }
        }
    }

    /** An organizational unit: the accounts directly in it and the OUs under it. */
    public record OrganizationalUnit(String name, String id, List<String> accounts, List<OrganizationalUnit> children) {
        public OrganizationalUnit {
            require(name != null && !name.isBlank() && name.length() <= 128, "an OU needs a name (1-128 characters)");
            accounts = accounts == null ? List.of() : List.copyOf(accounts);
            children = children == null ? List.of() : List.copyOf(children);
        }
    }

    private static Map<String, List<String>> copyAccess(Map<String, List<String>> access) {
        if (access == null) {
            return null;
        }
        Map<String, List<String>> copy = new LinkedHashMap<>();
        access.forEach((k, v) -> copy.put(k, v == null ? List.of() : List.copyOf(v)));
        return java.util.Collections.unmodifiableMap(copy);
    }

    /** The given identity store id, checked, or a UUID derived from the seed, stable across restarts. */
    private static String principalId(String given, String seed, String who) {
        if (given != null) {
            require(PRINCIPAL_ID.matcher(given).matches(), "id '" + given + "' of " + who + " must be a UUID (optionally after"
                    + " 10 hex digits and a dash)");
            return given;
        }
        String h = Ids.hex16(seed) + Ids.hex16("2/" + seed);
        return h.substring(0, 8) + "-" + h.substring(8, 12) + "-" + h.substring(12, 16) + "-" + h.substring(16, 20) + "-"
                + h.substring(20, 32);
    }

    /**
     * An IAM user with one long-term access key. The keys default to values derived from the
     * account and the name, so they stay the same across restarts.
     *
     * @param mfaSerial the user's MFA device (one of the org's mfaDevices), or null
     * @param requireMfa GetSessionToken without the device's code is denied (in AWS, a policy
     *     that requires {@code aws:MultiFactorAuthPresent}; here, the user's own flag)
     */
    public record IamUser(String name, String account, String accessKeyId, String secretAccessKey, String mfaSerial,
            Boolean requireMfa) {
        static final Pattern ACCESS_KEY_ID = Pattern.compile("AKIA[A-Z0-9]{16}");
        static final Pattern SECRET_KEY = Pattern.compile("[\\x21-\\x7e]{16,128}");

        public IamUser(String name, String account) {
            this(name, account, null, null, null, null);
        }

        public IamUser {
            require(name != null && name.length() <= 64 && IAM_NAME.matcher(name).matches(),
                    "IAM user name '" + name + "' must be 1-64 of A-Z a-z 0-9 and +=,.@_-");
            require(account != null && ACCOUNT_ID.matcher(account).matches(),
                    "account '" + account + "' of IAM user " + name + " must be exactly 12 digits (quote it in YAML)");
            accessKeyId = accessKeyId == null ? Ids.longTermAccessKeyId(account + "/" + name) : accessKeyId;
            require(ACCESS_KEY_ID.matcher(accessKeyId).matches(), "accessKeyId of IAM user " + name
                    + " must be AKIA and 16 of A-Z 0-9 (long-term keys; ASIA ids are the sandbox's temporary ones)");
            secretAccessKey = secretAccessKey == null ? Ids.derivedSecretAccessKey(account + "/" + name) : secretAccessKey;
            require(SECRET_KEY.matcher(secretAccessKey).matches(), "secretAccessKey of IAM user " + name
                    + " must be 16-128 printable ASCII characters without spaces");
            requireMfa = requireMfa != null && requireMfa;
            require(!requireMfa || mfaSerial != null, "IAM user " + name + " has requireMfa but no mfaSerial");
        }

        public String arn() {
            return "arn:aws:iam::" + account + ":user/" + name;
        }

        /** The user's unique id ({@code AIDA...}), what GetCallerIdentity answers as UserId. */
        public String userId() {
            return Ids.userId(arn());
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

    /**
     * The built-in organisation: three accounts, Developer and ReadOnly everywhere, admin in
     * Development (the management account); a Developers group; Staging in a Workloads OU and
     * Production in a Production OU under it; an IAM user, sandbox-iam-user, in Development, whose
     * long-term keys are the AWS documentation's example pair (AKIAIOSFODNN7EXAMPLE).
     */
    public static Org defaultOrg() {
        return new Org(null, List.of(
                new Account("111111111111", "Development", null, List.of("AdministratorAccess", "Developer", "ReadOnly"), null),
                new Account("222222222222", "Staging", null, List.of("Developer", "ReadOnly"), null),
                new Account("333333333333", "Production [EU]", null, List.of("Developer", "ReadOnly"), null)),
                null, null,
                List.of(new Group("Developers", null, List.of(DEFAULT_USER),
                        Map.of("222222222222", List.of("Developer"), "333333333333", List.of("ReadOnly")))),
                List.of(new PermissionSet("AdministratorAccess", "Full access", "PT1H"),
                        new PermissionSet("Developer", "Build and deploy", "PT8H")),
                null, null,
                List.of(new OrganizationalUnit("Workloads", null, List.of("222222222222"),
                        List.of(new OrganizationalUnit("Production", null, List.of("333333333333"), null)))),
                List.of(new IamUser(DEFAULT_IAM_USER, "111111111111", DEFAULT_IAM_USER_KEY_ID, DEFAULT_IAM_USER_SECRET, null, null)));
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

    /** The IAM user whose long-term access key this is. */
    public Optional<IamUser> iamUserByKey(String accessKeyId) {
        return iamUsers.stream().filter(u -> u.accessKeyId().equals(accessKeyId)).findFirst();
    }

    public Optional<MfaDevice> mfaDevice(String serialNumber) {
        return mfaDevices.stream().filter(d -> d.serialNumber().equals(serialNumber)).findFirst();
    }

    /** The roles of the account that the user may use, in the account's order: their own and their groups'. */
    public List<String> rolesFor(User user, Account account) {
        if (user.access() == null) {
            return account.roles();
        }
        Set<String> granted = new HashSet<>(user.access().getOrDefault(account.id(), List.of()));
        for (Group g : groups) {
            if (g.members().contains(user.name())) {
                granted.addAll(g.access().getOrDefault(account.id(), List.of()));
            }
        }
        if (granted.contains("*")) {
            return account.roles();
        }
        return account.roles().stream().filter(granted::contains).toList();
    }

    /** The roles of the account granted by an access map of a user or group (null: everything). */
    static List<String> granted(Map<String, List<String>> access, Account account) {
        if (access == null) {
            return account.roles();
        }
        List<String> g = access.getOrDefault(account.id(), List.of());
        return g.contains("*") ? account.roles() : account.roles().stream().filter(g::contains).toList();
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
