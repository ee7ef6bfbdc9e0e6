package io.ssokit.console;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Destinations as aws-sso-util computes them; every expected value was printed by Python 3's
 * urllib running aws-sso-util's get_destination (the first three are the examples of §7.2).
 */
class DestinationTest {

    @ParameterizedTest(name = "{0} in {1}, override {2}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
        "/lambda/home#/functions|us-west-2|false|https://us-west-2.console.aws.amazon.com/lambda/home?region=us-west-2#/functions",
        "https://console.aws.amazon.com/s3/home?region=eu-west-1|us-west-2|false"
                + "|https://us-west-2.console.aws.amazon.com/s3/home?region=eu-west-1",
        "https://console.aws.amazon.com/s3/home?region=eu-west-1|us-west-2|true"
                + "|https://us-west-2.console.aws.amazon.com/s3/home?region=us-west-2",
        "-|-|false|https://console.aws.amazon.com/",
        "-|us-west-2|false|https://us-west-2.console.aws.amazon.com/?region=us-west-2",
        "-|us-gov-west-1|false|https://console.amazonaws-us-gov.com?region=us-gov-west-1",
        "/ec2/home?x=1#Instances:|us-gov-east-1|false|https://console.amazonaws-us-gov.com/ec2/home?x=1&region=us-gov-east-1#Instances:",
        "ec2/v2/home|eu-central-1|false|https://eu-central-1.console.aws.amazon.com/ec2/v2/home?region=eu-central-1",
        "/cloudwatch/home?a=b%20c&empty=&flag&q=x+y/z#logsV2:log-groups|-|false"
                + "|https://console.aws.amazon.com/cloudwatch/home?a=b%20c&empty=&flag&q=x+y/z#logsV2:log-groups",
        "/cloudwatch/home?a=b%20c&empty=&flag&q=x+y/z#logsV2:log-groups|ap-south-1|false"
                + "|https://ap-south-1.console.aws.amazon.com/cloudwatch/home?a=b+c&q=x+y%2Fz&region=ap-south-1#logsV2:log-groups",
        "/a/./b/../c|us-east-1|false|https://us-east-1.console.aws.amazon.com/a/c?region=us-east-1",
        "?region=eu-west-3|-|false|https://console.aws.amazon.com/?region=eu-west-3",
        "#frag|eu-west-1|true|https://eu-west-1.console.aws.amazon.com/?region=eu-west-1#frag",
        "https://console.aws.amazon.com|-|false|https://console.aws.amazon.com/",
        "/p?n=%C3%A9%zz|eu-north-1|false|https://eu-north-1.console.aws.amazon.com/p?n=%C3%A9%25zz&region=eu-north-1",
    })
    void computedLikeAwsSsoUtil(String destination, String region, boolean override, String expected) {
        assertEquals(expected, Destination.compute(ConsoleEndpoints.forRegion(region).consoleBase(), destination, region, override));
    }

    @org.junit.jupiter.api.Test
    void anOverriddenBaseKeepsItsHostForPastedConsoleUrls() {
        ConsoleEndpoints e = ConsoleEndpoints.derived("http://127.0.0.1:4566/federation");
        assertEquals("http://127.0.0.1:4566/s3/home?region=eu-west-1",
                Destination.compute(e.consoleBase(), "https://console.aws.amazon.com/s3/home", "eu-west-1", false));
        assertEquals("http://127.0.0.1:4566/console/", Destination.compute(e.consoleBase(), null, null, false));
    }
}
