package io.ssokit.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ssokit.Env;
import io.ssokit.ExitCodes;
import io.ssokit.SsokitException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The endpoint table of §7.1, row by row, and the overrides. */
class ConsoleEndpointsTest {
    static final String R = "https%3A%2F%2Faws.amazon.com%2Fpremiumsupport%2Fknowledge-center%2Fsign-out-account%2F"
            + "%3Ffrom_aws_sso_util_logout";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
        "-|https://signin.aws.amazon.com/federation|https://console.aws.amazon.com/"
                + "|https://signin.aws.amazon.com/oauth?Action=logout&redirect_uri=" + R,
        "us-east-1|https://signin.aws.amazon.com/federation|https://us-east-1.console.aws.amazon.com/"
                + "|https://signin.aws.amazon.com/oauth?Action=logout&redirect_uri=" + R,
        "us-gov-east-1|https://us-gov-east-1.signin.amazonaws-us-gov.com/federation|https://console.amazonaws-us-gov.com"
                + "|https://us-gov-east-1.signin.amazonaws-us-gov.com/oauth?Action=logout",
        "us-gov-west-1|https://signin.amazonaws-us-gov.com/federation|https://console.amazonaws-us-gov.com"
                + "|https://signin.amazonaws-us-gov.com/oauth?Action=logout",
        "eu-west-2|https://eu-west-2.signin.aws.amazon.com/federation|https://eu-west-2.console.aws.amazon.com/"
                + "|https://eu-west-2.signin.aws.amazon.com/oauth?Action=logout&redirect_uri=" + R,
        "ap-southeast-3|https://ap-southeast-3.signin.aws.amazon.com/federation|https://ap-southeast-3.console.aws.amazon.com/"
                + "|https://ap-southeast-3.signin.aws.amazon.com/oauth?Action=logout&redirect_uri=" + R,
    })
    void everyRowOfTheTable(String region, String federation, String console, String logout) {
        assertEquals(new ConsoleEndpoints(federation, console, logout), ConsoleEndpoints.forRegion(region));
        assertEquals(ConsoleEndpoints.forRegion(region), ConsoleEndpoints.resolve(env(), region));
        assertTrue(ConsoleEndpoints.isAwsFederationEndpoint(federation));
    }

    @Test
    void anEmptyRegionIsTheGlobalConsole() {
        assertEquals(ConsoleEndpoints.forRegion(null), ConsoleEndpoints.forRegion(""));
    }

    @Test
    void theSigninVariableIsTheFederationEndpointAndTheGlobalOneGetsFederationAppended() {
        assertEquals("http://127.0.0.1:9/fed", ConsoleEndpoints.federationOverride(env("AWS_ENDPOINT_URL_SIGNIN", "http://127.0.0.1:9/fed",
                "AWS_ENDPOINT_URL", "http://127.0.0.1:8")));
        assertEquals("http://127.0.0.1:9/federation", ConsoleEndpoints.federationOverride(env("AWS_ENDPOINT_URL_SIGNIN", "http://127.0.0.1:9/")));
        assertEquals("http://localhost:8/federation", ConsoleEndpoints.federationOverride(env("AWS_ENDPOINT_URL", "http://localhost:8")));
        assertEquals("http://localhost:8/p/federation", ConsoleEndpoints.federationOverride(env("AWS_ENDPOINT_URL", "http://localhost:8/p/")));
        assertNull(ConsoleEndpoints.federationOverride(env("AWS_ENDPOINT_URL", "http://localhost:8",
                "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "TRUE")));
        assertNull(ConsoleEndpoints.federationOverride(env()));
    }

    @Test
    void anOverrideMovesTheConsoleAndLogoutPagesOffAws() {
        ConsoleEndpoints e = ConsoleEndpoints.resolve(env("AWS_ENDPOINT_URL", "http://127.0.0.1:4566"), "eu-west-1");
        assertEquals(new ConsoleEndpoints("http://127.0.0.1:4566/federation", "http://127.0.0.1:4566/console/",
                "http://127.0.0.1:4566/oauth?Action=logout&redirect_uri=http%3A%2F%2F127.0.0.1%3A4566%2Fconsole%2F"), e);
        assertFalse(ConsoleEndpoints.isAwsFederationEndpoint(e.federation()));
    }

    @Test
    void badOverridesAndRegionsAreUsageErrors() {
        SsokitException e = assertThrows(SsokitException.class,
                () -> ConsoleEndpoints.federationOverride(env("AWS_ENDPOINT_URL_SIGNIN", "ftp://x/federation")));
        assertEquals(ExitCodes.USAGE, e.exitCode());
        assertTrue(e.getMessage().contains("AWS_ENDPOINT_URL_SIGNIN"), e.getMessage());
        for (String region : new String[] {"evil.example#", "EU-WEST-1", "eu-west", "us-east-1/x", "a.b-c-1"}) {
            SsokitException r = assertThrows(SsokitException.class, () -> ConsoleEndpoints.checkRegion(region, "--region"));
            assertEquals(ExitCodes.USAGE, r.exitCode());
            assertTrue(r.getMessage().contains("--region"), r.getMessage());
        }
        ConsoleEndpoints.checkRegion("us-gov-west-1", "--region");
        ConsoleEndpoints.checkRegion(null, "--region");
    }

    @Test
    void onlyAwsSigninHostsAreFederationEndpoints() {
        for (String url : new String[] {"https://signin.aws.amazon.com.evil.example/federation", "http://signin.aws.amazon.com/federation",
            "https://evil.example/?https://signin.aws.amazon.com/federation", "https://x.y.signin.aws.amazon.com/federation",
            "https://signin.aws.amazon.com/federation/../x"}) {
            assertFalse(ConsoleEndpoints.isAwsFederationEndpoint(url), url);
        }
    }

    static Env env(String... pairs) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(pairs[i], pairs[i + 1]);
        }
        return new Env(m, Path.of("/nonexistent-home"));
    }
}
