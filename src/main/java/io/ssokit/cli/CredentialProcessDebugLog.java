package io.ssokit.cli;

import io.ssokit.Env;
import io.ssokit.Log;
import io.ssokit.Version;
import io.ssokit.json.JsonFiles;
import io.ssokit.json.Timestamps;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.EnumSet;

/**
 * aws-sso-util's credential-process debug log, {@code ~/.aws/sso/aws-sso-credential-process-log.txt}:
 * written only when asked for ({@code -v}/{@code --debug} or {@code AWS_SSO_CREDENTIAL_PROCESS_DEBUG}),
 * truncated at every run, mode 0600. It holds the whole trail including the credentials printed,
 * which is why it exists only on request: the SDK that runs a credential_process usually hides
 * the process's stderr, so a file is the only place a user can see what happened.
 */
final class CredentialProcessDebugLog implements AutoCloseable {
    static final String FILE_NAME = "aws-sso-credential-process-log.txt";

    private final Path file;
    private final PrintWriter writer;
    private final Log log;

    private CredentialProcessDebugLog(Path file, PrintWriter writer) {
        this.file = file;
        this.writer = writer;
        this.log = new Log(writer, 2);
    }

    /** The log file of this environment's home (beside the SSO token cache, as aws-sso-util puts it). */
    static Path path(Env env) {
        return env.home().resolve(".aws").resolve("sso").resolve(FILE_NAME);
    }

    /**
     * Opens (creates or truncates) the log file with mode 0600; an existing file with a wider mode
     * is narrowed before anything is written to it.
     *
     * @throws IOException when the file cannot be created or opened
     */
    static CredentialProcessDebugLog open(Env env) throws IOException {
        Path file = path(env);
        JsonFiles.createPrivateDirectories(file.getParent());
        FileChannel ch = FileChannel.open(file, EnumSet.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING), JsonFiles.ownerOnlyFileAttributes(file.getParent()));
        try {
            if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            }
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
        PrintWriter w = new PrintWriter(new BufferedWriter(new OutputStreamWriter(Channels.newOutputStream(ch),
                StandardCharsets.UTF_8)), true);
        CredentialProcessDebugLog d = new CredentialProcessDebugLog(file, w);
        d.log.info("ssokit " + Version.get() + " credential-process at " + Timestamps.format(Instant.now()));
        d.log.info("this file contains secrets (the credentials printed); it is rewritten on every run"
                + " with -v/--debug or AWS_SSO_CREDENTIAL_PROCESS_DEBUG set");
        return d;
    }

    Path file() {
        return file;
    }

    Log log() {
        return log;
    }

    /** A failure's stack trace, for the log only (stderr gets one line). */
    void trace(Throwable t) {
        synchronized (writer) {
            t.printStackTrace(writer);
            writer.flush();
        }
    }

    @Override
    public void close() {
        writer.close();
    }
}
