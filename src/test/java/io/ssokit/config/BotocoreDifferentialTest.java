package io.ssokit.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hundreds of generated files, read by botocore and by AwsConfig: the same view or the same error. */
class BotocoreDifferentialTest {
    private static final int CASES = 400;

    @Test
    void generatedFilesReadTheSameAsInBotocore(@TempDir Path dir) throws Exception {
        Botocore.assume();
        RandomIni gen = new RandomIni(20240602L);
        List<Path[]> cases = new ArrayList<>();
        for (int i = 0; i < CASES; i++) {
            Path config = dir.resolve(i + ".config");
            Files.writeString(config, gen.document(false, i % 3 == 0));
            Path creds = null;
            if (i % 2 == 0) {
                creds = dir.resolve(i + ".credentials");
                Files.writeString(creds, gen.document(true, i % 12 == 4));
            }
            cases.add(new Path[] {config, creds});
        }
        List<JsonNode> expected = Botocore.views(cases);
        int errors = 0;
        int profiles = 0;
        for (int i = 0; i < CASES; i++) {
            Path[] c = cases.get(i);
            try {
                CorpusTest.compare(expected.get(i), c[0], c[1]);
            } catch (AssertionError e) {
                throw new AssertionError("case " + i + ": " + e.getMessage() + "\n--- config:\n"
                        + escape(Files.readString(c[0])) + (c[1] == null ? "" : "\n--- credentials:\n"
                        + escape(Files.readString(c[1]))), e);
            }
            if (expected.get(i).has("error")) {
                errors++;
            } else {
                profiles += expected.get(i).get("profile_order").size();
                for (Path p : c) {
                    if (p != null) {
                        byte[] bytes = Files.readAllBytes(p);
                        assertArrayEquals(bytes, IniDocument.parse(bytes, "x").render().getBytes(StandardCharsets.UTF_8));
                    }
                }
            }
        }
        // the generator must keep producing both kinds of file, or this test proves little
        Map<String, Integer> kinds = new TreeMap<>();
        for (JsonNode e : expected) {
            kinds.merge(e.path("error").asText("none"), 1, Integer::sum);
        }
        assertTrue(errors > CASES / 6 && CASES - errors > CASES / 3, "errors: " + errors + " " + kinds);
        assertTrue(kinds.size() == 6, "every kind of botocore error and clean files: " + kinds);
        assertTrue(profiles > CASES, "profiles: " + profiles);
    }

    static String escape(String s) {
        StringBuilder sb = new StringBuilder();
        for (char ch : s.toCharArray()) {
            if (ch == '\n') {
                sb.append("\\n\n");
            } else if (ch < 0x20 || (ch >= 0x7f && ch < 0xa0) || ch > 0x2000) {
                sb.append(String.format("\\u%04x", (int) ch));
            } else {
                sb.append(ch);
            }
        }
        return sb.toString();
    }
}
