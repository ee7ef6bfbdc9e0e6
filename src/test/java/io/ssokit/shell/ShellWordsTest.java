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
        assertEquals(List.of("a$b"), ShellWords.split("\"a\\$b\""));
        assertEquals(List.of("a\\nb"), ShellWords.split("\"a\\nb\""));
    }

    @Test
    void unbalancedQuotesAreUsageErrors() {
        assertEquals(2, assertThrows(SsokitException.class, () -> ShellWords.split("a 'b")).exitCode());
        assertEquals(2, assertThrows(SsokitException.class, () -> ShellWords.split("a \"b")).exitCode());
    }
}
