package io.ssokit.config;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs botocore itself (Debian's python3-botocore under /usr/bin/python3) as the reference.
 * Without it the comparison tests are skipped, except under CI, where that is a failure.
 */
final class Botocore {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final String PYTHON = "/usr/bin/python3";
    private static Boolean available;

    private Botocore() {
    }

    static synchronized void assume() {
        if (available == null) {
            available = probe();
        }
        if (!available) {
            String reason = PYTHON + " with botocore is not available, so the comparison with botocore cannot run";
            if (System.getenv("CI") != null) {
                fail(reason + " (CI is set, so this is an error)");
            }
            Assumptions.abort(reason);
        }
    }

    private static boolean probe() {
        try {
            Process p = new ProcessBuilder(PYTHON, "-c", "import botocore.configloader").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** One botocore view per case: each case is {config path or null, credentials path or null}. */
    static List<JsonNode> views(List<Path[]> cases) throws IOException, InterruptedException {
        var req = JSON.createObjectNode().put("mode", "views");
        var arr = req.putArray("cases");
        for (Path[] c : cases) {
            var o = arr.addObject();
            o.put("config", c[0] == null ? null : c[0].toString());
            o.put("credentials", c[1] == null ? null : c[1].toString());
        }
        JsonNode out = run(req);
        return List.of(JSON.treeToValue(out, JsonNode[].class));
    }

    static JsonNode run(JsonNode request) throws IOException, InterruptedException {
        Path script = Files.createTempFile("botocore_oracle", ".py");
        try {
            try (InputStream in = Botocore.class.getResourceAsStream("/config/botocore_oracle.py")) {
                Files.write(script, in.readAllBytes());
            }
            ProcessBuilder pb = new ProcessBuilder(PYTHON, script.toString());
            Map<String, String> env = pb.environment();
            env.put("PYTHONUTF8", "1");
            env.remove("AWS_CONFIG_FILE");
            env.remove("AWS_SHARED_CREDENTIALS_FILE");
            env.remove("AWS_PROFILE");
            env.remove("AWS_DEFAULT_PROFILE");
            Process p = pb.start();
            try (OutputStream os = p.getOutputStream()) {
                os.write(JSON.writeValueAsBytes(request));
            }
            byte[] stdout = p.getInputStream().readAllBytes();
            String stderr = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                fail("botocore oracle failed: " + stderr);
            }
            return JSON.readTree(stdout);
        } finally {
            Files.deleteIfExists(script);
        }
    }
}
