package io.ssokit.naming;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ssokit.SsokitException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NameValidatorTest {
    private static NamedProfile profile(String name, String accountId, String role) {
        return new NamedProfile(name, new NameInput(accountId, "Acct " + accountId, role, "us-east-1", 0, 1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Prod.Admin", "my name", "a\tb", "R&D <team>", "Ünïcode/日本", "a=b;c#d", "'quoted'"})
    void acceptableNames(String name) {
        assertEquals(Optional.empty(), NameValidator.problem(name));
    }

    @Test
    void unacceptableNames() {
        assertEquals(Optional.of("the name is empty"), NameValidator.problem(""));
        assertTrue(NameValidator.problem("a[b").orElseThrow().contains("'['"));
        assertTrue(NameValidator.problem("a]b").orElseThrow().contains("']'"));
        assertEquals(Optional.of("contains a line break"), NameValidator.problem("a\nb"));
        assertEquals(Optional.of("contains a line break"), NameValidator.problem("a\rb"));
        assertEquals(Optional.of("contains a NUL character"), NameValidator.problem("a\0b"));
        assertEquals(Optional.of("contains the control character U+001B"), NameValidator.problem("a\u001b[31mb"));
        assertEquals(Optional.of("starts or ends with whitespace"), NameValidator.problem(" a"));
        assertEquals(Optional.of("starts or ends with whitespace"), NameValidator.problem("a\u00a0"));
    }

    @Test
    void duplicatesNameBothSources() {
        SsokitException e = assertThrows(SsokitException.class, () -> NameValidator.validateAll(List.of(
                profile("Shared.Admin", "111111111111", "Admin"),
                profile("Other.Admin", "333333333333", "Admin"),
                profile("Shared.Admin", "222222222222", "Admin"))));
        assertEquals(1, e.exitCode());
        assertEquals("cannot write profiles: 1 generated profile name is invalid (nothing was written)\n"
                + "  'Shared.Admin' is generated twice: for account 111111111111 (Acct 111111111111), role Admin,"
                + " region us-east-1, and for account 222222222222 (Acct 222222222222), role Admin, region us-east-1",
                e.getMessage());
    }

    @Test
    void everyProblemIsReportedAtOnceWithVisibleControlCharacters() {
        SsokitException e = assertThrows(SsokitException.class, () -> NameValidator.validateAll(List.of(
                profile("", "111", "A"),
                profile("x\ny", "222", "B"),
                profile("ok", "333", "C"))));
        String msg = e.getMessage();
        assertTrue(msg.startsWith("cannot write profiles: 2 generated profile names are invalid"), msg);
        assertTrue(msg.contains("\n  '' (account 111 (Acct 111), role A, region us-east-1): the name is empty"), msg);
        assertTrue(msg.contains("\n  'x\\ny' (account 222 (Acct 222), role B, region us-east-1): contains a line break"), msg);
    }

    @Test
    void longListsAreCut() {
        List<NamedProfile> many = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            many.add(profile("[" + i + "]", Integer.toString(i), "R"));
        }
        String msg = assertThrows(SsokitException.class, () -> NameValidator.validateAll(many)).getMessage();
        assertEquals(21, msg.lines().count() - 1);
        assertTrue(msg.endsWith("… and 5 more"), msg);
    }

    @Test
    void validNamesPass() {
        NameValidator.validateAll(List.of(profile("a", "1", "R"), profile("b", "2", "R")));
    }

    @Test
    void nameAllValidatesBeforeReturningAndSortsByCodePoint() {
        ProfileNamer namer = Naming.namer(NamingOptions.builder().safeAccountNames(false).build());
        SsokitException e = assertThrows(SsokitException.class, () -> namer.nameAll(List.of(
                new NameInput("1", "Team [x]", "Admin", "us-east-1", 0, 1))));
        assertTrue(e.getMessage().contains("'Team [x].Admin'"), e.getMessage());
        // duplicates across accounts: two accounts whose safe names collide
        ProfileNamer safe = Naming.namer(NamingOptions.defaults());
        SsokitException dup = assertThrows(SsokitException.class, () -> safe.nameAll(List.of(
                new NameInput("111111111111", "My Team", "Admin", "us-east-1", 0, 1),
                new NameInput("222222222222", "My  Team", "Admin", "us-east-1", 0, 1))));
        assertTrue(dup.getMessage().contains("'My-Team.Admin' is generated twice: for account 111111111111 (My Team)"),
                dup.getMessage());
        assertTrue(dup.getMessage().contains("and for account 222222222222 (My  Team)"), dup.getMessage());

        // U+FF21 (BMP) sorts before U+1D400 (supplementary) by code point, after it by UTF-16 unit
        List<String> sorted = safe.nameAll(List.of(
                new NameInput("1", "\uD835\uDC00", "R", "us-east-1", 0, 1),
                new NameInput("2", "\uFF21", "R", "us-east-1", 0, 1),
                new NameInput("3", "B", "R", "us-east-1", 0, 1))).stream().map(NamedProfile::name).toList();
        assertEquals(List.of("B.R", "\uFF21.R", "\uD835\uDC00.R"), sorted);
    }
}
