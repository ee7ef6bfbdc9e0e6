package io.ssokit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ssokit.ExitCodes;
import io.ssokit.Main;
import io.ssokit.sandbox.Org;
import io.ssokit.sso.Instance;
import io.ssokit.testing.CliRun;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ssokit roles} in-process against the sandbox's default organisation (and a few others). */
class RolesCommandTest {
    static final String HEADER_NAME_ROLE = "Account name    Account ID   Role name          \n";

    @TempDir
    Path home;
    PortalFixture fixture;

    @AfterEach
    void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    PortalFixture loggedIn() {
        fixture = new PortalFixture(home).defaultInstance();
        fixture.login(PortalFixture.LEGACY);
        fixture.sandbox.resetStats();
        return fixture;
    }

    static CliRun ok(CliRun r) {
        assertEquals(0, r.code(), r::toString);
        assertEquals("", r.err(), r::toString);
        return r;
    }

    @Test
    void theDefaultTableIsSortedByNameThenRoleAndPaddedLikePython() {
        CliRun r = ok(loggedIn().run("roles"));
        assertEquals(HEADER_NAME_ROLE
                + "Development     111111111111 AdministratorAccess\n"
                + "Development     111111111111 Developer          \n"
                + "Development     111111111111 ReadOnly           \n"
                + "Production [EU] 333333333333 Developer          \n"
                + "Production [EU] 333333333333 ReadOnly           \n"
                + "Staging         222222222222 Developer          \n"
                + "Staging         222222222222 ReadOnly           \n", r.out());
    }

    @Test
    void eachSortOrderHasItsColumnOrder() {
        PortalFixture f = loggedIn();
        assertEquals("Account ID   Account name    Role name          \n"
                + "111111111111 Development     AdministratorAccess\n"
                + "111111111111 Development     Developer          \n"
                + "111111111111 Development     ReadOnly           \n"
                + "222222222222 Staging         Developer          \n"
                + "222222222222 Staging         ReadOnly           \n"
                + "333333333333 Production [EU] Developer          \n"
                + "333333333333 Production [EU] ReadOnly           \n", ok(f.run("roles", "--sort-by", "id,role")).out());
        assertEquals(ok(f.run("roles")).out(), ok(f.run("roles", "--sort-by", "name,role")).out());
        assertEquals("Role name           Account ID   Account name   \n"
                + "AdministratorAccess 111111111111 Development    \n"
                + "Developer           111111111111 Development    \n"
                + "Developer           222222222222 Staging        \n"
                + "Developer           333333333333 Production [EU]\n"
                + "ReadOnly            111111111111 Development    \n"
                + "ReadOnly            222222222222 Staging        \n"
                + "ReadOnly            333333333333 Production [EU]\n", ok(f.run("roles", "--sort-by", "role,id")).out());
        assertEquals("Role name           Account name    Account ID  \n"
                + "AdministratorAccess Development     111111111111\n"
                + "Developer           Development     111111111111\n"
                + "Developer           Production [EU] 333333333333\n"
                + "Developer           Staging         222222222222\n"
                + "ReadOnly            Development     111111111111\n"
                + "ReadOnly            Production [EU] 333333333333\n"
                + "ReadOnly            Staging         222222222222\n", ok(f.run("roles", "--sort-by", "role,name")).out());
    }

    @Test
    void noHeaderPadsToTheValuesOnly() {
        CliRun r = ok(loggedIn().run("roles", "--no-header", "-a", "Staging"));
        assertEquals("Staging 222222222222 Developer\nStaging 222222222222 ReadOnly \n", r.out());
        assertEquals(r.out(), ok(fixture.run("roles", "--no-header", "--account", "Staging")).out(), "hidden alias --account");
    }

    @Test
    void aSeparatorWithASortIsSortedAndUnpadded() {
        CliRun r = ok(loggedIn().run("roles", "--sep", "\t", "--sort-by", "role,name", "-r", "^Dev"));
        assertEquals("Role name\tAccount name\tAccount ID\n"
                + "Developer\tDevelopment\t111111111111\n"
                + "Developer\tProduction [EU]\t333333333333\n"
                + "Developer\tStaging\t222222222222\n", r.out());
    }

    /** A writer that remembers how much had been written at each flush. */
    static final class FlushLog extends StringWriter {
        final List<Integer> flushedAt = new ArrayList<>();

        @Override
        public void flush() {
            super.flush();
            int n = getBuffer().length();
            if (flushedAt.isEmpty() || flushedAt.get(flushedAt.size() - 1) != n) {
                flushedAt.add(n);
            }
        }
    }

    @Test
    void aSeparatorWithoutASortStreamsEachAccountAsItArrives() {
        PortalFixture f = loggedIn();
        FlushLog out = new FlushLog();
        StringWriter err = new StringWriter();
        int code;
        try (PrintWriter o = new PrintWriter(out); PrintWriter e = new PrintWriter(err)) {
            code = Main.run(new String[] {"roles", "--separator", ","}, f.env(), o, e);
        }
        assertEquals(0, code, err::toString);
        String text = out.toString();
        List<String> lines = text.lines().toList();
        assertEquals("Account name,Account ID,Role name", lines.get(0));
        assertEquals(Set.of("Development,111111111111,AdministratorAccess", "Development,111111111111,Developer",
                "Development,111111111111,ReadOnly", "Staging,222222222222,Developer", "Staging,222222222222,ReadOnly",
                "Production [EU],333333333333,Developer", "Production [EU],333333333333,ReadOnly"),
                new HashSet<>(lines.subList(1, lines.size())));
        assertEquals(8, lines.size());
        // one flush per account (the header goes out with the first): three before the end
        assertTrue(out.flushedAt.size() >= 3, "output was not streamed: flushes at " + out.flushedAt);
        assertTrue(out.flushedAt.get(0) < text.length(), out.flushedAt.toString());
        // an account's rows arrive together, sorted by role
        for (String account : List.of("Development", "Staging", "Production [EU]")) {
            List<String> mine = lines.stream().filter(l -> l.startsWith(account + ",")).toList();
            int first = lines.indexOf(mine.get(0));
            assertEquals(mine, lines.subList(first, first + mine.size()));
            assertEquals(mine.stream().sorted().toList(), mine);
        }
    }

    @Test
    void twelveDigitIdsTakeTheFastPathWithoutListAccounts() {
        PortalFixture f = loggedIn();
        CliRun r = ok(f.run("roles", "-a", "333333333333", "--account-id", "111111111111", "--sort-by", "id,role"));
        assertEquals("Account ID   Account name Role name          \n"
                + "111111111111 UNKNOWN      AdministratorAccess\n"
                + "111111111111 UNKNOWN      Developer          \n"
                + "111111111111 UNKNOWN      ReadOnly           \n"
                + "333333333333 UNKNOWN      Developer          \n"
                + "333333333333 UNKNOWN      ReadOnly           \n", r.out());
        assertEquals(0, f.sandbox.stats().count("sso:ListAccounts"));
        assertEquals(2, f.sandbox.stats().count("sso:ListAccountRoles"));

        CliRun missing = f.run("roles", "-a", "999999999999");
        assertEquals(0, missing.code());
        assertEquals("Account name Account ID Role name\n", missing.out());
        assertTrue(missing.err().contains("account 999999999999 does not exist or is not accessible"), missing.err());
    }

    @Test
    void accountValuesMatchIdPrefixesSuffixesAndNamePatterns() {
        PortalFixture f = loggedIn();
        assertEquals(Set.of("111111111111"), accountIds(ok(f.run("roles", "-a", "1111", "-o", "json")).out()));
        assertEquals(Set.of("222222222222"), accountIds(ok(f.run("roles", "-a", "22222", "-o", "json")).out()));
        assertEquals(Set.of("333333333333", "111111111111"),
                accountIds(ok(f.run("roles", "-a", "\\[EU\\]$", "-a", "^Dev", "-o", "json")).out()));
        // a mix of an id and a pattern is the slow path: the id then matches as a prefix
        assertEquals(Set.of("222222222222", "333333333333"),
                accountIds(ok(f.run("roles", "-a", "222222222222", "-a", "Prod", "-o", "json")).out()));
        assertTrue(f.sandbox.stats().count("sso:ListAccounts") > 0);
        assertEquals("", ok(f.run("roles", "-a", "nothing-matches", "--no-header")).out());
    }

    @Test
    void roleFiltersAreRegexSearchesAndAnyMayMatch() {
        PortalFixture f = loggedIn();
        CliRun r = ok(f.run("roles", "-r", "Only$", "-r", "^Admin", "--sort-by", "role,id", "--no-header", "--sep", " "));
        assertEquals("AdministratorAccess 111111111111 Development\n"
                + "ReadOnly 111111111111 Development\n"
                + "ReadOnly 222222222222 Staging\n"
                + "ReadOnly 333333333333 Production [EU]\n", r.out());
    }

    @Test
    void csvQuotesByRfc4180AndJsonIsAnArrayOfObjects() throws Exception {
        Org org = new Org(null, List.of(
                new Org.Account("444444444444", "Acme, \"Quoted\" Inc.", null, List.of("Read,Only", "Admin"), null),
                new Org.Account("555555555555", "Plain", null, List.of("Dev"), null)), null, null);
        fixture = new PortalFixture(home, b -> b.org(org)).defaultInstance();
        fixture.login(PortalFixture.LEGACY);

        assertEquals("Account name,Account ID,Role name\n"
                + "\"Acme, \"\"Quoted\"\" Inc.\",444444444444,Admin\n"
                + "\"Acme, \"\"Quoted\"\" Inc.\",444444444444,\"Read,Only\"\n"
                + "Plain,555555555555,Dev\n", ok(fixture.run("roles", "--output", "csv")).out());
        assertEquals("444444444444,\"Acme, \"\"Quoted\"\" Inc.\",\"Read,Only\"\n",
                ok(fixture.run("roles", "-o", "csv", "--no-header", "--sort-by", "id,role", "-r", "Read")).out());

        JsonNode json = new ObjectMapper().readTree(ok(fixture.run("roles", "-o", "json", "--sort-by", "role,id")).out());
        assertTrue(json.isArray());
        assertEquals(3, json.size());
        assertEquals("Admin", json.get(0).get("roleName").asText());
        assertEquals("Acme, \"Quoted\" Inc.", json.get(0).get("accountName").asText());
        assertEquals("444444444444", json.get(0).get("accountId").asText());
        assertEquals(List.of("roleName", "accountId", "accountName"), fieldNames(json.get(0)));
        assertEquals("Dev", json.get(1).get("roleName").asText());
        assertEquals("[]\n", ok(fixture.run("roles", "-o", "json", "-r", "nothing")).out());
    }

    @Test
    void usageErrors() {
        PortalFixture f = loggedIn();
        for (String[] args : List.of(
                new String[] {"roles", "--sort-by", "name"},
                new String[] {"roles", "--sep", ",", "-o", "csv"},
                new String[] {"roles", "-o", "yaml"},
                new String[] {"roles", "-r", "("},
                new String[] {"roles", "-a", "[unclosed"},
                new String[] {"roles", "--concurrency", "0"},
                new String[] {"roles", "--profile", "p", "--sso-session", "s"})) {
            CliRun r = f.run(args);
            assertEquals(ExitCodes.USAGE, r.code(), () -> String.join(" ", args) + ": " + r);
            assertEquals("", r.out());
            assertTrue(r.err().startsWith("ssokit: "), r.err());
        }
        assertEquals(0, f.sandbox.stats().count("sso:ListAccounts"));
    }

    @Test
    void withoutATokenAndWithoutATerminalItSaysHowToLogIn() {
        fixture = new PortalFixture(home).defaultInstance();
        CliRun r = fixture.run("roles");
        assertEquals(ExitCodes.ERROR, r.code());
        assertEquals("", r.out());
        assertEquals("ssokit: not logged in to https://sandbox.awsapps.com/start (us-east-1);"
                + " run: ssokit login https://sandbox.awsapps.com/start us-east-1\n", r.err());

        CliRun force = fixture.run("roles", "--force-refresh");
        assertEquals(ExitCodes.ERROR, force.code());
        assertEquals("", force.out());
        assertTrue(force.err().contains("--force-refresh logs in, which needs a terminal"), force.err());
        assertEquals(0, fixture.sandbox.stats().count("sso-oidc:StartDeviceAuthorization"));
    }

    @Test
    void aTokenThePortalRejectsIsALoginRequiredErrorWithEmptyStdout() {
        fixture = new PortalFixture(home).defaultInstance();
        fixture.saveBogusToken(PortalFixture.LEGACY);
        for (String[] args : List.of(new String[] {"roles"}, new String[] {"roles", "--sep", ","},
                new String[] {"roles", "-a", "111111111111"})) {
            CliRun r = fixture.run(args);
            assertEquals(ExitCodes.ERROR, r.code(), r::toString);
            assertEquals("", r.out());
            assertTrue(r.err().contains("rejected the cached token"), r.err());
            assertTrue(r.err().trim().endsWith("--force-refresh"), r.err());
        }
    }

    @Test
    void theInstanceComesFromAnSsoSessionOrAProfile() throws Exception {
        fixture = new PortalFixture(home);
        fixture.writeConfig("[sso-session corp]\nsso_start_url = " + PortalFixture.START_URL + "\nsso_region = us-east-1\n\n"
                + "[profile dev]\nsso_session = corp\nsso_account_id = 111111111111\nsso_role_name = Developer\n\n"
                + "[profile other]\nsso_start_url = https://other.awsapps.com/start\nsso_region = eu-west-1\n");
        Instance session = Instance.session("corp", PortalFixture.START_URL, "us-east-1", null);
        fixture.login(session);
        String expected = ok(fixture.run("roles", "--sso-session", "corp", "-a", "Staging")).out();
        assertEquals("Account name Account ID   Role name\n"
                + "Staging      222222222222 Developer\n"
                + "Staging      222222222222 ReadOnly \n", expected);
        assertEquals(expected, ok(fixture.run("roles", "--profile", "dev", "-a", "Staging")).out());
        assertEquals(expected, ok(fixture.run("roles", "-u", "sandbox", "-a", "Staging")).out());

        CliRun several = fixture.run("roles");
        assertEquals(ExitCodes.ERROR, several.code());
        assertTrue(several.err().contains("found 2 instances"), several.err());
    }

    @Test
    void verboseReportsThePortalCalls() {
        CliRun r = loggedIn().run("roles", "-v", "--no-header");
        assertEquals(0, r.code());
        assertTrue(r.err().contains("debug: portal: 4 calls, 0 throttled"), r.err());
    }

    static Set<String> accountIds(String json) {
        Set<String> ids = new HashSet<>();
        try {
            for (JsonNode n : new ObjectMapper().readTree(json)) {
                ids.add(n.get("accountId").asText());
            }
        } catch (Exception e) {
            throw new AssertionError(json, e);
        }
        return ids;
    }

    static List<String> fieldNames(JsonNode n) {
        List<String> names = new ArrayList<>();
        n.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void threeHundredAccountsAtLatencyAndThrottleListCompletely() throws Exception {
        fixture = new PortalFixture(home, b -> b.org(Org.generated(300, 3)).latency(Duration.ofMillis(20)).throttleRps(50))
                .defaultInstance();
        fixture.login(PortalFixture.LEGACY);
        fixture.sandbox.resetStats();
        long started = System.nanoTime();
        CliRun r = fixture.run("roles", "-o", "json");
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertEquals(0, r.code(), r::toString);
        assertEquals("", r.err());
        JsonNode rows = new ObjectMapper().readTree(r.out());
        assertEquals(900, rows.size());
        Set<String> pairs = new HashSet<>();
        for (JsonNode n : rows) {
            pairs.add(n.get("accountId").asText() + "/" + n.get("roleName").asText());
        }
        for (int i = 1; i <= 300; i++) {
            for (String role : List.of("AdministratorAccess", "Developer", "ReadOnly")) {
                assertTrue(pairs.contains(String.format("%012d/%s", i, role)), i + " " + role);
            }
        }
        var stats = fixture.sandbox.stats();
        assertTrue(stats.throttled() > 0, stats.toString());
        long calls = stats.count("sso:ListAccounts") + stats.count("sso:ListAccountRoles");
        System.err.printf("roles, 300 accounts, latency 20 ms, throttle 50/s: %d ms; %d calls of which %d throttled;"
                + " sequential lower bound %d ms%n", millis, calls, stats.throttled(), (calls - stats.throttled()) * 20);
    }
}
