package io.ssokit.console;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ssokit.credentials.Credentials;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The wire text of the federation calls, against what Python's requests builds (printed by it). */
class FederationTest {
    @Test
    void theSigninUrlIsFormEncodedInAwsSsoUtilsOrder() {
        assertEquals("https://eu-west-1.signin.aws.amazon.com/federation?Action=login&Issuer=https%3A%2F%2Fexample.awsapps.com%2Fstart"
                + "&Destination=https%3A%2F%2Feu-west-1.console.aws.amazon.com%2Flambda%2Fhome%3Fregion%3Deu-west-1%23%2Ffunctions"
                + "&SigninToken=AbC-_%2B%2F%3D+~x",
                Federation.loginUrl("https://eu-west-1.signin.aws.amazon.com/federation", "https://example.awsapps.com/start",
                        "https://eu-west-1.console.aws.amazon.com/lambda/home?region=eu-west-1#/functions", "AbC-_+/= ~x"));
    }

    @Test
    void theGetSigninTokenBodyIsWhatRequestsPosts() {
        Credentials c = new Credentials("ASIA1", "k/+=", "t+/=", null, null);
        String body = PyUrl.urlencode(List.of(Map.entry("Action", "getSigninToken"), Map.entry("Session", Federation.sessionJson(c)),
                Map.entry("SessionDuration", "3600")));
        assertEquals("Action=getSigninToken&Session=%7B%22sessionId%22%3A+%22ASIA1%22%2C+%22sessionKey%22%3A+%22k%2F%2B%3D%22%2C+"
                + "%22sessionToken%22%3A+%22t%2B%2F%3D%22%7D&SessionDuration=3600", body);
    }
}
