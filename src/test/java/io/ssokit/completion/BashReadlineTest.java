package io.ssokit.completion;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ssokit.testing.RealShell;
import io.ssokit.testing.Tools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What TAB really leaves on the line in an interactive bash: readline, not a model of it, decides
 * which part of the word a reply replaces and closes an open quote. Typed into bash through a
 * pseudo-terminal that zsh's zpty module provides.
 */
class BashReadlineTest {
    @TempDir
    Path dir;

    @Test
    void insertionIsQuotedAsTheWordIs() throws IOException {
        RealShell.require("bash");
        RealShell.require("zsh");
        CompletionFixture fx = new CompletionFixture(dir);
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("ssokit use dev\\ s", "ssokit use dev\\ space ");
        expected.put("ssokit use 'dev s", "ssokit use 'dev space' ");
        expected.put("ssokit use \"it", "ssokit use \"it's\" ");
        expected.put("ssokit use it", "ssokit use it\\'s ");
        expected.put("ssokit roles --output=j", "ssokit roles --output=json ");
        expected.put("ssokit roles -u https://b", "ssokit roles -u https://b.awsapps.com/start ");
        expected.put("ssokit roles -a 222222222222 -r R", "ssokit roles -a 222222222222 -r ReadOnly ");
        expected.put("ssokit use q", "ssokit use q\\$\\(touch\\ pwned\\)\\`touch\\ pwned2\\` ");
        expected.put("ssokit use 'q", "ssokit use 'q$(touch pwned)`touch pwned2`' ");
        expected.put("ssokit use zzz", "ssokit use zzz");
        Path resources = Tools.projectDir().resolve("src/test/resources/completion");
        Path cases = dir.resolve("cases");
        Files.writeString(cases, String.join("\n", expected.keySet()) + "\n");
        Map<String, String> env = fx.env();
        env.put("__T_OUT", dir.resolve("record").toString());
        env.put("__T_CASES", cases.toString());
        env.put("__T_SCRIPT", fx.script(CompletionScripts.Shell.BASH).toString());
        env.put("__T_SETUP", resources.resolve("bash-setup.bash").toString());
        RealShell.Result r = RealShell.run(List.of("zsh", "-f", resources.resolve("bash-drive.zsh").toString()), env, dir, new byte[0]);
        assertEquals(0, r.exit(), r.errText());
        fx.assertNothingRan(dir);
        List<String> lines = new ArrayList<>();
        for (String l : r.outText().split("\n")) {
            if (l.startsWith("B:")) {
                lines.add(l.substring(2));
            }
        }
        assertEquals(new ArrayList<>(expected.values()), lines, r.outText());
    }
}
