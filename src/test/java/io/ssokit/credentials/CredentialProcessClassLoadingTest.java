package io.ssokit.credentials;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ssokit.Env;
import io.ssokit.Main;
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
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code ssokit credential-process --profile P} on a role-cache hit, in a fresh JVM through
 * {@link Main} as the launcher runs it: the fast path answers, and none of the machinery that the
 * hot path exists to avoid is loaded (the whole test classpath is there, so a stray reference
 * would load it).
 */
class CredentialProcessClassLoadingTest {
    /** Classes that cost start-up time and have no business on a cache hit. */
    static final List<String> FORBIDDEN = List.of(
            "picocli.",
            "software.amazon.awssdk.",
            // not even jackson-core: the hit path reads and writes its two small texts by hand
            "com.fasterxml.jackson.",
            "org.jline.",
            "com.github.mustachejava.",
            "org.slf4j.",
            // HTTP clients
            "java.net.http.",
            "java.net.HttpURLConnection",
            "sun.net.www.protocol.http.",
            // JCA provider bootstrap, formatters, regular expressions
            "java.security.MessageDigest",
            "sun.security.provider.",
            "java.time.format.DateTimeFormatter",
            "java.util.Formatter",
            "java.util.regex.",
            // the full command's machinery
            "io.ssokit.cli.CommandFactory",
            "io.ssokit.cli.CredentialProcessCommand",
            "io.ssokit.credentials.SsoPortalFetch",
            "io.ssokit.aws.",
            "io.ssokit.lock.");

    @TempDir
    Path home;

    @ParameterizedTest
    @ValueSource(strings = {"--profile dev", "--profile=dev", "--profile corp-dev"})
    void aCacheHitLoadsNoneOfTheHeavyMachinery(String args) throws IOException {
        Files.createDirectories(home.resolve(".aws"));
        Files.writeString(home.resolve(".aws/config"), CredentialProcessTest.DEV_PROFILE + "\n"
                + CredentialProcessTest.SESSION_PROFILE);
        Instant expiration = Instant.now().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
        Credentials creds = new Credentials("ASIAHOTPATHEXAMPLE01", "hot/secret+key=", "hot/session+token=="
                .repeat(40), expiration, "111111111111");
        CredentialCache cache = CredentialCache.of(new Env(Map.of(), home));
        String start = CredentialProcessTest.START;
        cache.save(CredentialCache.ssoKey("111111111111", "Developer", start, null), creds, "sso");
        cache.save(CredentialCache.ssoKey("111111111111", "Developer", start, "corp"), creds, "sso");

        Path log = home.resolve("classes.log");
        List<String> argv = new ArrayList<>(List.of("credential-process"));
        argv.addAll(List.of(args.split(" ")));
        ChildJvm.Result r = ChildJvm.run(List.of("-Xlog:class+load=info:file=" + log), Main.class, argv,
                Map.of("HOME", home.toString())).requireSuccess();
        assertEquals(CredentialProcessOutput.json(creds) + "\n", r.stdout());
        assertEquals("", r.stderr());

        List<String> loaded = new ArrayList<>();
        List<String> spun = new ArrayList<>();
        for (String line : Files.readAllLines(log)) {
            int at = line.indexOf("[class,load] ");
            if (at >= 0) {
                String rest = line.substring(at + "[class,load] ".length());
                String name = rest.substring(0, rest.indexOf(' '));
                loaded.add(name);
                // classes generated at run time: lambdas, indy string concatenation
                if (rest.contains("source: __JVM_LookupDefineClass__") || name.contains("$$Lambda")) {
                    spun.add(name);
                }
            }
        }
        assertTrue(loaded.contains("io.ssokit.cli.FastPath"), "answered by the fast path");
        assertTrue(loaded.contains("io.ssokit.credentials.FastCredentialJson"), "the log is complete");
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
        assertFalse(loaded.size() > 900, "class count: " + loaded.size());
    }
}
