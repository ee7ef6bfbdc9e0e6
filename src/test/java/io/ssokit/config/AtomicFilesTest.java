package io.ssokit.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ssokit.ExitCodes;
import io.ssokit.SsokitException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

    static String mode(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    static List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void newFileIs0600AndNewDirectoriesAre0700(@TempDir Path home) throws IOException {
        Path target = home.resolve(".aws").resolve("nested").resolve("config");
        AtomicFiles.write(target, "[default]\n");
        assertEquals("[default]\n", Files.readString(target));
        assertEquals("rw-------", mode(target));
        assertEquals("rwx------", mode(home.resolve(".aws")));
        assertEquals("rwx------", mode(home.resolve(".aws").resolve("nested")));
        assertEquals(List.of("config"), names(target.getParent()));
    }

    @Test
    void anExistingDirectoryKeepsItsMode(@TempDir Path home) throws IOException {
        Path aws = Files.createDirectory(home.resolve(".aws"));
        Files.setPosixFilePermissions(aws, PosixFilePermissions.fromString("rwxr-xr-x"));
        AtomicFiles.write(aws.resolve("config"), "x");
        assertEquals("rwxr-xr-x", mode(aws));
    }

    @Test
    void aLooserExistingFileIsTightenedTo0600(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("credentials");
        Files.writeString(target, "old");
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-r--r--"));
        AtomicFiles.write(target, "new");
        assertEquals("new", Files.readString(target));
        assertEquals("rw-------", mode(target));
    }

    @Test
    void aFailureBeforeTheRenameLeavesTheOldFileAndNoTempFile(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("config");
        Files.writeString(target, "old content\n");
        AtomicReference<String> seen = new AtomicReference<>();
        SsokitException e = assertThrows(SsokitException.class, () -> AtomicFiles.write(target,
                "new content\n".getBytes(StandardCharsets.UTF_8), temp -> {
                    try {
                        // the temp file is complete, private and in the target's directory
                        seen.set(Files.readString(temp) + "|" + mode(temp) + "|" + temp.getParent().equals(dir));
                    } catch (IOException x) {
                        throw new UncheckedIOException(x);
                    }
                    throw new UncheckedIOException(new IOException("No space left on device"));
                }));
        assertEquals("new content\n|rw-------|true", seen.get());
        assertEquals(ExitCodes.ERROR, e.exitCode());
        assertTrue(e.getMessage().contains("No space left on device"), e.getMessage());
        assertTrue(e.getMessage().startsWith("cannot write " + target), e.getMessage());
        assertEquals("old content\n", Files.readString(target));
        assertEquals(List.of("config"), names(dir));
    }

    @Test
    void aFailureWhenThereWasNoFileLeavesNothing(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("config");
        assertThrows(SsokitException.class, () -> AtomicFiles.write(target, new byte[] {1}, temp -> {
            throw new IllegalStateException("simulated crash");
        }));
        assertEquals(List.of(), names(dir));
    }

    @Test
    void aSymlinkIsWrittenThroughAndStaysASymlink(@TempDir Path home) throws IOException {
        Path dotfiles = Files.createDirectories(home.resolve("dotfiles").resolve("aws"));
        Path real = dotfiles.resolve("config");
        Files.writeString(real, "old");
        Path aws = Files.createDirectory(home.resolve(".aws"));
        Path link = aws.resolve("config");
        Files.createSymbolicLink(link, Path.of("..", "dotfiles", "aws", "config"));

        AtomicFiles.write(link, "new");

        assertTrue(Files.isSymbolicLink(link));
        assertEquals(Path.of("..", "dotfiles", "aws", "config"), Files.readSymbolicLink(link));
        assertEquals("new", Files.readString(real));
        assertEquals(List.of("config"), names(aws));
        assertEquals(List.of("config"), names(dotfiles));
    }

    @Test
    void aChainOfSymlinksAndADanglingOneAreFollowed(@TempDir Path dir) throws IOException {
        Path real = dir.resolve("real");
        Path middle = dir.resolve("middle");
        Path link = dir.resolve("link");
        Files.createSymbolicLink(middle, real);
        Files.createSymbolicLink(link, middle.getFileName());
        AtomicFiles.write(link, "created through two links");
        assertEquals("created through two links", Files.readString(real));
        assertTrue(Files.isSymbolicLink(link) && Files.isSymbolicLink(middle));
        assertEquals("rw-------", mode(real));
    }

    @Test
    void aSymlinkLoopIsAnError(@TempDir Path dir) throws IOException {
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        Files.createSymbolicLink(a, b);
        Files.createSymbolicLink(b, a);
        SsokitException e = assertThrows(SsokitException.class, () -> AtomicFiles.write(a, "x"));
        assertTrue(e.getMessage().contains("symbolic links"), e.getMessage());
    }

    @Test
    void aReadOnlyFileIsRefused(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("config");
        Files.writeString(target, "keep me");
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("r--------"));
        SsokitException e = assertThrows(SsokitException.class, () -> AtomicFiles.write(target, "x"));
        assertEquals(ExitCodes.ERROR, e.exitCode());
        assertTrue(e.getMessage().contains("read-only"), e.getMessage());
        assertEquals("keep me", Files.readString(target));
        assertEquals(List.of("config"), names(dir));
    }
}
