package io.ssokit.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ssokit.Env;
import io.ssokit.ExitCodes;
import io.ssokit.SsokitException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFileTest {

    @Test
    void aMissingConfigIsCreatedOnSave(@TempDir Path home) throws IOException {
        Env env = new Env(Map.of(), home);
        ConfigFile file = ConfigFile.openConfig(env);
        assertEquals(home.resolve(".aws").resolve("config"), file.path());
        assertEquals("~/.aws/config", file.displayName());
        IniDocument doc = file.document();
        doc.replaceAll(doc.profileHeader("dev"), IniDocumentEditTest.devProfile());
        assertTrue(file.save());
        assertEquals(IniDocumentEditTest.SECTION_5_4.substring(1), Files.readString(file.path()));
        assertEquals("rw-------", AtomicFilesTest.mode(file.path()));
        assertEquals("rwx------", AtomicFilesTest.mode(home.resolve(".aws")));
        assertEquals("us-west-2", AwsConfig.load(env).profile("dev").orElseThrow().get("region").orElseThrow());
    }

    @Test
    void nothingIsWrittenForAnEmptyDocumentOfAMissingFile(@TempDir Path home) {
        ConfigFile file = ConfigFile.openCredentials(new Env(Map.of(), home));
        assertFalse(file.save());
        assertFalse(Files.exists(home.resolve(".aws")));
    }

    @Test
    void aFileChangedOnDiskSinceItWasReadIsNotOverwritten(@TempDir Path home) throws IOException {
        Env env = new Env(Map.of(), home);
        Path config = Files.createDirectories(home.resolve(".aws")).resolve("config");
        Files.writeString(config, "[default]\nregion = a\n");
        ConfigFile file = ConfigFile.openConfig(env);
        file.document().set("default", "output", "json");
        Files.writeString(config, "[default]\nregion = changed-by-the-aws-cli\n");

        SsokitException e = assertThrows(SsokitException.class, file::save);

        assertEquals(ExitCodes.ERROR, e.exitCode());
        assertEquals("~/.aws/config was changed by another program after ssokit read it; nothing was written,"
                + " run the command again", e.getMessage());
        assertEquals("[default]\nregion = changed-by-the-aws-cli\n", Files.readString(config));
    }

    @Test
    void aFileCreatedOrDeletedSinceItWasReadIsNotOverwritten(@TempDir Path home) throws IOException {
        Env env = new Env(Map.of(), home);
        ConfigFile created = ConfigFile.openCredentials(env);
        created.document().set("dev", "aws_access_key_id", "AKIA");
        Path credentials = Files.createDirectories(home.resolve(".aws")).resolve("credentials");
        Files.writeString(credentials, "[other]\n");
        assertThrows(SsokitException.class, created::save);
        assertEquals("[other]\n", Files.readString(credentials));

        ConfigFile deleted = ConfigFile.openCredentials(env);
        deleted.document().set("other", "k", "v");
        Files.delete(credentials);
        assertThrows(SsokitException.class, deleted::save);
        assertFalse(Files.exists(credentials));
    }

    @Test
    void saveCanBeRepeatedAfterFurtherEdits(@TempDir Path home) throws IOException {
        Env env = new Env(Map.of(), home);
        ConfigFile file = ConfigFile.openConfig(env);
        file.document().set("default", "region", "a");
        assertTrue(file.save());
        file.document().set("default", "output", "json");
        assertTrue(file.save());
        assertFalse(file.save());
        assertEquals("[default]\nregion = a\noutput = json\n", Files.readString(file.path()));
    }

    @Test
    void savingThroughASymlinkKeepsTheLink(@TempDir Path home) throws IOException {
        Path real = Files.createDirectories(home.resolve("dotfiles")).resolve("aws-config");
        Files.writeString(real, "# mine\n[default]\nregion = a\n");
        Path link = Files.createDirectories(home.resolve(".aws")).resolve("config");
        Files.createSymbolicLink(link, real);
        ConfigFile file = ConfigFile.openConfig(new Env(Map.of(), home));
        file.document().set("default", "region", "b");
        assertTrue(file.save());
        assertTrue(Files.isSymbolicLink(link));
        assertEquals("# mine\n[default]\nregion = b\n", Files.readString(real));
    }

    @Test
    void aDirectoryWhereTheFileShouldBeIsEmptyForReadingAndAnErrorForEditing(@TempDir Path home) throws IOException {
        Files.createDirectories(home.resolve(".aws").resolve("config"));
        Env env = new Env(Map.of(), home);
        assertEquals(List.of(), AwsConfig.load(env).profileNames());
        SsokitException e = assertThrows(SsokitException.class, () -> ConfigFile.openConfig(env));
        assertEquals("~/.aws/config is not a regular file; nothing was written", e.getMessage());
    }

    @Test
    void environmentVariablesNameTheFilesAndTildeIsExpanded(@TempDir Path home) throws IOException {
        Path elsewhere = Files.createDirectories(home.resolve("elsewhere"));
        Files.writeString(elsewhere.resolve("cfg"), "[profile a]\nregion = from-env-config\n");
        Files.writeString(elsewhere.resolve("creds"), "[b]\naws_access_key_id = AKIAENV\n");
        Files.createDirectories(home.resolve(".aws"));
        Files.writeString(home.resolve(".aws").resolve("config"), "[profile ignored]\n");
        Env env = new Env(Map.of("AWS_CONFIG_FILE", "~/elsewhere/cfg",
                "AWS_SHARED_CREDENTIALS_FILE", elsewhere.resolve("creds").toString()), home);
        AwsConfig c = AwsConfig.load(env);
        assertEquals(List.of("a", "b"), c.profileNames());
        assertEquals(Profile.Source.CREDENTIALS_FILE, c.profile("b").orElseThrow().source("aws_access_key_id"));
        assertEquals("~/elsewhere/cfg", ConfigFile.openConfig(env).displayName());
    }

    @Test
    void missingFilesAreEmpty(@TempDir Path home) {
        AwsConfig c = AwsConfig.load(new Env(Map.of(), home));
        assertEquals(List.of(), c.profileNames());
        assertTrue(c.profile("default").isEmpty());
        assertTrue(c.ssoSession("x").isEmpty());
        assertTrue(c.services("x").isEmpty());
    }

    @Test
    void anUnreadableFileIsAnErrorNotAnEmptyConfig(@TempDir Path home) throws IOException {
        Path config = Files.createDirectories(home.resolve(".aws")).resolve("config");
        Files.writeString(config, "[default]\n");
        Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("---------"));
        Assumptions.assumeFalse(Files.isReadable(config), "running as root: every file is readable");
        SsokitException e = assertThrows(SsokitException.class, () -> AwsConfig.load(new Env(Map.of(), home)));
        assertEquals("cannot read ~/.aws/config: permission denied", e.getMessage());
    }

    @Test
    void defaultProfileName(@TempDir Path home) {
        assertEquals("default", AwsConfig.defaultProfileName(new Env(Map.of(), home)));
        assertEquals("default", AwsConfig.defaultProfileName(new Env(Map.of("AWS_PROFILE", ""), home)));
        assertEquals("b", AwsConfig.defaultProfileName(new Env(Map.of("AWS_DEFAULT_PROFILE", "b"), home)));
        assertEquals("a", AwsConfig.defaultProfileName(new Env(Map.of("AWS_PROFILE", "a", "AWS_DEFAULT_PROFILE", "b"), home)));
    }
}
