package io.ssokit.completion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ssokit.testing.Tools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * PowerShell cannot run here, so its script is pinned by a golden file (the fixture tree; the real
 * tree is pinned by completions/ssokit.ps1) and checked for what can be checked without it:
 * brackets balance outside strings and comments, every helper it calls is defined, it is pure ASCII
 * (Windows PowerShell 5.1 reads a file without BOM in the ANSI code page), and it registers a
 * native completer for ssokit. Regenerate the golden file with -Dssokit.updateCompletions=true.
 */
class PowerShellScriptTest {
    static final Path GOLDEN = Tools.projectDir().resolve("src/test/resources/completion/golden/fixture.ps1");

    static String fixtureScript() {
        return CompletionScripts.render(CompletionScripts.Shell.POWERSHELL, FixtureCommands.model());
    }

    @Test
    void goldenFile() throws IOException {
        String script = fixtureScript();
        if (Boolean.getBoolean("ssokit.updateCompletions")) {
            Files.createDirectories(GOLDEN.getParent());
            Files.writeString(GOLDEN, script, StandardCharsets.UTF_8);
        }
        assertEquals(Files.readString(GOLDEN, StandardCharsets.UTF_8), script,
                "the PowerShell script drifted from " + GOLDEN + "; regenerate with " + CompletionScriptsTest.REGENERATE
                        .replace("CompletionScriptsTest", "PowerShellScriptTest") + " and review the diff");
    }

    @Test
    void bracketsBalanceOutsideStringsAndComments() throws IOException {
        for (String script : scripts()) {
            Deque<Character> open = new ArrayDeque<>();
            int line = 1;
            for (int i = 0; i < script.length(); i++) {
                char c = script.charAt(i);
                if (c == '\n') {
                    line++;
                } else if (c == '#') {
                    while (i + 1 < script.length() && script.charAt(i + 1) != '\n') {
                        i++;
                    }
                } else if (c == '\'') {
                    // a verbatim string: '' is a quote inside it
                    i++;
                    while (!(script.charAt(i) == '\'' && (i + 1 >= script.length() || script.charAt(i + 1) != '\''))) {
                        i += script.charAt(i) == '\'' ? 2 : 1;
                    }
                } else if (c == '"') {
                    i++;
                    while (script.charAt(i) != '"') {
                        i += script.charAt(i) == '`' ? 2 : 1;
                    }
                } else if (c == '`') {
                    i++;
                } else if ("({[".indexOf(c) >= 0) {
                    open.push(c);
                } else if (")}]".indexOf(c) >= 0) {
                    char o = open.isEmpty() ? '?' : open.pop();
                    assertEquals("({[".charAt(")}]".indexOf(c)), o, "unbalanced '" + c + "' at line " + line);
                }
            }
            assertTrue(open.isEmpty(), "unclosed " + open);
        }
    }

    @Test
    void everyHelperItCallsIsDefined() throws IOException {
        for (String script : scripts()) {
            Set<String> defined = new TreeSet<>();
            Matcher d = Pattern.compile("(?m)^function (__ssokit_\\w+)").matcher(script);
            while (d.find()) {
                defined.add(d.group(1));
            }
            Set<String> used = new TreeSet<>();
            Matcher u = Pattern.compile("__ssokit_\\w+").matcher(script);
            while (u.find()) {
                used.add(u.group());
            }
            used.removeAll(defined);
            assertEquals(Set.of(), used, "called but not defined");
        }
    }

    @Test
    void pureAsciiAndRegistersANativeCompleter() throws IOException {
        for (String script : scripts()) {
            for (int i = 0; i < script.length(); i++) {
                assertTrue(script.charAt(i) < 0x80 && (script.charAt(i) >= 0x20 || script.charAt(i) == '\n'),
                        "non-ASCII or control character at offset " + i);
            }
            assertTrue(script.contains("Register-ArgumentCompleter -Native -CommandName ssokit -ScriptBlock {"));
        }
    }

    private static java.util.List<String> scripts() throws IOException {
        return java.util.List.of(fixtureScript(),
                Files.readString(Tools.projectDir().resolve("completions/ssokit.ps1"), StandardCharsets.UTF_8));
    }
}
