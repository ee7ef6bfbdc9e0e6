package io.ssokit.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ssokit.SsokitException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Round trips through faithful models of the readers we cannot run here: PowerShell's verbatim
 * strings and Invoke-Expression's line splitting, cmd.exe's line parser, docker compose's and
 * python-dotenv's dotenv readers; and JSON through a real JSON parser. For the formats that reject
 * characters, the property is two-sided: a value is accepted exactly when the reader would get it
 * back unchanged, and then it does.
 */
class DecoderPropertiesTest {
    private static final String CMD_FORBIDDEN = "%!\"\n\r\u001a";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Provide
    Arbitrary<String> hostile() {
        return Hostile.strings();
    }

    @Provide
    Arbitrary<List<String>> batch() {
        return Hostile.strings().list().ofMinSize(1).ofMaxSize(10);
    }

    /** Hostile strings, half of them with cmd's forbidden characters taken out so most are carried. */
    @Provide
    Arbitrary<String> forCmd() {
        return Arbitraries.oneOf(Hostile.strings(), Hostile.strings().map(s -> strip(s, CMD_FORBIDDEN)));
    }

    @Provide
    Arbitrary<String> forDotenv() {
        return Arbitraries.oneOf(Hostile.strings(), Hostile.strings().map(s -> strip(s, "'\\\r").replace("${", "$")));
    }

    @Property(tries = 2000)
    void powershellQuoteDecodesToTheValueAndIsPrintableAscii(@ForAll("hostile") String value) {
        String quoted = Dialects.POWERSHELL.quote(value);
        for (int i = 0; i < quoted.length(); i++) {
            char c = quoted.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                throw new AssertionError("non-printable-ASCII char U+" + Integer.toHexString(c) + " at " + i + " of " + quoted);
            }
        }
        assertEquals(value, PowerShellDecoder.expression(quoted));
    }

    @Property(tries = 300)
    void powershellScriptRunsLineByLineToTheModel(@ForAll("batch") List<String> values) {
        List<EnvOp> ops = new ArrayList<>();
        Map<String, String> want = new LinkedHashMap<>();
        want.put("KEEP", "kept");
        want.put("GONE", "x");
        for (int i = 0; i < values.size(); i++) {
            ops.add(new EnvOp.Set("V" + i, values.get(i)));
            want.put("V" + i, values.get(i));
        }
        ops.add(new EnvOp.Unset("GONE"));
        ops.add(new EnvOp.Unset("NEVER_SET"));
        Map<String, String> got = PowerShellDecoder.run(Dialects.POWERSHELL.render(ops), Map.of("KEEP", "kept", "GONE", "x"));
        want.remove("GONE");
        assertEquals(want, got);
    }

    @Property(tries = 2000)
    void cmdSetCarriesExactlyWhatItAccepts(@ForAll("forCmd") String value) {
        boolean carryable = !value.isEmpty() && strip(value, CMD_FORBIDDEN).equals(value);
        if (!carryable) {
            assertEquals(2, assertThrows(SsokitException.class, () -> Dialects.CMD.set("V", value)).exitCode());
            return;
        }
        String script = Dialects.CMD.render(List.of(new EnvOp.Set("V", value), new EnvOp.Unset("GONE")));
        Map<String, String> initial = Map.of("GONE", "x");
        assertEquals(Map.of("V", value), CmdDecoder.run(script, initial, false));
        assertEquals(Map.of("V", value), CmdDecoder.run(script, initial, true));
    }

    @Property(tries = 1000)
    void cmdQuotedWordReadsBackForCmdAndForPrograms(@ForAll("forCmd") String value) {
        boolean carryable = strip(value, CMD_FORBIDDEN).equals(value) && !value.endsWith("\\");
        if (!carryable) {
            assertThrows(SsokitException.class, () -> Dialects.CMD.quote(value));
            return;
        }
        assertEquals(value, CmdDecoder.word(Dialects.CMD.quote(value), true));
    }

    @Property(tries = 2000)
    void dotenvIsReadIdenticallyByComposeAndPythonDotenv(@ForAll("forDotenv") String value) {
        boolean carryable = strip(value, "'\\\r").equals(value) && !value.contains("${");
        List<EnvOp> ops = List.of(new EnvOp.Set("A", value), new EnvOp.Set("B", "b"), new EnvOp.Unset("B"));
        if (!carryable) {
            assertEquals(2, assertThrows(SsokitException.class, () -> DataFormat.DOTENV.render(ops)).exitCode());
            return;
        }
        String file = DataFormat.DOTENV.render(ops);
        assertEquals(Map.of("A", value), DotenvDecoders.compose(file));
        assertEquals(Map.of("A", value), DotenvDecoders.python(file, Map.of("HOME", "/home/x")));
    }

    @Property(tries = 500)
    void jsonParsesBackToTheResultingEnvironment(@ForAll("batch") List<String> values) throws Exception {
        List<EnvOp> ops = new ArrayList<>();
        Map<String, String> want = new LinkedHashMap<>();
        for (int i = 0; i < values.size(); i++) {
            ops.add(new EnvOp.Set("V" + i, values.get(i)));
            want.put("V" + i, values.get(i));
        }
        ops.add(new EnvOp.Unset("V0"));
        want.remove("V0");
        String json = DataFormat.JSON.render(ops);
        for (int i = 0; i < json.length(); i++) {
            assertTrue(json.charAt(i) < 0x80, "JSON output is ASCII");
        }
        Map<String, String> got = JSON.readValue(json, new TypeReference<LinkedHashMap<String, String>>() { });
        assertEquals(want, got);
        assertEquals(new ArrayList<>(want.keySet()), new ArrayList<>(got.keySet()), "order of first set");
    }

    private static String strip(String s, String chars) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) < 0) {
                sb.append(s.charAt(i));
            }
        }
        return sb.toString();
    }
}
