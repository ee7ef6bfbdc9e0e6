package io.ssokit.credentials;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ssokit.json.ChildJvm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A role-credential cache hit, rendered as credential_process JSON in a fresh JVM, must not load
 * the heavy machinery that the hot path exists to avoid. The whole test classpath (SDK,
 * databind, JLine, Mustache, picocli) is available to the child, so a stray reference would load.
 */
class HotPathClassLoadingTest {
    /** Packages and classes that cost start-up time and have no business on a cache hit. */
    static final List<String> FORBIDDEN = List.of(
            "software.amazon.awssdk.",
            "com.fasterxml.jackson.databind.",
            "org.jline.",
            "com.github.mustachejava.",
            "picocli.",
            "org.slf4j.",
            // JCA provider bootstrap (~35 ms on JDK 17), formatters, regular expressions
            "java.security.MessageDigest",
            "sun.security.provider.",
            "java.time.format.DateTimeFormatter",
            "java.util.Formatter",
            "java.util.regex.");

    @TempDir
    Path home;

    @Test
    void aCacheHitLoadsNoSdkDatabindJlineMustachePicocliOrCrypto() throws IOException {
        Instant expiration = Instant.now().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
        Credentials creds = new Credentials("ASIAHOT", "hot/secret", "hot-token", expiration,
                "123456789012");
        String start = "https://example.awsapps.com/start";
        CredentialCache.of(new io.ssokit.Env(Map.of(), home)).save(
                CredentialCache.ssoKey("123456789012", "Developer", start, null), creds, "sso");

        Path log = home.resolve("classes.log");
        ChildJvm.Result r = ChildJvm.run(List.of("-Xlog:class+load=info:file=" + log),
                HotPathMain.class, List.of(home.toString(), "123456789012", "Developer", start),
                Map.of()).requireSuccess();
        assertEquals(CredentialProcessOutput.json(creds) + "\n", r.stdout());

        List<String> loaded = new ArrayList<>();
        List<String> spun = new ArrayList<>();
        for (String line : Files.readAllLines(log)) {
            // "[0.012s][info][class,load] java.lang.Object source: shared objects file"
            int at = line.indexOf("[class,load] ");
            if (at >= 0) {
                String rest = line.substring(at + "[class,load] ".length());
                String name = rest.substring(0, rest.indexOf(' '));
                loaded.add(name);
                // classes generated at run time: an invokedynamic bootstrap (a lambda, or
                // indy string concatenation, which measured ~30 ms on its first use)
                if (rest.contains("source: __JVM_LookupDefineClass__") || name.contains("$$Lambda")) {
                    spun.add(name);
                }
            }
        }
        assertTrue(loaded.contains("io.ssokit.credentials.CredentialCache"), "the log is complete");
        assertTrue(loaded.contains("com.fasterxml.jackson.core.JsonFactory"), "streaming is used");
        List<String> offenders = new ArrayList<>();
        for (String c : loaded) {
            for (String f : FORBIDDEN) {
                if (c.startsWith(f)) {
                    offenders.add(c);
                }
            }
        }
        assertEquals(List.of(), offenders, "classes loaded on the hot path");
        assertEquals(List.of(), spun, "invokedynamic bootstraps on the hot path");
    }
}
