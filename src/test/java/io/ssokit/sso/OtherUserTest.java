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
        // and so must the classes: the checkout may sit under a directory nobody cannot enter
        // (a fresh clone in a mktemp -d directory, a CI workspace under /root)
        Path classes = copyTree(Path.of(TokenCache.class.getProtectionDomain().getCodeSource().getLocation()
                .toURI()), dir.resolve("classes"));
        Path testClasses = dir.resolve("test-classes");
        Path main = Path.of(ReadAsMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        String own = ReadAsMain.class.getName().replace('.', '/');
        Files.createDirectories(testClasses.resolve(own).getParent());
        try (var all = Files.list(main.resolve(own).getParent())) {
            for (Path f : (Iterable<Path>) all::iterator) {
                if (f.getFileName().toString().startsWith("ReadAsMain")) {
                    Files.copy(f, testClasses.resolve(own).resolveSibling(f.getFileName().toString()));
                }
            }
        }
        readableByAll(testClasses);

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

    private static Path copyTree(Path from, Path to) throws java.io.IOException {
        try (var all = Files.walk(from)) {
            for (Path f : (Iterable<Path>) all::iterator) {
                Files.copy(f, to.resolve(from.relativize(f).toString()));
            }
        }
        readableByAll(to);
        return to;
    }

    private static void readableByAll(Path root) throws java.io.IOException {
        try (var all = Files.walk(root)) {
            for (Path f : (Iterable<Path>) all::iterator) {
                Files.setPosixFilePermissions(f, PosixFilePermissions.fromString(Files.isDirectory(f) ? "rwxr-xr-x" : "rw-r--r--"));
            }
        }
    }
}
