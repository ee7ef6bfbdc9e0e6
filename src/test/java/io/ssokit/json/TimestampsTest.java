package io.ssokit.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class TimestampsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "2024-06-03T02:10:44Z                | 2024-06-03T02:10:44Z",
        "2024-06-03T02:10:44UTC              | 2024-06-03T02:10:44Z",
        "2024-06-03T02:10:44 UTC             | 2024-06-03T02:10:44Z",
        "2024-06-03T02:10:44GMT              | 2024-06-03T02:10:44Z",
        "2024-06-03T02:10:44+00:00           | 2024-06-03T02:10:44Z",
        "2024-06-03T02:10:44+0000            | 2024-06-03T02:10:44Z",
        "2024-06-03T02:10:44+00              | 2024-06-03T02:10:44Z",
        "2024-06-03T04:10:44+02:00           | 2024-06-03T02:10:44Z",
        "2024-06-02T21:10:44-05:00           | 2024-06-03T02:10:44Z",
        "2024-06-03T02:10:44.123Z            | 2024-06-03T02:10:44.123Z",
        "2024-06-03T02:10:44.123456+00:00    | 2024-06-03T02:10:44.123456Z",
        "2024-06-03T02:10:44.1234567891234Z  | 2024-06-03T02:10:44.123456789Z",
        "2024-06-03T02:10:44,5Z              | 2024-06-03T02:10:44.5Z",
        "2024-06-03 02:10:44+00:00           | 2024-06-03T02:10:44Z",
        "2024-06-03t02:10:44z                | 2024-06-03T02:10:44Z",
        "2024-06-03T02:10:44                 | 2024-06-03T02:10:44Z",
        "2024-06-03T02:10Z                   | 2024-06-03T02:10:00Z",
        "'  2024-06-03T02:10:44Z  '          | 2024-06-03T02:10:44Z",
    })
    void parsesEveryFormTheWritersUse(String text, String expected) {
        assertEquals(Instant.parse(expected), Timestamps.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "2024-06-03", "2024-06-03T", "2024-13-03T02:10:44Z",
        "2024-02-30T02:10:44Z", "2024-06-03T25:10:44Z", "2024-06-03T02:10:44X",
        "2024-06-03T02:10:44.Z", "2024-06-03T02:10:44+25:00", "1717380644", "soon",
        "2024-06-03T02:10:44Zjunk", "2024-06-03T02:10:60Z"})
    void rejectsEverythingElse(String text) {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> Timestamps.parse(text));
        assertEquals(true, e.getMessage().startsWith("not an ISO-8601 timestamp"));
    }

    @Test
    void formatsLikeTheAwsCliTruncatingFractions() {
        assertEquals("2024-06-03T02:10:44Z",
                Timestamps.format(Instant.parse("2024-06-03T02:10:44.999999Z")));
        assertEquals("0999-01-02T03:04:05Z",
                Timestamps.format(Instant.parse("0999-01-02T03:04:05Z")));
        assertEquals("1970-01-01T00:00:00Z", Timestamps.format(Instant.EPOCH));
    }

    @Test
    void roundTrips() {
        Instant t = Instant.ofEpochSecond(1_717_380_644L);
        assertEquals(t, Timestamps.parse(Timestamps.format(t)));
    }
}
