package io.ssokit.sso;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The permission problems as a real second user meets them: a root-owned token (what
 * {@code sudo aws sso login} leaves behind) and a token its owner may not read. Needs root (to
 * switch to {@code nobody} with setpriv); skipped otherwise, as the in-process tests in
 * TokenCacheTest cover the same checks.
 */
class OtherUserTest {
    @TempDir
    Path dir;

    @Test
    void aRootOwnedTokenAndAnUnreadableOneAsSeenByNobody() throws Exception {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")),
                "needs root to run a child as another user");
        Path setpriv = Path.of("/usr/bin/setpriv");
        Assumptions.assumeTrue(Files.isExecutable(setpriv), "needs /usr/bin/setpriv");

        // everything the child needs must be readable by nobody (~/.m2 under /root is not)
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path jackson = Path.of(JsonFactory.class.getProtectionDomain().getCodeSource().getLocation()
                .toURI());
        Path jacksonCopy = dir.resolve("jackson-core.jar");
        Files.copy(jackson, jacksonCopy);
        Path classes = Path.of(TokenCache.class.getProtectionDomain().getCodeSource().getLocation()
                .toURI());
        Path testClasses = Path.of(ReadAsMain.class.getProtectionDomain().getCodeSource()
                .getLocation().toURI());

        TokenCache cache = new TokenCache(dir.resolve("cache"));
        cache.save("rootowned", TokenCacheTest.legacyToken());
        cache.save("unreadable", TokenCacheTest.legacyToken());
        Files.setPosixFilePermissions(cache.dir(), PosixFilePermissions.fromString("rwxr-xr-x"));
        UserPrincipal nobody = cache.dir().getFileSystem().getUserPrincipalLookupService()
                .lookupPrincipalByName("nobody");
        Files.setOwner(cache.file("unreadable"), nobody);
        Files.setPosixFilePermissions(cache.file("unreadable"),
                PosixFilePermissions.fromString("-w-------"));

        Process p = new ProcessBuilder(setpriv.toString(), "--reuid=65534", "--regid=65534",
                "--clear-groups", "--", Path.of(System.getProperty("java.home"), "bin", "java")
                        .toString(),
                "-cp", classes + ":" + testClasses + ":" + jacksonCopy, ReadAsMain.class.getName(),
                cache.file("rootowned").toString(), cache.file("unreadable").toString())
                .redirectErrorStream(true).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        List<String> lines = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
                .lines().toList();
        assertEquals(0, p.exitValue(), lines.toString());
        assertEquals(2, lines.size(), lines.toString());
        assertTrue(lines.get(0).startsWith("FOREIGN_OWNER file permission problem: "
                + cache.file("rootowned") + " is owned by root, not by nobody"), lines.get(0));
        assertTrue(lines.get(0).contains("sudo chown nobody '" + cache.file("rootowned") + "'"),
                lines.get(0));
        assertTrue(lines.get(1).startsWith("UNREADABLE file permission problem: cannot read "
                + cache.file("unreadable") + " (permission denied)"), lines.get(1));
        assertTrue(lines.get(1).contains("sudo chown"), lines.get(1));
    }
}
