package io.ssokit.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ssokit.Env;
import io.ssokit.ExitCodes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/** Files botocore refuses: a usage error naming file and line, and nothing written. */
class ParseErrorTest {

    /** The line botocore (configparser) reports for each malformed corpus file. */
    private static final Map<String, Integer> EXPECTED_LINE = Map.of(
            "bad-missing-header.config", 3,
            "bad-unterminated-header.config", 4,
            "bad-first-line-header.config", 1,
            "bad-duplicate-section.config", 6,
            "bad-duplicate-key.config", 4,
            "bad-no-delimiter.config", 3,
            "bad-empty-key.config", 3,
            "bad-nested.config", 4,
            "bad-utf8.config", 3,
            "bad-bom-then-key.config", 1);

    @Test
    void everyMalformedCorpusFileHasAnExpectation() throws IOException {
        List<String> bad = CorpusTest.files(".config").stream().filter(CorpusTest::isBad)
                .map(p -> p.getFileName().toString()).sorted().toList();
        assertEquals(EXPECTED_LINE.keySet().stream().sorted().toList(), bad);
    }

    @TestFactory
    Stream<DynamicTest> malformedFilesAreRefusedWithFileAndLine(@TempDir Path home) {
        return EXPECTED_LINE.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
                    Path aws = Files.createDirectories(home.resolve(e.getKey()).resolve(".aws"));
                    Path config = aws.resolve("config");
                    byte[] original = Files.readAllBytes(CorpusTest.corpus().resolve(e.getKey()));
                    Files.write(config, original);
                    Env env = new Env(Map.of(), home.resolve(e.getKey()));

                    ConfigSyntaxException viaLoad = assertThrows(ConfigSyntaxException.class, () -> AwsConfig.load(env));
                    ConfigSyntaxException viaOpen = assertThrows(ConfigSyntaxException.class, () -> ConfigFile.openConfig(env));
                    for (ConfigSyntaxException x : List.of(viaLoad, viaOpen)) {
                        assertEquals(ExitCodes.USAGE, x.exitCode());
                        assertEquals(e.getValue(), x.line());
                        assertEquals("~/.aws/config", x.file());
                        assertTrue(x.getMessage().startsWith("~/.aws/config:" + e.getValue() + ": "), x.getMessage());
                    }
                    assertArrayEquals(original, Files.readAllBytes(config));
                    try (Stream<Path> left = Files.list(aws)) {
                        assertEquals(List.of(config), left.toList(), "no temp or backup file may be left");
                    }
                }));
    }

    @Test
    void messagesNeverQuoteTheOffendingLine() {
        String secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
        for (String text : List.of(secret + "\n[default]\n", "[default]\n" + secret + "\n",
                "[default]\ns3 =\n  " + secret + "\n")) {
            ConfigSyntaxException e = assertThrows(ConfigSyntaxException.class,
                    () -> AwsConfig.of(IniDocument.parse(text, "~/.aws/credentials"), IniDocument.empty("x")));
            assertFalse(e.getMessage().contains(secret), e.getMessage());
        }
    }

    @Test
    void credentialsFileErrorsNameTheCredentialsFile(@TempDir Path home) throws IOException {
        Path aws = Files.createDirectories(home.resolve(".aws"));
        Files.writeString(aws.resolve("credentials"), "[a]\nk = 1\n[a]\n");
        ConfigSyntaxException e = assertThrows(ConfigSyntaxException.class, () -> AwsConfig.load(new Env(Map.of(), home)));
        assertEquals("~/.aws/credentials:3: section [a] appears a second time (first at line 1);"
                + " the AWS CLI refuses such a file", e.getMessage());
    }

    @Test
    void aPathOutsideHomeIsShownAsGiven(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("cfg");
        Files.writeString(file, "[default]\nnonsense\n");
        Env env = new Env(Map.of("AWS_CONFIG_FILE", file.toString()), dir.resolve("home"));
        ConfigSyntaxException e = assertThrows(ConfigSyntaxException.class, () -> AwsConfig.load(env));
        assertEquals(file + ":2: expected 'key = value', a [section] header or a comment", e.getMessage());
    }
}
