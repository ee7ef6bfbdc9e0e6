package io.ssokit.config;

import io.ssokit.Env;
import io.ssokit.ExitCodes;
import io.ssokit.SsokitException;
import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A config or credentials file opened for editing:
 *
 * <pre>
 * ConfigFile file = ConfigFile.openConfig(env);
 * IniDocument doc = file.document();
 * doc.replaceAll(doc.profileHeader("dev"), values);
 * file.save();
 * </pre>
 *
 * {@link #open} refuses a file botocore could not read ({@link ConfigSyntaxException}), so
 * nothing is ever written over it. {@link #save} writes through {@link AtomicFiles} (0600, a
 * symlink is followed), does nothing when the document is unchanged, and refuses to overwrite a
 * file that changed on disk since it was read (another ssokit, the AWS CLI, an editor). That check
 * and the rename are not one atomic step: a write landing in between (microseconds) is lost.
 */
public final class ConfigFile {

    private final Path path;
    private final String displayName;
    private final IniDocument document;
    /** The bytes on disk when last read or written; null when there was no file. */
    private byte[] onDisk;

    private ConfigFile(Path path, String displayName, IniDocument document, byte[] onDisk) {
        this.path = path;
        this.displayName = displayName;
        this.document = document;
        this.onDisk = onDisk;
    }

    /** The config file named by AWS_CONFIG_FILE, else ~/.aws/config. */
    public static ConfigFile openConfig(Env env) {
        Path p = env.awsConfigFile();
        return open(p, displayName(env, p));
    }

    /** The credentials file named by AWS_SHARED_CREDENTIALS_FILE, else ~/.aws/credentials. */
    public static ConfigFile openCredentials(Env env) {
        Path p = env.awsCredentialsFile();
        return open(p, displayName(env, p));
    }

    /** A missing file opens as an empty document and is created by {@link #save}. */
    public static ConfigFile open(Path path, String displayName) {
        byte[] bytes = readIfFile(path, displayName);
        if (bytes == null && Files.exists(path)) {
            throw new SsokitException(ExitCodes.ERROR, displayName + " is not a regular file; nothing was written");
        }
        IniDocument doc = bytes == null ? IniDocument.empty(displayName) : IniDocument.parse(bytes, displayName);
        // botocore-level errors (a nested line without '=') count as malformed too
        doc.botocoreSections();
        return new ConfigFile(path, displayName, doc, bytes);
    }

    public IniDocument document() {
        return document;
    }

    public Path path() {
        return path;
    }

    public String displayName() {
        return displayName;
    }

    /**
     * Writes the document if it changed. Returns whether it wrote.
     *
     * @throws SsokitException ({@link ExitCodes#ERROR}) when the file changed on disk since it
     *     was read, or cannot be written; the file is then left as it was
     */
    public boolean save() {
        byte[] content = document.render().getBytes(StandardCharsets.UTF_8);
        if (onDisk == null ? content.length == 0 : Arrays.equals(content, onDisk)) {
            return false;
        }
        byte[] now = readIfFile(path, displayName);
        if (!Arrays.equals(now, onDisk)) {
            throw new SsokitException(ExitCodes.ERROR, displayName
                    + " was changed by another program after ssokit read it; nothing was written,"
                    + " run the command again");
        }
        AtomicFiles.write(path, content);
        onDisk = content;
        return true;
    }

    /** The file's document for reading: empty when it is missing or not a regular file. */
    static IniDocument read(Path path, String displayName) {
        byte[] bytes = readIfFile(path, displayName);
        return bytes == null ? IniDocument.empty(displayName) : IniDocument.parse(bytes, displayName);
    }

    /**
     * The file's bytes, or null when it is missing or not a regular file (botocore's {@code
     * os.path.isfile} test). Unlike botocore, which skips an unreadable file silently, a file that
     * exists but cannot be read is an error: a profile would otherwise vanish without a reason.
     */
    static byte[] readIfFile(Path path, String displayName) {
        // java.io rather than NIO channels: its classes are already loaded when the JVM starts,
        // which saves milliseconds on the credential-process hot path
        File file = path.toFile();
        if (!file.isFile()) {
            return null;
        }
        try (FileInputStream in = new FileInputStream(file)) {
            return in.readAllBytes();
        } catch (IOException e) {
            if (!file.canRead()) {
                throw new SsokitException(ExitCodes.ERROR, "cannot read " + displayName + ": permission denied", e);
            }
            throw new SsokitException(ExitCodes.ERROR, "cannot read " + displayName + ": " + e.getMessage(), e);
        }
    }

    /** The path as users think of it: under HOME it starts with {@code ~/}. */
    static String displayName(Env env, Path path) {
        Path home = env.home().toAbsolutePath();
        Path abs = path.toAbsolutePath();
        if (abs.startsWith(home) && !abs.equals(home)) {
            // StringBuilder, not '+': this runs on every credential-process call, and the first
            // string concatenation in a JVM costs milliseconds of invokedynamic bootstrap
            return new StringBuilder("~/").append(home.relativize(abs)).toString();
        }
        return path.toString();
    }
}
