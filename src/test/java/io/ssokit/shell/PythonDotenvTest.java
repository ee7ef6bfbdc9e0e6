package io.ssokit.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ssokit.SsokitException;
import io.ssokit.testing.RealShell;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dotenv output read by the real python-dotenv, when a {@code python3} with it is at hand.
 * This is a cross-check of {@link DotenvDecoders}' model, which runs everywhere; CI does not
 * install python-dotenv (it is not in .ci/run), so there it is skipped, never failed.
 */
class PythonDotenvTest {
    private static final String READ = "import json, sys\nfrom dotenv import dotenv_values\n"
            + "print(json.dumps(dotenv_values(sys.argv[1]), ensure_ascii=True))\n";

    @TempDir
    Path dir;

    @Test
    void pythonDotenvReadsBackEveryValueWeAccept() throws Exception {
        Assumptions.assumeTrue(RealShell.available("python3"), "python3 is not installed");
        Path probe = dir.resolve("probe.py");
        Files.writeString(probe, "import dotenv\n");
        RealShell.Result has = RealShell.run(List.of("python3", probe.toString()), System.getenv(), dir, new byte[0]);
        Assumptions.assumeTrue(has.exit() == 0, "python-dotenv is not installed for python3");

        Map<String, String> want = new LinkedHashMap<>();
        List<String> values = Hostile.strings().sampleStream().limit(400).collect(Collectors.toList());
        values.addAll(Hostile.FRAGMENTS);
        int rejected = 0;
        for (String v : values) {
            String name = "V" + want.size();
            try {
                DataFormat.DOTENV.render(List.of(new EnvOp.Set(name, v)));
                want.put(name, v);
            } catch (SsokitException e) {
                rejected++;
            }
        }
        Path file = dir.resolve("test.env");
        List<EnvOp> ops = want.entrySet().stream().map(e -> (EnvOp) new EnvOp.Set(e.getKey(), e.getValue())).toList();
        Files.write(file, DataFormat.DOTENV.render(ops).getBytes(StandardCharsets.UTF_8));
        Path script = dir.resolve("read.py");
        Files.writeString(script, READ);
        RealShell.Result r = RealShell.run(List.of("python3", script.toString(), file.toString()), System.getenv(), dir, new byte[0]);
        assertEquals("", r.errText());
        assertEquals(0, r.exit());
        Map<String, String> got = new ObjectMapper().readValue(r.out(), new TypeReference<LinkedHashMap<String, String>>() { });
        assertEquals(want, got);
        System.out.println("python-dotenv read back " + want.size() + " values; " + rejected + " were rejected by the dotenv format");
    }
}
