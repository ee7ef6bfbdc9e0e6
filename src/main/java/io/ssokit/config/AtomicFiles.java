package io.ssokit.config;

import io.ssokit.ExitCodes;
import io.ssokit.SsokitException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Writes a file so that readers see either the old content or the new, never a mix: a temp file
 * in the same directory, written and fsync'd, then renamed over the target with {@code
 * ATOMIC_MOVE}, then the directory fsync'd.
 *
 * <ul>
 *   <li>The written file is always 0600 (where the file system has POSIX permissions): these
 *       files hold secrets, so a looser existing mode is tightened, never copied. The temp file
 *       is created 0600, so no other user can open it even for an instant.
 *   <li>Missing parent directories are created 0700.
 *   <li>A symlink is followed to its final target, which is replaced in its own directory; the
 *       link itself stays (dotfiles repositories keep ~/.aws/config as a link).
 *   <li>An existing target we may not write, or whose owner-write bit is off (made read-only on
 *       purpose; checked by bit so that root is refused too), is refused.
 *   <li>A failure before the rename leaves the target untouched and removes the temp file.
 * </ul>
 *
 * Failures are reported as {@link SsokitException} with {@link ExitCodes#ERROR}.
 */
public final class AtomicFiles {

    private static final Set<PosixFilePermission> FILE_MODE =
            EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    private static final Set<PosixFilePermission> DIR_MODE = EnumSet.of(PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE);
    private static final int MAX_LINKS = 40;

    private AtomicFiles() {
    }

    public static void write(Path target, String content) {
        write(target, content.getBytes(StandardCharsets.UTF_8), null);
    }

    public static void write(Path target, byte[] content) {
        write(target, content, null);
    }

    /**
     * @param beforeRename called with the complete temp file just before the rename; tests use
     *     it to simulate a crash or a full disk at the worst moment
     */
    static void write(Path target, byte[] content, Consumer<Path> beforeRename) {
        Path real;
        try {
            real = followLinks(target.toAbsolutePath());
        } catch (IOException e) {
            throw failure(target, e);
        }
        Path dir = real.getParent();
        boolean posix = dir.getFileSystem().supportedFileAttributeViews().contains("posix");
        Path temp = null;
        try {
            createDirectories(dir, posix);
            if (Files.exists(real) && (!Files.isWritable(real)
                    || posix && !Files.getPosixFilePermissions(real).contains(PosixFilePermission.OWNER_WRITE))) {
                throw new SsokitException(ExitCodes.ERROR, "cannot write " + target
                        + ": the file is read-only; nothing was written");
            }
            temp = posix
                    ? Files.createTempFile(dir, "." + real.getFileName() + ".", ".tmp",
                            PosixFilePermissions.asFileAttribute(FILE_MODE))
                    : Files.createTempFile(dir, "." + real.getFileName() + ".", ".tmp");
            if (posix) {
                // the creation mode was filtered by the umask; make it exactly 0600
                Files.setPosixFilePermissions(temp, FILE_MODE);
            }
            try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buf = ByteBuffer.wrap(content);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            if (beforeRename != null) {
                beforeRename.accept(temp);
            }
            Files.move(temp, real, StandardCopyOption.ATOMIC_MOVE);
            temp = null;
        } catch (IOException | RuntimeException e) {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            if (e instanceof SsokitException) {
                throw (SsokitException) e;
            }
            throw failure(target, e);
        }
        syncDirectory(dir);
    }

    /** The final target of a chain of symlinks; a dangling link yields the path it points to. */
    static Path followLinks(Path path) throws IOException {
        Path current = path;
        for (int i = 0; i < MAX_LINKS; i++) {
            if (!Files.isSymbolicLink(current)) {
                return current;
            }
            // resolveSibling keeps relative links relative to the link's own directory
            current = current.resolveSibling(Files.readSymbolicLink(current));
        }
        throw new FileSystemException(path.toString(), null, "too many levels of symbolic links");
    }

    private static void createDirectories(Path dir, boolean posix) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        Path parent = dir.getParent();
        if (parent != null) {
            createDirectories(parent, posix);
        }
        try {
            Files.createDirectory(dir);
            if (posix) {
                Files.setPosixFilePermissions(dir, DIR_MODE);
            }
        } catch (FileAlreadyExistsException e) {
            if (!Files.isDirectory(dir)) {
                throw e;
            }
        }
    }

    /**
     * Makes the rename itself durable. Some file systems cannot fsync a directory; the rename
     * has happened by then, so that is not worth failing the command for.
     */
    private static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException ignored) {
            // durability is best effort here; atomicity was already guaranteed by the rename
        }
    }

    private static SsokitException failure(Path target, Exception e) {
        String reason;
        if (e instanceof AccessDeniedException) {
            reason = "permission denied";
        } else if (e instanceof FileSystemException && ((FileSystemException) e).getReason() != null) {
            reason = ((FileSystemException) e).getReason();
        } else if (e.getMessage() != null) {
            reason = e.getMessage();
        } else {
            reason = e.getClass().getSimpleName();
        }
        return new SsokitException(ExitCodes.ERROR, "cannot write " + target + ": " + reason
                + "; the file was left as it was", e);
    }
}
