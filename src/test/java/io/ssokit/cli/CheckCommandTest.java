package io.ssokit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ssokit.ExitCodes;
import io.ssokit.sso.Instance;
import io.ssokit.sso.SsoToken;
import io.ssokit.testing.CliRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ssokit check}: each exit code, quiet mode, and that it never writes the token cache. */
class CheckCommandTest {
    static final String BANNER = "ssokit: v[^;]+; time: \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ";
    static final Instance LEGACY = PortalFixture.LEGACY;
    static final String TWO_INSTANCES = "[profile a]\nsso_start_url = " + PortalFixture.START_URL + "\nsso_region = us-east-1\n"
            + "sso_account_id = 222222222222\nsso_role_name = ReadOnly\n\n"
            + "[profile b]\nsso_start_url = https://other.awsapps.com/start\nsso_region = eu-west-1\n";

    @TempDir
    Path home;
    PortalFixture f;

    @BeforeEach
    void start() {
        f = new PortalFixture(home);
    }

    @AfterEach
    void stop() {
        f.close();
    }

    /** Runs check with the instance given on the command line. */
    CliRun check(String... args) {
        String[] argv = new String[args.length + 5];
        argv[0] = "check";
        argv[1] = "-u";
        argv[2] = PortalFixture.START_URL;
        argv[3] = "--sso-region";
        argv[4] = PortalFixture.REGION;
        System.arraycopy(args, 0, argv, 5, args.length);
        return f.run(argv);
    }

    static void assertFails(int code, String message, CliRun r) {
        assertEquals(code, r.code(), r::toString);
        assertEquals("", r.out());
        List<String> lines = r.err().lines().toList();
        assertTrue(lines.get(0).matches(BANNER), r.err());
        String last = lines.get(lines.size() - 1);
        assertTrue(last.startsWith("ssokit: ") && last.contains(message), "last line: " + last);
    }

    static void assertPasses(String lastLine, CliRun r) {
        assertEquals(0, r.code(), r::toString);
        assertEquals("", r.out());
        List<String> lines = r.err().lines().toList();
        assertTrue(lines.get(0).matches(BANNER), r.err());
        assertEquals(lastLine, lines.get(lines.size() - 1), r.err());
    }

    @Test
    void instanceExitCodes() throws Exception {
        assertFails(CheckCommand.NO_INSTANCE, "no Identity Center instance found", f.run("check"));
        f.writeConfig(TWO_INSTANCES);
        assertFails(CheckCommand.NO_MATCHING_INSTANCE, "no instance matched start URL 'nomatch' (from command line)",
                f.run("check", "-u", "nomatch"));
        assertFails(CheckCommand.SEVERAL_INSTANCES, "found 2 instances", f.run("check"));
        assertFails(ExitCodes.USAGE, "invalid start URL pattern", f.run("check", "-u", "(bad"));
        assertFails(CheckCommand.NO_MATCHING_INSTANCE, "no [sso-session nope] section", f.run("check", "--sso-session", "nope"));
    }

    @Test
    void instanceDetailsAreShownWhenNeitherAccountNorRoleIsChecked() throws Exception {
        f.writeConfig(TWO_INSTANCES);
        CliRun r = f.run("check", "-u", "sandbox", "--skip-token-check");
        assertPasses("OK: instance found (token check skipped)", r);
        assertTrue(r.err().contains("Identity Center instance: https://sandbox.awsapps.com/start (us-east-1)\n"
                + "  start URL from command line; region from config file\n"
                + "  instances in the config file: 2\n"
                + "    https://other.awsapps.com/start (eu-west-1)\n"
                + "    https://sandbox.awsapps.com/start (us-east-1)\n"), r.err());

        f.login(LEGACY);
        CliRun quiet = f.run("check", "-u", "sandbox", "-a", "Staging");
        assertEquals(0, quiet.code(), quiet::toString);
        assertTrue(!quiet.err().contains("instances in the config file"), quiet.err());
        CliRun forced = f.run("check", "-u", "sandbox", "-a", "Staging", "--instance-details");
        assertTrue(forced.err().contains("instances in the config file: 2"), forced.err());
        CliRun off = f.run("check", "-u", "sandbox", "--no-instance-details");
        assertEquals(0, off.code(), off::toString);
        assertTrue(!off.err().contains("instances in the config file"), off.err());
    }

    @Test
    void missingTokenIs201WithTheLoginCommand() {
        assertFails(CheckCommand.TOKEN_PROBLEM, "no Identity Center token in the cache for https://sandbox.awsapps.com/start"
                + " (us-east-1) (no " + f.tokenFile(LEGACY) + "); run: ssokit login https://sandbox.awsapps.com/start us-east-1"
                + " (or check --force-refresh)", check());
    }

    @Test
    void expiredAndNearlyExpiredTokensAre201() {
        Instant now = Instant.now();
        SsoToken base = f.login(LEGACY);
        f.save(LEGACY, base.toBuilder().expiresAt(now.minus(Duration.ofMinutes(1))).build());
        assertFails(CheckCommand.TOKEN_PROBLEM, "expired at ", check());
        f.save(LEGACY, base.toBuilder().expiresAt(now.plus(Duration.ofMinutes(10))).build());
        CliRun soon = check("-a", "Staging");
        assertFails(CheckCommand.TOKEN_PROBLEM, "expires within 15 minutes (at ", soon);
        assertTrue(!soon.err().contains("refresh token"), soon.err());
        f.save(LEGACY, base.toBuilder().expiresAt(now.plus(Duration.ofMinutes(10))).refreshToken("r").clientId("c")
                .clientSecret("s").registrationExpiresAt(now.plus(Duration.ofDays(30))).build());
        CliRun refreshable = check();
        assertFails(CheckCommand.TOKEN_PROBLEM, "it carries a refresh token", refreshable);
        assertTrue(!refreshable.err().contains("\"r\"") && !refreshable.err().contains(base.accessToken()), "no secrets");
        f.save(LEGACY, base.toBuilder().expiresAt(null).build());
        assertFails(CheckCommand.TOKEN_PROBLEM, "has no expiresAt", check());
    }

    @Test
    void unreadableCacheFilesAre201WithTheFileAndTheFix() throws IOException {
        f.login(LEGACY);
        Path file = f.tokenFile(LEGACY);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        assertFails(CheckCommand.TOKEN_PROBLEM, "file permission problem: " + file + " has mode 0644", check());
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        Files.writeString(file, "{\"accessToken\": ");
        CliRun corrupt = check();
        assertFails(CheckCommand.TOKEN_PROBLEM, "cannot load the cached token: cannot use " + file + ": it is not valid JSON",
                corrupt);
        assertEquals("{\"accessToken\": ", Files.readString(file), "the corrupt file is left as it is");
    }

    @Test
    void aTokenThePortalRejectsIs201() {
        f.saveBogusToken(LEGACY);
        assertFails(CheckCommand.TOKEN_PROBLEM, "rejected the cached token", check());
        assertFails(CheckCommand.TOKEN_PROBLEM, "may be out of sync", check("-a", "Staging"));
    }

    @Test
    void accessExitCodes() {
        f.login(LEGACY);
        assertFails(CheckCommand.NO_ACCOUNT_ACCESS, "no access to account 999999999999", check("-a", "999999999999"));
        assertFails(CheckCommand.NO_ACCOUNT_ACCESS, "no access to account Stag", check("-a", "Stag"));
        assertFails(CheckCommand.ROLE_IN_NO_ACCOUNT, "no access to role Billing in any account", check("-r", "Billing"));
        assertFails(CheckCommand.ROLE_NOT_IN_ACCOUNT, "no access to role AdministratorAccess in account 222222222222 (Staging);"
                + " your roles there: Developer, ReadOnly", check("-a", "Staging", "-r", "AdministratorAccess"));

        assertPasses("OK: the portal accepts the token", check());
        assertPasses("OK: access found for account 111111111111 (Development): AdministratorAccess, Developer, ReadOnly",
                check("-a", "111111111111"));
        assertPasses("OK: access found for AdministratorAccess in account 111111111111 (Development)",
                check("--account", "Development", "-r", "AdministratorAccess"));
        assertPasses("OK: access found for ReadOnly in 111111111111 (Development), 222222222222 (Staging), 333333333333"
                + " (Production [EU])", check("-r", "ReadOnly"));
    }

    @Test
    void theNoArgumentCheckMakesOneListAccountsCall() {
        f.login(LEGACY);
        f.sandbox.resetStats();
        CliRun r = check();
        assertPasses("OK: the portal accepts the token", r);
        assertEquals(1, f.sandbox.stats().count("sso:ListAccounts"));
        assertEquals(0, f.sandbox.stats().count("sso:ListAccountRoles"));
        assertTrue(r.err().contains("\nToken: valid until "), r.err());
        assertTrue(r.err().contains(" (cached at "), r.err());
    }

    @Test
    void quietPrintsNothingAtAll() throws Exception {
        for (String[] args : List.of(new String[] {"-q"}, new String[] {"--quiet", "-a", "Staging"})) {
            CliRun r = check(args);
            assertEquals(CheckCommand.TOKEN_PROBLEM, r.code());
            assertEquals("", r.out());
            assertEquals("", r.err());
        }
        f.login(LEGACY);
        for (String[] args : List.of(new String[] {"-q"}, new String[] {"-q", "-a", "Staging", "-r", "Developer"},
                new String[] {"-q", "-v", "-r", "Developer"})) {
            CliRun r = check(args);
            assertEquals(0, r.code(), r::toString);
            assertEquals("", r.out() + r.err());
        }
        CliRun denied = check("-q", "-a", "Staging", "-r", "AdministratorAccess");
        assertEquals(CheckCommand.ROLE_NOT_IN_ACCOUNT, denied.code());
        assertEquals("", denied.out() + denied.err());
        CliRun usage = check("-q", "--skip-token-check", "-a", "Staging");
        assertEquals(ExitCodes.USAGE, usage.code());
        assertEquals("", usage.out() + usage.err());
        f.writeConfig(TWO_INSTANCES);
        CliRun several = f.run("check", "-q");
        assertEquals(CheckCommand.SEVERAL_INSTANCES, several.code());
        assertEquals("", several.out() + several.err());
    }

    @Test
    void checkProfileTakesAllFourSettingsFromTheProfile() throws Exception {
        f.writeConfig(TWO_INSTANCES + "\n[profile partial]\nsso_start_url = " + PortalFixture.START_URL
                + "\nsso_region = us-east-1\nsso_account_id = 111111111111\n\n"
                + "[sso-session corp]\nsso_start_url = " + PortalFixture.START_URL + "\nsso_region = us-east-1\n\n"
                + "[profile viasession]\nsso_session = corp\nsso_account_id = 111111111111\nsso_role_name = Billing\n");
        f.login(LEGACY);
        CliRun r = f.run("check", "--check-profile", "a");
        assertPasses("OK: access found for ReadOnly in account 222222222222 (Staging)", r);
        assertTrue(r.err().contains("Configuration for profile a:\nStart URL:  https://sandbox.awsapps.com/start\n"
                + "Region:     us-east-1\nAccount ID: 222222222222\nRole name:  ReadOnly\n"), r.err());
        assertTrue(r.err().contains("Identity Center instance: https://sandbox.awsapps.com/start (us-east-1)\n"), r.err());

        assertFails(ExitCodes.USAGE, "profile 'partial' is missing sso_role_name", f.run("check", "--check-profile", "partial"));
        assertFails(ExitCodes.USAGE, "profile 'nope' does not exist", f.run("check", "--check-profile", "nope"));
        for (String extra : List.of("-a", "-r", "-u", "--sso-region", "--sso-session")) {
            CliRun combined = f.run("check", "--check-profile", "a", extra, "x");
            assertEquals(ExitCodes.USAGE, combined.code(), combined::toString);
            assertTrue(combined.err().contains("--check-profile cannot be combined"), combined.err());
        }
        // an sso_session profile uses the session's token (none cached yet)
        CliRun session = f.run("check", "--check-profile", "viasession");
        assertFails(CheckCommand.TOKEN_PROBLEM, "run: ssokit login --profile viasession", session);
        f.login(Instance.session("corp", PortalFixture.START_URL, "us-east-1", null));
        assertFails(CheckCommand.ROLE_NOT_IN_ACCOUNT, "no access to role Billing in account 111111111111",
                f.run("check", "--check-profile", "viasession"));
    }

    @Test
    void skipTokenCheckStopsAfterTheInstanceAndRefusesAccountRoleAndForceRefresh() {
        assertPasses("OK: instance found (token check skipped)", check("--skip-token-check"));
        assertFails(ExitCodes.USAGE, "--skip-token-check cannot be combined with --account-id or --role-name",
                check("--skip-token-check", "-a", "Staging"));
        assertFails(ExitCodes.USAGE, "--skip-token-check cannot be combined with --account-id or --role-name",
                check("--skip-token-check", "-r", "Developer"));
        assertFails(ExitCodes.USAGE, "--skip-token-check cannot be combined with --force-refresh",
                check("--skip-token-check", "--force-refresh"));
        assertEquals(0, f.sandbox.stats().operations().values().stream().mapToLong(Long::longValue).sum());
    }

    @Test
    void forceRefreshNeedsATerminal() {
        f.login(LEGACY);
        assertFails(CheckCommand.TOKEN_PROBLEM, "--force-refresh logs in, which needs a terminal", check("--force-refresh"));
    }

    @Test
    void theCommandOptionPicksTheEnvironmentVariableFamily() {
        f.vars.put("AWS_SSO_LOGIN_DEFAULT_SSO_START_URL", PortalFixture.START_URL);
        f.vars.put("AWS_SSO_LOGIN_DEFAULT_SSO_REGION", PortalFixture.REGION);
        f.vars.put("AWS_CONFIGURE_DEFAULT_SSO_START_URL", "https://configure.awsapps.com/start");
        f.vars.put("AWS_CONFIGURE_DEFAULT_SSO_REGION", "eu-central-1");
        assertFails(CheckCommand.NO_INSTANCE, "no Identity Center instance found", f.run("check"));
        CliRun login = f.run("check", "--command", "login", "--skip-token-check");
        assertPasses("OK: instance found (token check skipped)", login);
        assertTrue(login.err().contains("start URL from AWS_SSO_LOGIN_DEFAULT_SSO_START_URL; region from"
                + " AWS_SSO_LOGIN_DEFAULT_SSO_REGION"), login.err());
        CliRun configure = f.run("check", "--command", "configure", "--skip-token-check");
        assertTrue(configure.err().contains("Identity Center instance: https://configure.awsapps.com/start (eu-central-1)"),
                configure.err());
        assertEquals(ExitCodes.USAGE, f.run("check", "--command", "populate").code());
    }

    @Test
    void checkNeverWritesTheTokenCache() throws Exception {
        SsoToken token = f.login(LEGACY);
        Instant now = Instant.now();
        Instance session = Instance.session("corp", "https://corp.awsapps.com/start", "us-east-1", null);
        // a refreshable session token inside the expiry window: check must report it, not refresh it
        f.save(session, token.toBuilder().expiresAt(now.plus(Duration.ofMinutes(5))).refreshToken("r").clientId("c")
                .clientSecret("s").registrationExpiresAt(now.plus(Duration.ofDays(30))).build());
        f.writeConfig("[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = us-east-1\n");
        Map<String, String> before = snapshot();
        assertFails(CheckCommand.TOKEN_PROBLEM, "expires within 15 minutes", f.run("check", "--sso-session", "corp"));
        assertPasses("OK: the portal accepts the token", check());
        check("-a", "Staging", "-r", "Developer");
        check("-r", "Developer", "-q");
        check("--force-refresh");
        f.saveBogusToken(Instance.legacy("https://bogus.awsapps.com/start", "us-east-1"));
        Map<String, String> withBogus = snapshot();
        f.run("check", "-u", "https://bogus.awsapps.com/start", "--sso-region", "us-east-1");
        assertEquals(withBogus, snapshot());
        withBogus.keySet().removeIf(k -> !before.containsKey(k));
        assertEquals(before, withBogus);
        assertEquals(0, f.sandbox.stats().count("sso-oidc:CreateToken") - 1, "only the fixture's own login");
    }

    /** Every file under ~/.aws (lock and temporary files included): its content, mode and modification time. */
    Map<String, String> snapshot() throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> all = Files.walk(home.resolve(".aws"))) {
            for (Path p : all.filter(Files::isRegularFile).toList()) {
                files.put(home.relativize(p).toString(), PosixFilePermissions.toString(Files.getPosixFilePermissions(p))
                        + " " + Files.getLastModifiedTime(p).toMillis() + " " + Arrays.hashCode(Files.readAllBytes(p)));
            }
        }
        return files;
    }
}
