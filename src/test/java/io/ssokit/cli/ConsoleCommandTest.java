package io.ssokit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ssokit.ExitCodes;
import io.ssokit.console.ConfigToken;
import io.ssokit.testing.CliRun;
import io.ssokit.testing.MutableClock;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ssokit console} in-process against the sandbox over HTTP: the sign-in URLs it prints or
 * opens are taken to the sandbox's federation endpoint, which accepts only tokens it issued for
 * live sandbox credentials.
 */
class ConsoleCommandTest {
    static final String ACCOUNT = "111111111111";
    static final Pattern SIGNIN_TOKEN = Pattern.compile("[?&]SigninToken=([^&]+)");

    @TempDir
    Path home;
    @TempDir
    Path dir;
    final MutableClock clock = new MutableClock();
    PortalFixture f;
    Path opened;

    @BeforeEach
    void signIn() throws Exception {
        f = new PortalFixture(home, b -> b.clock(clock).pollInterval(Duration.ZERO)).defaultInstance();
        f.login(PortalFixture.LEGACY);
        f.writeConfig(String.join("\n",
                "[profile sso-dev]",
                "sso_start_url = " + PortalFixture.START_URL,
                "sso_region = " + PortalFixture.REGION,
                "sso_account_id = " + ACCOUNT,
                "sso_role_name = Developer",
                "[profile hop]",
                "role_arn = arn:aws:iam::222222222222:role/Deployer",
                "source_profile = sso-dev",
                "[profile static]",
                "aws_access_key_id = AKIAEXAMPLESTATIC001",
                "aws_secret_access_key = staticSecretKeyNeverSent",
                "[profile forged]",
                "aws_access_key_id = ASIAFORGED0000000001",
                "aws_secret_access_key = forgedSecretKey",
                "aws_session_token = forgedSessionToken",
                ""));
        // a browser that writes down every URL it is given
        opened = dir.resolve("opened");
        Path browser = dir.resolve("browser.sh");
        Files.writeString(browser, "#!/bin/sh\nprintf '%s\\n' \"$1\" >> '" + opened + "'\n");
        Files.setPosixFilePermissions(browser, PosixFilePermissions.fromString("rwx------"));
        f.vars.put("BROWSER", browser + " %s");
        // a login, where one is needed, uses the device code, which the sandbox approves at once
        f.vars.put("AWS_SSO_DISABLE_BROWSER", "true");
        f.sandbox.resetStats();
    }

    @AfterEach
    void stop() {
        f.close();
    }

    String federation() {
        return f.sandbox.endpoint() + "/federation";
    }

    static CliRun ok(CliRun r) {
        assertEquals(0, r.code(), r::toString);
        return r;
    }

    static HttpResponse<String> get(String url) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The sandbox's page for a sign-in URL, which must be a success. */
    static String signedIn(String url) throws Exception {
        HttpResponse<String> page = get(url);
        assertEquals(200, page.statusCode(), page::body);
        assertTrue(page.body().contains("Signed in to the AWS console"), page.body());
        return page.body();
    }

    static String until(MutableClock clock, int seconds) {
        return "until " + clock.instant().plusSeconds(seconds).truncatedTo(ChronoUnit.SECONDS);
    }

    List<String> openedUrls() throws Exception {
        return Files.exists(opened) ? Files.readAllLines(opened) : List.of();
    }

    @Test
    void printGivesAUrlWhoseTokenTheFederationEndpointAccepts() throws Exception {
        CliRun r = ok(f.run("console", "launch", "-a", ACCOUNT, "-r", "Developer", "--print", "--region", "eu-west-1",
                "--destination", "https://console.aws.amazon.com/lambda/home#/functions"));
        assertEquals("", r.err());
        String url = r.out().strip();
        assertEquals(1, r.out().lines().count(), r.out());
        String destination = f.sandbox.endpoint() + "/lambda/home?region=eu-west-1#/functions";
        assertTrue(url.startsWith(federation() + "?Action=login&Issuer=" + URLEncoder.encode(PortalFixture.START_URL, StandardCharsets.UTF_8)
                + "&Destination=" + URLEncoder.encode(destination, StandardCharsets.UTF_8) + "&SigninToken="), url);
        String page = signedIn(url);
        assertTrue(page.contains("Account " + ACCOUNT + ", role Developer"), page);
        assertTrue(page.contains("AWSReservedSSO_Developer_"), page);
        assertTrue(page.contains("Destination: " + destination.replace("&", "&amp;")), page);
        assertEquals(1, f.sandbox.stats().count("signin:GetSigninToken"));
        assertEquals(1, f.sandbox.stats().count("sso:GetRoleCredentials"));
        assertEquals(List.of(), openedUrls(), "--print alone does not open");
    }

    @Test
    void byDefaultTheUrlIsOpenedWithBrowserAndStdoutStaysEmpty() throws Exception {
        CliRun r = ok(f.run("console", "launch", "-a", ACCOUNT, "-r", "ReadOnly"));
        assertEquals("", r.out());
        List<String> urls = openedUrls();
        assertEquals(1, urls.size(), urls::toString);
        assertTrue(signedIn(urls.get(0)).contains("role ReadOnly"));

        CliRun both = ok(f.run("console", "launch", "-a", ACCOUNT, "-r", "ReadOnly", "-p", "-o"));
        assertEquals(both.out().strip(), openedUrls().get(1), "--print --open does both");
    }

    @Test
    void logoutFirstOpensTheLogoutPageBeforeTheSigninUrl() throws Exception {
        ok(f.run("console", "launch", "-a", ACCOUNT, "-r", "Developer", "--logout-first"));
        List<String> urls = openedUrls();
        assertEquals(2, urls.size(), urls::toString);
        assertEquals(f.sandbox.endpoint() + "/oauth?Action=logout&redirect_uri="
                + URLEncoder.encode(f.sandbox.endpoint() + "/console/", StandardCharsets.UTF_8), urls.get(0));
        HttpResponse<String> logout = get(urls.get(0));
        assertEquals(200, logout.statusCode());
        assertTrue(logout.body().contains("Signed out"), logout.body());
        assertTrue(urls.get(1).startsWith(federation() + "?Action=login&"), urls.get(1));
        signedIn(urls.get(1));

        // the variable does the same; --no-logout-first beats it
        f.vars.put("AWS_CONSOLE_LOGOUT_FIRST", "True");
        ok(f.run("console", "launch", "-a", ACCOUNT, "-r", "Developer"));
        ok(f.run("console", "launch", "-a", ACCOUNT, "-r", "Developer", "--no-logout-first"));
        List<String> all = openedUrls();
        assertEquals(5, all.size(), all::toString);
        assertTrue(all.get(2).contains("/oauth?Action=logout"), all.get(2));
        assertTrue(all.get(4).contains("Action=login"), all.get(4));
    }

    @Test
    void durationReachesTheSessionDuration() throws Exception {
        String url = ok(f.run("console", "launch", "-a", ACCOUNT, "-r", "Developer", "-p", "--duration", "90")).out().strip();
        assertTrue(signedIn(url).contains(until(clock, 90 * 60)));
        String shortest = ok(f.run("console", "launch", "-a", ACCOUNT, "-r", "Developer", "-p", "--duration", "15")).out().strip();
        assertTrue(signedIn(shortest).contains(until(clock, 900)));
        // without --duration the sandbox's default session applies
        String plain = ok(f.run("console", "launch", "-a", ACCOUNT, "-r", "Developer", "-p")).out().strip();
        assertTrue(signedIn(plain).contains(until(clock, 3600)));
    }

    @Test
    void signinTokensLastFifteenMinutes() throws Exception {
        String url = ok(f.run("console", "launch", "-a", ACCOUNT, "-r", "Developer", "-p")).out().strip();
        clock.advance(Duration.ofMinutes(14));
        signedIn(url);
        clock.advance(Duration.ofMinutes(2));
        HttpResponse<String> late = get(url);
        assertEquals(400, late.statusCode());
        assertTrue(late.body().contains("not valid or has expired"), late.body());
        String forged = url.replaceAll("SigninToken=[^&]+", "SigninToken=sandbox-signin-forged");
        assertEquals(400, get(forged).statusCode());
    }

    @Test
    void aConfigTokenRoundTripsWithARoleOverride() throws Exception {
        f.vars.put("AWS_CONSOLE_DEFAULT_REGION", "ap-south-1");
        CliRun tokenRun = ok(f.run("console", "get-config-token", "-a", ACCOUNT, "-r", "Developer", "--region", "eu-west-1",
                "--destination", "/ec2/home", "--duration", "30"));
        assertEquals("", tokenRun.err());
        String token = tokenRun.out().strip();
        ConfigToken t = ConfigToken.decode(token);
        assertEquals(ConfigToken.of(PortalFixture.START_URL, PortalFixture.REGION, federation(),
                f.sandbox.endpoint() + "/ec2/home?region=eu-west-1", ACCOUNT, "Developer", "eu-west-1", 30, null).encode(), token);
        assertTrue(token.endsWith("=") || token.length() % 4 == 0, token);

        CliRun r = ok(f.run("console", "launch-from-config", "-t", token, "-r", "ReadOnly", "--print"));
        assertEquals("", r.err());
        String page = signedIn(r.out().strip());
        assertTrue(page.contains("Account " + ACCOUNT + ", role ReadOnly"), page);
        assertTrue(page.contains(until(clock, 1800)), page);
        assertTrue(page.contains("Destination: " + f.sandbox.endpoint() + "/ec2/home?region=eu-west-1"), page);

        // get-config-token reads neither AWS_CONSOLE_DEFAULT_REGION nor _DESTINATION; launch does
        ConfigToken plain = ConfigToken.decode(ok(f.run("console", "get-config-token")).out().strip());
        assertEquals(null, plain.region());
        assertEquals(null, plain.accountId());
        f.vars.put("AWS_CONSOLE_DEFAULT_DESTINATION", "/iam/home");
        ConfigToken stillPlain = ConfigToken.decode(ok(f.run("console", "get-config-token")).out().strip());
        assertEquals(f.sandbox.endpoint() + "/console/", stillPlain.destination());
        f.vars.put("AWS_CONSOLE_DEFAULT_ISSUER", "https://intranet.example/aws");
        String launched = ok(f.run("console", "launch", "-a", ACCOUNT, "-r", "Developer", "-p")).out();
        assertTrue(launched.contains("&Issuer=" + URLEncoder.encode("https://intranet.example/aws", StandardCharsets.UTF_8)
                + "&Destination=" + URLEncoder.encode(f.sandbox.endpoint() + "/iam/home?region=ap-south-1", StandardCharsets.UTF_8)
                + "&SigninToken="), launched);
        String explicit = ok(f.run("console", "launch", "-a", ACCOUNT, "-r", "Developer", "-p", "--region", "eu-west-2",
                "--destination", "/s3/home?region=us-east-2", "--override-region-in-destination")).out();
        assertTrue(explicit.contains(URLEncoder.encode("/s3/home?region=eu-west-2", StandardCharsets.UTF_8) + "&SigninToken="), explicit);
    }

    @Test
    void tokensOfAnotherVersionOrWithUnknownKeysAreUsedWithWarnings() throws Exception {
        String json = "{\"v\":\"2\",\"ssourl\":\"" + PortalFixture.START_URL + "\",\"ssoreg\":\"" + PortalFixture.REGION
                + "\",\"url\":\"https://signin.aws.amazon.com/federation\",\"dst\":\"https://console.aws.amazon.com/\",\"acc\":\""
                + ACCOUNT + "\",\"rol\":\"Developer\",\"iss\":\"my-issuer\",\"theme\":\"dark\"}";
        String token = Base64.getUrlEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
        CliRun r = ok(f.run("console", "launch-from-config", "--config-token", token, "--print"));
        assertTrue(r.err().contains("warning: unknown config token version: 2"), r.err());
        assertTrue(r.err().contains("warning: the config token contains unknown keys: theme"), r.err());
        assertTrue(r.out().contains("&Issuer=my-issuer&"), r.out());
        signedIn(r.out().strip());
    }

    @Test
    void aProfileOfAnyKindSignsInIncludingARoleChain() throws Exception {
        CliRun r = ok(f.run("console", "launch", "--profile", "hop", "--print"));
        String page = signedIn(r.out().strip());
        assertTrue(page.contains("Account 222222222222, role Deployer (arn:aws:sts::222222222222:assumed-role/Deployer/"), page);
        assertTrue(r.out().contains("Issuer=" + URLEncoder.encode(PortalFixture.START_URL, StandardCharsets.UTF_8)),
                "a chain rooted in Identity Center names its start URL: " + r.out());
        assertEquals(1, f.sandbox.stats().count("sts:AssumeRole"));
        assertTrue(signedIn(ok(f.run("console", "launch", "--profile", "sso-dev", "-p")).out().strip()).contains("role Developer"));
    }

    @Test
    void aMissingLoginIsDoneFirstAndForceRefreshDoesItAgain() throws Exception {
        Files.delete(f.tokenFile(PortalFixture.LEGACY));
        CliRun first = ok(f.run("console", "launch", "-a", ACCOUNT, "-r", "Developer", "-p"));
        assertEquals(1, f.sandbox.stats().count("sso-oidc:StartDeviceAuthorization"), first::toString);
        signedIn(first.out().strip());
        ok(f.run("console", "launch", "-a", ACCOUNT, "-r", "Developer", "-p"));
        assertEquals(1, f.sandbox.stats().count("sso:GetRoleCredentials"), "the second launch reuses the credentials");
        ok(f.run("console", "launch", "-a", ACCOUNT, "-r", "Developer", "-p", "--force-refresh"));
        assertEquals(2, f.sandbox.stats().count("sso-oidc:StartDeviceAuthorization"));
        assertEquals(2, f.sandbox.stats().count("sso:GetRoleCredentials"));
        assertEquals(List.of(), openedUrls(), "headless login, and --print alone opens nothing");
    }

    @Test
    void anSsoSessionNamesTheInstance() throws Exception {
        Files.writeString(home.resolve(".aws/config"), "[sso-session corp]\nsso_start_url = " + PortalFixture.START_URL
                + "\nsso_region = " + PortalFixture.REGION + "\n");
        f.login(io.ssokit.sso.Instance.session("corp", PortalFixture.START_URL, PortalFixture.REGION, null));
        f.sandbox.resetStats();
        CliRun r = ok(f.run("console", "launch", "--sso-session", "corp", "-a", "333333333333", "-r", "Developer", "-p"));
        assertEquals(0, f.sandbox.stats().count("sso-oidc:CreateToken"), "the session's cached token is used");
        assertTrue(signedIn(r.out().strip()).contains("Account 333333333333, role Developer"));
    }

    @Test
    void longTermKeysStsDoesNotKnowGetNoConsole() {
        CliRun r = f.run("console", "launch", "--profile", "static", "--print");
        assertEquals(ExitCodes.ERROR, r.code(), r::toString);
        assertEquals("", r.out());
        assertTrue(r.err().startsWith("ssokit: An error occurred (InvalidClientTokenId) when calling the GetFederationToken"
                + " operation: "), r.err());
        assertTrue(r.err().contains("(long-term keys of profile static)"), r.err());
        assertFalse(r.err().contains("staticSecretKeyNeverSent"), r.err());
        assertEquals(1, f.sandbox.stats().count("sts:GetFederationToken"));
        assertEquals(0, f.sandbox.stats().count("signin:GetSigninToken"));
    }

    static final String IAM_USER_ARN = "arn:aws:sts::" + ACCOUNT + ":federated-user/";

    void addIamProfile(String name, String... extra) throws Exception {
        Path config = home.resolve(".aws/config");
        List<String> lines = new java.util.ArrayList<>(List.of("", "[profile " + name + "]",
                "aws_access_key_id = " + io.ssokit.sandbox.Org.DEFAULT_IAM_USER_KEY_ID,
                "aws_secret_access_key = " + io.ssokit.sandbox.Org.DEFAULT_IAM_USER_SECRET));
        lines.addAll(List.of(extra));
        lines.add("");
        Files.writeString(config, Files.readString(config) + String.join("\n", lines));
    }

    /**
     * AWS's federation endpoint takes AssumeRole, GetFederationToken and Identity Center
     * credentials, not GetSessionToken's; neither does the sandbox's. An IAM user's keys become
     * a federated user's credentials first (named after the profile; --duration is theirs, and no
     * SessionDuration is sent, which the endpoint refuses with them); their session is refused.
     */
    @Test
    void anIamUsersKeysSignInAsAFederatedUserButTheirSessionGetsNoConsole() throws Exception {
        addIamProfile("iam");
        CliRun keys = ok(f.run("console", "launch", "--profile", "iam", "--print"));
        assertEquals("", keys.err());
        assertTrue(keys.out().startsWith(federation() + "?Action=login&Issuer=ssokit&"), keys.out());
        String page = signedIn(keys.out().strip());
        assertTrue(page.contains("Account " + ACCOUNT + ", federated user iam (" + IAM_USER_ARN + "iam), " + until(clock, 43200)),
                page);
        assertEquals(1, f.sandbox.stats().count("sts:GetFederationToken"));
        assertEquals(0, f.sandbox.stats().failed("signin:GetSigninToken"));

        CliRun longer = ok(f.run("console", "launch", "--profile", "iam", "--print", "--duration", "90", "-v"));
        assertTrue(signedIn(longer.out().strip()).contains(until(clock, 90 * 60)));
        assertTrue(longer.err().contains("getSigninToken at " + federation() + "\n"), longer.err());
        assertFalse(longer.err().contains("session of"), "no SessionDuration with federated credentials: " + longer.err());
        assertFalse(longer.err().contains(io.ssokit.sandbox.Org.DEFAULT_IAM_USER_SECRET), longer.err());
        assertEquals(2, f.sandbox.stats().count("sts:GetFederationToken"));
        assertEquals(0, f.sandbox.stats().failed("signin:GetSigninToken"));

        // a profile name STS does not take as a name is made one (characters replaced, cut to 32); an mfa_serial cannot be used
        addIamProfile("ops/iam:bot-with-a-rather-long-profile-name", "mfa_serial = arn:aws:iam::" + ACCOUNT + ":mfa/sandbox-iam-user");
        CliRun odd = ok(f.run("console", "launch", "--profile", "ops/iam:bot-with-a-rather-long-profile-name", "--print"));
        assertTrue(signedIn(odd.out().strip()).contains("federated user ops-iam-bot-with-a-rather-long-p (" + IAM_USER_ARN
                + "ops-iam-bot-with-a-rather-long-p)"));
        assertTrue(odd.err().contains("has an mfa_serial, which console sign-in cannot use: GetFederationToken takes no MFA code"),
                odd.err());

        Path config = home.resolve(".aws/config");
        CliRun exchanged = ok(f.run("export-credentials", "--profile", "iam", "--ensure-temporary", "--json"));
        com.fasterxml.jackson.databind.JsonNode session = new com.fasterxml.jackson.databind.ObjectMapper().readTree(exchanged.out());
        assertTrue(session.path("AccessKeyId").asText().startsWith("ASIA"), exchanged.out());
        Files.writeString(config, Files.readString(config) + String.join("\n", "[profile iam-session]",
                "aws_access_key_id = " + session.path("AccessKeyId").asText(),
                "aws_secret_access_key = " + session.path("SecretAccessKey").asText(),
                "aws_session_token = " + session.path("SessionToken").asText(), ""));
        CliRun r = f.run("console", "launch", "--profile", "iam-session", "--print");
        assertEquals(2, r.code(), r::toString);
        assertEquals("", r.out());
        assertTrue(r.err().startsWith("ssokit: could not get a sign-in token from " + federation() + ": HTTP 400"), r.err());
        assertEquals(3, f.sandbox.stats().count("sts:GetFederationToken"), "a session is not exchanged again");
    }

    /** The federation endpoint takes a federated user's credentials only without SessionDuration, as AWS does. */
    @Test
    void theSandboxRefusesSessionDurationWithFederatedUserCredentials() throws Exception {
        io.ssokit.credentials.Credentials keys = new io.ssokit.credentials.Credentials(io.ssokit.sandbox.Org.DEFAULT_IAM_USER_KEY_ID,
                io.ssokit.sandbox.Org.DEFAULT_IAM_USER_SECRET, null, null, ACCOUNT);
        io.ssokit.credentials.Credentials fed = io.ssokit.credentials.StsFederationToken.call(f.env(), "us-east-1", keys, "direct",
                null, null);
        Map<String, String> creds = Map.of("AccessKeyId", fed.accessKeyId(), "SecretAccessKey", fed.secretAccessKey(),
                "SessionToken", fed.sessionToken());
        HttpResponse<String> withDuration = getSigninToken(creds, "&SessionDuration=3600");
        assertEquals(400, withDuration.statusCode());
        assertTrue(withDuration.body().contains("SessionDuration cannot be used with credentials from GetFederationToken"),
                withDuration.body());
        assertEquals(200, getSigninToken(creds, "").statusCode());
    }

    @Test
    void temporaryKeysTheEndpointRejectsGiveNoSigninTokenExitTwo() {
        CliRun r = f.run("console", "launch", "--profile", "forged", "--print");
        assertEquals(2, r.code(), r::toString);
        assertEquals("", r.out());
        assertEquals("ssokit: could not get a sign-in token from " + federation() + ": HTTP 400 (run with -v for the answer)\n",
                r.err());
        assertEquals(1, f.sandbox.stats().failed("signin:GetSigninToken"));
        CliRun verbose = f.run("console", "launch", "--profile", "forged", "--print", "-v");
        assertTrue(verbose.err().contains("getSigninToken answered HTTP 400: The session credentials are not valid"), verbose.err());
        assertFalse(verbose.err().contains("forgedSecretKey") || verbose.err().contains("forgedSessionToken"), verbose.err());
    }

    @Test
    void usageErrorsExitTwoWithStdoutEmptyAndNothingSent() {
        assertUsage("--logout-first requires --open", "console", "launch", "-a", ACCOUNT, "-r", "Developer", "--no-open", "-l");
        assertUsage("--logout-first requires --open", "console", "launch-from-config", "-t", "x", "--print", "--logout-first");
        assertUsage("choose whose console to open", "console", "launch");
        assertUsage("--account-id needs --role-name", "console", "launch", "-a", ACCOUNT);
        assertUsage("--profile cannot be combined", "console", "launch", "--profile", "hop", "-a", ACCOUNT, "-r", "Developer");
        assertUsage("--duration must be between 15 and 720 minutes, got 14", "console", "launch", "-a", ACCOUNT, "-r", "Developer",
                "--duration", "14");
        assertUsage("got 721", "console", "get-config-token", "--duration", "721");
        assertUsage("invalid region 'evil.example#' in --region", "console", "launch", "-a", ACCOUNT, "-r", "Developer",
                "--region", "evil.example#");
        assertUsage("Missing required option: '--config-token=TOKEN'", "console", "launch-from-config");
        assertUsage("missing subcommand", "console");
        String noRole = ConfigToken.of(PortalFixture.START_URL, PortalFixture.REGION, federation(), "x", ACCOUNT, null, null, null,
                null).encode();
        assertUsage("the config token does not specify a role: use --role-name", "console", "launch-from-config", "-t", noRole, "-p");
        String noAccount = ConfigToken.of(PortalFixture.START_URL, PortalFixture.REGION, federation(), "x", null, "Developer", null,
                null, null).encode();
        assertUsage("the config token does not specify an account: use --account-id", "console", "launch-from-config", "-t", noAccount);

        f.vars.put("AWS_CONSOLE_LOGOUT_FIRST", "1");
        assertUsage("AWS_CONSOLE_LOGOUT_FIRST=1 requires --open", "console", "launch", "-a", ACCOUNT, "-r", "Developer", "--print");
        f.vars.put("AWS_CONSOLE_DEFAULT_REGION", "x/y");
        assertUsage("invalid region 'x/y' in AWS_CONSOLE_DEFAULT_REGION", "console", "launch", "-a", ACCOUNT, "-r", "Developer", "-l");
        assertEquals(0, f.sandbox.stats().count("signin:GetSigninToken"));
    }

    void assertUsage(String message, String... args) {
        CliRun r = f.run(args);
        assertEquals(ExitCodes.USAGE, r.code(), r::toString);
        assertEquals("", r.out(), r::toString);
        assertTrue(r.err().startsWith("ssokit: ") && r.err().contains(message), r::toString);
        assertEquals(1, r.err().lines().count(), r::toString);
    }

    @Test
    void aTokenNamingAnotherFederationEndpointIsRefusedWithoutAnOverride() {
        String token = ConfigToken.of(PortalFixture.START_URL, PortalFixture.REGION, "https://signin.aws.amazon.com.evil.example/federation",
                "https://console.aws.amazon.com/", ACCOUNT, "Developer", null, null, null).encode();
        f.vars.put("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true");
        CliRun r = f.run("console", "launch-from-config", "-t", token, "-p");
        assertEquals(ExitCodes.ERROR, r.code(), r::toString);
        assertEquals("", r.out());
        assertTrue(r.err().contains("is not an AWS sign-in endpoint: refusing to send credentials there"), r.err());
        assertEquals(0, f.sandbox.stats().count("sso:GetRoleCredentials"));

        CliRun bad = f.run("console", "launch-from-config", "-t", "%%%", "-p");
        assertEquals(ExitCodes.ERROR, bad.code(), bad::toString);
        assertTrue(bad.err().startsWith("ssokit: the config token is invalid: not base64"), bad.err());
    }

    @Test
    void withoutABrowserTheUrlIsNeitherLostNorLeaked() {
        f.vars.put("BROWSER", "/nonexistent/browser");
        CliRun r = f.run("console", "launch", "-a", ACCOUNT, "-r", "Developer");
        assertEquals(ExitCodes.ERROR, r.code(), r::toString);
        assertEquals("", r.out());
        assertTrue(r.err().contains("could not open a browser for the sign-in URL"), r.err());
        assertFalse(r.err().contains("SigninToken"), r.err());

        CliRun printed = ok(f.run("console", "launch", "-a", ACCOUNT, "-r", "Developer", "--print", "--open"));
        assertTrue(printed.out().contains("SigninToken="), printed.out());
        assertTrue(printed.err().contains("warning: could not open a browser; the sign-in URL is on stdout"), printed.err());
    }

    @Test
    void debugOutputCarriesNoSecret() throws Exception {
        CliRun r = ok(f.run("console", "launch", "-a", ACCOUNT, "-r", "Developer", "--print", "-vv", "--duration", "20"));
        Matcher m = SIGNIN_TOKEN.matcher(r.out());
        assertTrue(m.find(), r.out());
        String signinToken = URLDecoder.decode(m.group(1), StandardCharsets.UTF_8);
        assertTrue(r.err().contains("getSigninToken at " + federation() + ", session of 20 minutes"), r.err());
        assertFalse(r.err().contains(signinToken), r.err());
        Map<String, String> creds = credentials("Developer");
        assertFalse(r.err().contains(creds.get("SecretAccessKey")), r.err());
        assertFalse(r.err().contains(creds.get("SessionToken")), r.err());
    }

    /** The role's cached credentials, as credential-process prints them (the same cache entry launch used). */
    Map<String, String> credentials(String role) throws Exception {
        CliRun r = ok(f.run("credential-process", "--sso-start-url", PortalFixture.START_URL, "--sso-region", PortalFixture.REGION,
                "--account-id", ACCOUNT, "--role-name", role));
        @SuppressWarnings("unchecked")
        Map<String, String> m = new com.fasterxml.jackson.databind.ObjectMapper().readValue(r.out(), Map.class);
        return m;
    }

    // ---- the sandbox's federation endpoint on its own -----------------------------------------

    HttpResponse<String> getSigninToken(Map<String, String> creds, String extra) throws Exception {
        String session = "{\"sessionId\":\"" + creds.get("AccessKeyId") + "\",\"sessionKey\":\"" + creds.get("SecretAccessKey")
                + "\",\"sessionToken\":\"" + creds.get("SessionToken") + "\"}";
        String body = "Action=getSigninToken&Session=" + URLEncoder.encode(session, StandardCharsets.UTF_8) + extra;
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(federation())).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theSandboxIssuesTokensOnlyForLiveCredentialsItIssuedAndValidDurations() throws Exception {
        Map<String, String> creds = credentials("Developer");
        HttpResponse<String> good = getSigninToken(creds, "&SessionDuration=900");
        assertEquals(200, good.statusCode(), good::body);
        assertTrue(good.body().matches("\\{\"SigninToken\":\"sandbox-signin-[A-Za-z0-9_-]+\"}"), good.body());
        assertEquals(200, getSigninToken(creds, "&SessionDuration=43200").statusCode());
        for (String d : new String[] {"899", "43201", "ten", ""}) {
            assertEquals(400, getSigninToken(creds, "&SessionDuration=" + d).statusCode(), d);
        }
        assertEquals(400, getSigninToken(Map.of("AccessKeyId", creds.get("AccessKeyId"), "SecretAccessKey", "wrong",
                "SessionToken", creds.get("SessionToken")), "").statusCode());
        assertEquals(400, getSigninToken(Map.of("AccessKeyId", creds.get("AccessKeyId"), "SecretAccessKey", creds.get("SecretAccessKey"),
                "SessionToken", "wrong"), "").statusCode());
        assertEquals(400, getSigninToken(Map.of("AccessKeyId", "ASIANOTISSUED0000001", "SecretAccessKey", "x", "SessionToken", "y"),
                "").statusCode());
        clock.advance(Duration.ofMinutes(61));
        HttpResponse<String> expired = getSigninToken(creds, "");
        assertEquals(400, expired.statusCode());
        assertFalse(expired.body().contains(creds.get("SecretAccessKey")));
        assertEquals(10, f.sandbox.stats().count("signin:GetSigninToken"));
        assertEquals(8, f.sandbox.stats().failed("signin:GetSigninToken"));

        assertEquals(400, get(federation() + "?Action=login&Destination=x").statusCode());
        assertEquals(400, get(federation() + "?Action=nothing").statusCode());
        assertEquals(400, get(f.sandbox.endpoint() + "/oauth?Action=other").statusCode());
        assertEquals(2, f.sandbox.stats().count("signin:Login"));
    }
}
