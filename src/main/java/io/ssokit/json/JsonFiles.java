package io.ssokit.json;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.ssokit.json.CacheFileException.Problem;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * The secret JSON files under ~/.aws: read with ownership and mode checks, write atomically.
 *
 * <p>Reads need no lock: every writer that goes through here replaces the file by rename, so a
 * reader sees the old content or the new, never half. The AWS CLI's own {@code JSONFileCache}
 * rewrites files in place (truncate, then write), so a read that races with the CLI can see a
 * torn file; {@link #readSecret} therefore retries a failed parse once before calling the file
 * corrupt.
 */
public final class JsonFiles {
    /** Parses one document from a parser positioned before its first token. */
    @FunctionalInterface
    public interface Reader<T> {
        T read(JsonParser p) throws IOException;
    }

    private static final Set<PosixFilePermission> OWNER_RW =
            EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    private static final Set<PosixFilePermission> OWNER_RWX = EnumSet.of(
            PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
            PosixFilePermission.OWNER_EXECUTE);
    private static final long TORN_READ_RETRY_MILLIS = 50;

    private JsonFiles() {
    }

    /**
     * Reads and parses a file that holds secrets.
     *
     * @return the parsed value, or null when the file does not exist
     * @throws CacheFileException when the file is owned by someone else, readable or writable by
     *     group or others, unreadable, or not the JSON {@code reader} expects. The file is never
     *     modified or deleted here.
     */
    public static <T> T readSecret(Path file, Reader<T> reader) {
        for (int attempt = 1; ; attempt++) {
            byte[] content = readSecretBytes(file);
            if (content == null) {
                return null;
            }
            try (JsonParser p = Json.parser(content)) {
                return reader.read(p);
            } catch (IOException e) {
                if (attempt == 1) {
                    pause();
                    continue;
                }
                throw corrupt(file, e);
            }
        }
    }

    /**
     * The bytes of a secret file after the ownership and mode checks, or null when it does not
     * exist.
     */
    public static byte[] readSecretBytes(Path file) {
        try {
            checkPrivate(file);
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return null;
        } catch (AccessDeniedException e) {
            throw unreadable(file);
        } catch (IOException e) {
            throw new CacheFileException(Problem.UNREADABLE, file, new StringBuilder("cannot read ")
                    .append(file).append(": ").append(describe(e)).toString());
        }
    }

    /**
     * Checks that the file belongs to the current user and that group and others have no access.
     * Does nothing on file systems without POSIX attributes (Windows).
     *
     * @throws NoSuchFileException when the file does not exist
     */
    public static void checkPrivate(Path file) throws IOException {
        PosixFileAttributes attrs;
        try {
            attrs = Files.readAttributes(file, PosixFileAttributes.class);
        } catch (UnsupportedOperationException e) {
            return;
        }
        String owner = attrs.owner().getName();
        String me = currentUser();
        if (me != null && !me.equals(owner)) {
            throw new CacheFileException(Problem.FOREIGN_OWNER, file, new StringBuilder(
                    "file permission problem: ").append(file).append(" is owned by ").append(owner)
                    .append(", not by ").append(me)
                    .append(". It was probably written by a command run with sudo (such as"
                            + " 'sudo aws sso login'). Give it back with: sudo chown ")
                    .append(me).append(" '").append(file)
                    .append("', or delete it and log in again").toString());
        }
        Set<PosixFilePermission> perms = attrs.permissions();
        for (PosixFilePermission perm : perms) {
            if (perm != PosixFilePermission.OWNER_READ && perm != PosixFilePermission.OWNER_WRITE
                    && perm != PosixFilePermission.OWNER_EXECUTE) {
                throw new CacheFileException(Problem.INSECURE_PERMISSIONS, file, new StringBuilder(
                        "file permission problem: ").append(file).append(" has mode ")
                        .append(octal(perms))
                        .append(", so other users can read or change the secrets in it."
                                + " Fix it with: chmod 600 '")
                        .append(file).append('\'').toString());
            }
        }
    }

    /**
     * Writes {@code content} to {@code file} atomically: a private temporary file in the same
     * directory, fsync, rename over the target, fsync of the directory. The result has mode 0600;
     * missing directories are created with 0700. On failure the target is untouched and the
     * temporary file is removed.
     */
    public static void writeAtomically(Path file, byte[] content) {
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = null;
        try {
            createPrivateDirectories(dir);
            tmp = createPrivateTempFile(dir, file.getFileName().toString());
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ByteBuffer buf = ByteBuffer.wrap(content);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
            syncDirectory(dir);
        } catch (IOException e) {
            throw new CacheFileException(Problem.WRITE_FAILED, file, new StringBuilder(
                    "cannot write ").append(file).append(": ").append(describe(e)).toString());
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the write already failed and says so; a stray hidden .tmp file is harmless
                }
            }
        }
    }

    /**
     * The file for a cache entry: {@code dir/key + suffix}. Keys are file names chosen by the AWS
     * CLI's schemes (hex digests, {@code botocore-client-id-<region>}); anything that could
     * leave the directory or hide the file is refused.
     *
     * @throws IllegalArgumentException for an empty key or one with characters other than
     *     {@code A-Z a-z 0-9 . _ -}, or starting with a dot
     */
    public static Path entry(Path dir, String key, String suffix) {
        boolean ok = !key.isEmpty() && key.charAt(0) != '.';
        for (int i = 0; ok && i < key.length(); i++) {
            char c = key.charAt(i);
            ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '_' || c == '-';
        }
        if (!ok) {
            throw new IllegalArgumentException(new StringBuilder("not a cache key: '").append(key)
                    .append('\'').toString());
        }
        return dir.resolve(key.concat(suffix));
    }

    /** Deletes the file; false when it did not exist. */
    public static boolean delete(Path file) {
        try {
            return Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new CacheFileException(Problem.WRITE_FAILED, file, new StringBuilder(
                    "cannot delete ").append(file).append(": ").append(describe(e)).toString());
        }
    }

    /** Creates the directory and its missing parents with mode 0700; existing ones are kept. */
    public static void createPrivateDirectories(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        try {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(OWNER_RWX));
        } catch (UnsupportedOperationException e) {
            Files.createDirectories(dir);
        } catch (FileAlreadyExistsException e) {
            if (!Files.isDirectory(dir)) {
                throw e;
            }
        }
    }

    /** The attribute that creates a file with mode 0600, or none where POSIX modes do not exist. */
    public static FileAttribute<?>[] ownerOnlyFileAttributes(Path dir) {
        if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_RW)};
        }
        return new FileAttribute<?>[0];
    }

    private static Path createPrivateTempFile(Path dir, String name) throws IOException {
        // hidden and not ending in .json, so no cache reader ever takes it for an entry
        String prefix = new StringBuilder(".").append(name).append('.').toString();
        return Files.createTempFile(dir, prefix, ".tmp", ownerOnlyFileAttributes(dir));
    }

    private static void syncDirectory(Path dir) {
        // makes the rename itself durable; not every platform can open a directory, and the data
        // is already safe in the renamed file, so failure here is not an error
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | RuntimeException ignored) {
            // see above
        }
    }

    private static String currentUser() {
        String me = System.getProperty("user.name");
        // root reads every file anyway, and a uid without a passwd entry has no comparable name
        if (me == null || me.isEmpty() || me.equals("?") || me.equals("root")) {
            return null;
        }
        return me;
    }

    private static CacheFileException unreadable(Path file) {
        String owner = null;
        try {
            owner = Files.getOwner(file).getName();
        } catch (IOException | RuntimeException ignored) {
            // the hint below works without it
        }
        StringBuilder msg = new StringBuilder("file permission problem: cannot read ").append(file)
                .append(" (permission denied)");
        if (owner != null) {
            msg.append("; it is owned by ").append(owner);
        }
        msg.append(". Check the file's owner: a command run with sudo (such as 'sudo aws sso login')"
                + " leaves root-owned files behind. Fix with: sudo chown \"$USER\" '")
                .append(file).append("', or delete it and log in again");
        return new CacheFileException(Problem.UNREADABLE, file, msg.toString());
    }

    private static CacheFileException corrupt(Path file, IOException e) {
        StringBuilder msg = new StringBuilder("cannot use ").append(file).append(": ");
        if (e instanceof JsonShapeException) {
            msg.append(e.getMessage());
        } else if (e instanceof JsonProcessingException) {
            // Jackson's message quotes the offending input, which may be a token: position only
            JsonLocation at = ((JsonProcessingException) e).getLocation();
            msg.append("it is not valid JSON");
            if (at != null && at.getLineNr() > 0) {
                msg.append(" (line ").append(at.getLineNr()).append(", column ")
                        .append(at.getColumnNr()).append(')');
            }
        } else {
            msg.append(describe(e));
        }
        msg.append(". The file was left as it is; delete it to start afresh");
        return new CacheFileException(Problem.CORRUPT, file, msg.toString());
    }

    /** An I/O failure in words, without the exception's free text where that could echo data. */
    private static String describe(IOException e) {
        String kind = e.getClass().getSimpleName();
        String reason = e instanceof FileSystemException
                ? ((FileSystemException) e).getReason() : e.getMessage();
        return reason == null ? kind : new StringBuilder(kind).append(" (").append(reason)
                .append(')').toString();
    }

    private static String octal(Set<PosixFilePermission> perms) {
        int mode = 0;
        for (PosixFilePermission p : perms) {
            mode |= 1 << (8 - p.ordinal());
        }
        String digits = Integer.toOctalString(mode);
        StringBuilder b = new StringBuilder("0");
        for (int i = digits.length(); i < 3; i++) {
            b.append('0');
        }
        return b.append(digits).toString();
    }

    private static void pause() {
        try {
            Thread.sleep(TORN_READ_RETRY_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
