package io.ssokit.server;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ssokit.testing.MutableClock;
import java.time.Duration;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class ImdsTokensTest {
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    private final MutableClock clock = new MutableClock();

    /** Each run draws a new key, so the last character's unused bits differ from run to run. */
    @RepeatedTest(20)
    void everyOtherSpellingOfATokenIsRefused() {
        ImdsTokens tokens = new ImdsTokens(clock);
        String t = tokens.issue(60);
        assertTrue(tokens.valid(t));
        for (int i = 0; i < t.length(); i++) {
            for (char c : ALPHABET.toCharArray()) {
                if (c != t.charAt(i)) {
                    String altered = t.substring(0, i) + c + t.substring(i + 1);
                    assertFalse(tokens.valid(altered), () -> "accepted " + altered + " for " + t);
                }
            }
        }
        assertFalse(tokens.valid(t + "A"));
        assertFalse(tokens.valid(t.substring(1)));
        assertFalse(tokens.valid(t + "="), "padding is not part of the token");
    }

    @Test
    void aTokenLivesForItsTtl() {
        ImdsTokens tokens = new ImdsTokens(clock);
        String t = tokens.issue(60);
        clock.advance(Duration.ofSeconds(59));
        assertTrue(tokens.valid(t));
        clock.advance(Duration.ofSeconds(1));
        assertFalse(tokens.valid(t));
        assertFalse(tokens.valid(null));
        assertFalse(tokens.valid(""));
        assertFalse(tokens.valid("x".repeat(65)));
    }
}
