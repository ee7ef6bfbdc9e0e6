package io.ssokit.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ssokit.SsokitException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShellWordsTest {
    @Test
    void splitsLikeShlex() {
        assertEquals(List.of("a", "b c", "d\"e", "f'g", "h i"), ShellWords.split("a 'b c' \"d\\\"e\" f\\'g h\\ i"));
        assertEquals(List.of(), ShellWords.split("   "));
        assertEquals(List.of(""), ShellWords.split("''"));
        // Python's shlex, unlike sh: in double quotes a backslash escapes only " and itself
        assertEquals(List.of("a\\$b"), ShellWords.split("\"a\\$b\""));
        assertEquals(List.of("a\\nb"), ShellWords.split("\"a\\nb\""));
        assertEquals(List.of("a\\b"), ShellWords.split("\"a\\\\b\""));
    }

    @Test
    void unbalancedQuotesAreUsageErrorsThatDoNotEchoTheText() {
        assertEquals(false, assertThrows(SsokitException.class, () -> ShellWords.split("secret 'x")).getMessage().contains("secret"));
        assertEquals(null, ShellWords.trySplit("a\\"));
        assertEquals(2, assertThrows(SsokitException.class, () -> ShellWords.split("a 'b")).exitCode());
        assertEquals(2, assertThrows(SsokitException.class, () -> ShellWords.split("a \"b")).exitCode());
    }
}
