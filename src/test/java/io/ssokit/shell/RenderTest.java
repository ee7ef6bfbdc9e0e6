package io.ssokit.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ssokit.SsokitException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Whole scripts: golden files for every target (regenerate with
 * {@code mvn test -Dtest='io.ssokit.shell.RenderTest' -Dssokit.updateGolden=true}), the statement
 * forms, name validation, and all-or-nothing rendering.
 */
class RenderTest {
    private static final Path GOLDEN = Path.of(System.getProperty("ssokit.projectDir", "."), "src/test/resources/shell/golden");

    static String golden(EnvRenderer target) {
        return "representative." + switch (target.id()) {
            case "bash" -> "bash";
            case "zsh" -> "zsh";
            case "fish" -> "fish";
            case "powershell" -> "ps1";
            case "cmd" -> "cmd";
            case "dotenv" -> "env";
            case "json" -> "json";
            default -> throw new IllegalArgumentException(target.id());
        };
    }

    @Test
    void goldenFiles() throws IOException {
        boolean update = Boolean.getBoolean("ssokit.updateGolden");
        for (EnvRenderer target : targets()) {
            Path file = GOLDEN.resolve(golden(target));
            String rendered = target.render(Fixtures.representative(target));
            if (update) {
                Files.createDirectories(GOLDEN);
                Files.write(file, rendered.getBytes(StandardCharsets.UTF_8));
            }
            assertTrue(Files.exists(file), file + " is missing: run with -Dssokit.updateGolden=true");
            assertEquals(Files.readString(file, StandardCharsets.UTF_8), rendered,
                    target.id() + " drifted from " + file + " (regenerate with -Dssokit.updateGolden=true and review the diff)");
        }
    }

    @Test
    void goldenScriptsMeanWhatTheOpsSay() throws IOException {
        Map<String, String> before = Map.of("AWS_ACCESS_KEY_ID", "old", "AWS_SESSION_TOKEN", "stale", "KEEP", "k");
        assertEquals(expected(Dialects.POWERSHELL, before),
                PowerShellDecoder.run(Files.readString(GOLDEN.resolve("representative.ps1")), before));
        assertEquals(expected(Dialects.CMD, before),
                CmdDecoder.run(Files.readString(GOLDEN.resolve("representative.cmd")), before, true));
        String dotenv = Files.readString(GOLDEN.resolve("representative.env"));
        assertEquals(expected(DataFormat.DOTENV, Map.of()), DotenvDecoders.compose(dotenv));
        assertEquals(expected(DataFormat.DOTENV, Map.of()), DotenvDecoders.python(dotenv, Map.of("HOME", "/h")));
    }

    /** The environment after applying the fixture's ops to {@code before}. */
    private static Map<String, String> expected(EnvRenderer target, Map<String, String> before) {
        Map<String, String> env = new LinkedHashMap<>(before);
        for (EnvOp op : Fixtures.representative(target)) {
            if (op instanceof EnvOp.Set s) {
                env.put(s.name(), s.value());
            } else {
                env.remove(op.name());
            }
        }
        return env;
    }

    @Test
    void statementForms() {
        assertEquals("export A='b'", Dialects.BASH.set("A", "b"));
        assertEquals("unset A", Dialects.ZSH.unset("A"));
        assertEquals("set -gx A 'b'", Dialects.FISH.set("A", "b"));
        assertEquals("if set -q -g A\n    set -e -g A\nend", Dialects.FISH.unset("A"));
        assertEquals("$Env:A = 'b'", Dialects.POWERSHELL.set("A", "b"));
        assertEquals("Remove-Item Env:A -ErrorAction SilentlyContinue", Dialects.POWERSHELL.unset("A"));
        assertEquals("set \"A=b\"", Dialects.CMD.set("A", "b"));
        assertEquals("set \"A=\"", Dialects.CMD.unset("A"));
        assertEquals("unset A\nexport B='c'\n", Dialects.BASH.render(List.of(new EnvOp.Unset("A"), new EnvOp.Set("B", "c"))));
        assertEquals("set \"A=\"\r\nset \"B=c\"\r\n", Dialects.CMD.render(List.of(new EnvOp.Unset("A"), new EnvOp.Set("B", "c"))));
        assertEquals("", Dialects.FISH.render(List.of()));
        assertEquals("{}\n", DataFormat.JSON.render(List.of(new EnvOp.Unset("A"))));
        assertEquals("", DataFormat.DOTENV.render(List.of(new EnvOp.Unset("A"))));
    }

    @Test
    void dataFormatsDescribeTheResultingEnvironment() {
        List<EnvOp> ops = List.of(new EnvOp.Set("A", "1"), new EnvOp.Set("B", "2"), new EnvOp.Set("A", "3"),
                new EnvOp.Unset("B"), new EnvOp.Unset("NEVER"), new EnvOp.Set("C", ""));
        assertEquals("A='3'\nC=''\n", DataFormat.DOTENV.render(ops));
        assertEquals("{\"A\":\"3\",\"C\":\"\"}\n", DataFormat.JSON.render(ops));
    }

    @Test
    void namesAreValidated() {
        for (String bad : new String[] {"", "1A", "A-B", "A B", "A=B", "A$", "É", "A\nB", "A;rm", "$(x)", "A.B"}) {
            SsokitException e = assertThrows(SsokitException.class, () -> new EnvOp.Set(bad, "v"), bad);
            assertEquals(2, e.exitCode());
            assertTrue(e.getMessage().contains("[A-Za-z_][A-Za-z0-9_]*"), e.getMessage());
            assertFalse(e.getMessage().contains("\n"), "one-line message");
            assertThrows(SsokitException.class, () -> new EnvOp.Unset(bad), bad);
            for (Dialect d : Dialects.all()) {
                assertThrows(SsokitException.class, () -> d.set(bad, "v"), d.id() + " " + bad);
                assertThrows(SsokitException.class, () -> d.unset(bad), d.id() + " " + bad);
            }
        }
        for (String good : new String[] {"A", "_", "_a1", "AWS_SESSION_TOKEN", "a", "Z9_"}) {
            assertEquals(good, new EnvOp.Unset(good).name());
        }
        assertThrows(SsokitException.class, () -> new EnvOp.Set(null, "v"));
        assertThrows(SsokitException.class, () -> new EnvOp.Set("A", null));
    }

    @Test
    void opsNeverShowTheirValue() {
        String s = new EnvOp.Set("AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI").toString();
        assertFalse(s.contains("wJalr"), s);
        assertTrue(s.contains("AWS_SECRET_ACCESS_KEY"), s);
    }

    @Test
    void renderingIsAllOrNothing() {
        List<EnvOp> ops = List.of(new EnvOp.Set("A", "fine"), new EnvOp.Set("B", "bad\u0000"));
        for (EnvRenderer target : targets()) {
            SsokitException e = assertThrows(SsokitException.class, () -> target.render(ops), target.id());
            assertTrue(e.getMessage().contains(" B "), e.getMessage());
        }
        assertThrows(SsokitException.class, () -> Dialects.CMD.render(List.of(new EnvOp.Set("A", "100%"))));
        assertThrows(SsokitException.class, () -> Dialects.CMD.set("A", ""));
    }

    @Test
    void parsingNames() {
        for (Dialect d : Dialects.all()) {
            assertSame(d, Dialects.parse(d.id()));
            assertSame(d, Dialects.parse(d.id().toUpperCase(java.util.Locale.ROOT)));
        }
        assertSame(Dialects.POWERSHELL, Dialects.parse("pwsh"));
        assertEquals("bash, zsh, fish, powershell, cmd", Dialects.ids());
        SsokitException e = assertThrows(SsokitException.class, () -> Dialects.parse("sh"));
        assertEquals("unsupported shell \"sh\"; --shell must be one of: bash, zsh, fish, powershell, cmd", e.getMessage());
        assertEquals(2, assertThrows(SsokitException.class, () -> Dialects.parse(null)).exitCode());
        assertSame(DataFormat.JSON, DataFormat.parse("JSON"));
        assertSame(DataFormat.DOTENV, DataFormat.parse("dotenv"));
        assertEquals("unsupported format \"yaml\"; it must be one of: dotenv, json",
                assertThrows(SsokitException.class, () -> DataFormat.parse("yaml")).getMessage());
    }

    static List<EnvRenderer> targets() {
        return List.of(Dialects.BASH, Dialects.ZSH, Dialects.FISH, Dialects.POWERSHELL, Dialects.CMD, DataFormat.DOTENV, DataFormat.JSON);
    }
}
