package io.ssokit.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/** The corpus under src/test/resources/config/corpus: byte-exact round trips and botocore's view. */
class CorpusTest {
    private static final String BOM_CASE = " (with its BOM, as botocore sees it)";

    static Path corpus() {
        try {
            return Path.of(CorpusTest.class.getResource("/config/corpus").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<Path> files(String suffix) throws IOException {
        try (Stream<Path> s = Files.list(corpus())) {
            return s.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
        }
    }

    static boolean isBad(Path p) {
        return p.getFileName().toString().startsWith("bad-");
    }

    @Test
    void corpusIsThere() throws IOException {
        assertTrue(files(".config").size() >= 20, "corpus files missing from the test classpath");
        assertTrue(Files.size(corpus().resolve("crlf.config")) > 0);
        String crlf = Files.readString(corpus().resolve("crlf.config"));
        assertTrue(crlf.contains("\r\n"), "git converted the CRLF corpus file; check .gitattributes");
    }

    @TestFactory
    Stream<DynamicTest> everyWellFormedFileRendersToItsExactBytes() throws IOException {
        List<Path> all = new ArrayList<>(files(".config"));
        all.addAll(files(".credentials"));
        return all.stream().filter(p -> !isBad(p)).map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> {
            byte[] bytes = Files.readAllBytes(p);
            IniDocument doc = IniDocument.parse(bytes, p.getFileName().toString());
            assertArrayEquals(bytes, doc.render().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }));
    }

    @Test
    void unchangedDocumentIsNotWritten(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("config");
        Files.copy(corpus().resolve("mixed-endings.config"), file);
        Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(1_000_000_000L));
        ConfigFile cf = ConfigFile.open(file, "config");
        assertFalse(cf.save());
        assertEquals(1_000_000_000L, Files.getLastModifiedTime(file).toMillis());
    }

    /** Each config file, paired with the credentials file of the same name when there is one. */
    @TestFactory
    Stream<DynamicTest> mergedViewMatchesBotocore(@TempDir Path tmp) throws Exception {
        Botocore.assume();
        List<String> names = new ArrayList<>();
        List<Path[]> cases = new ArrayList<>();
        for (Path config : files(".config")) {
            String base = config.getFileName().toString().replace(".config", "");
            Path creds = corpus().resolve(base + ".credentials");
            byte[] bytes = Files.readAllBytes(config);
            Path forPython = config;
            if (bytes.length >= 3 && (bytes[0] & 0xff) == 0xef && (bytes[1] & 0xff) == 0xbb && (bytes[2] & 0xff) == 0xbf) {
                // botocore fails on a BOM (a documented difference); compare with the file without it
                names.add(base + BOM_CASE);
                cases.add(new Path[] {config, null});
                forPython = tmp.resolve(base + ".nobom");
                Files.write(forPython, Arrays.copyOfRange(bytes, 3, bytes.length));
            }
            names.add(base);
            cases.add(new Path[] {forPython, Files.exists(creds) ? creds : null});
        }
        for (Path creds : files(".credentials")) {
            names.add(creds.getFileName() + " alone");
            cases.add(new Path[] {null, creds});
        }
        List<JsonNode> expected = Botocore.views(cases);
        List<DynamicTest> tests = new ArrayList<>();
        int javaCase = 0;
        for (int i = 0; i < cases.size(); i++) {
            Path[] c = cases.get(i);
            JsonNode want = expected.get(i);
            String name = names.get(i);
            if (name.endsWith(BOM_CASE)) {
                tests.add(DynamicTest.dynamicTest(name, () ->
                        assertEquals("MissingSectionHeaderError", want.path("error").asText(),
                                "botocore now reads BOM files; revisit the BOM note in AwsConfig")));
                continue;
            }
            Path config = c[0] != null && c[0].toString().endsWith(".nobom")
                    ? corpus().resolve(c[0].getFileName().toString().replace(".nobom", ".config")) : c[0];
            Path creds = c[1];
            tests.add(DynamicTest.dynamicTest(name, () -> compare(want, config, creds)));
            javaCase++;
        }
        assertTrue(javaCase > 20);
        return tests.stream();
    }

    static void compare(JsonNode want, Path config, Path creds) throws IOException {
        AwsConfig got;
        try {
            got = AwsConfig.of(read(config), read(creds));
        } catch (ConfigSyntaxException e) {
            assertTrue(want.has("error"), "botocore reads this file but ssokit said: " + e.getMessage());
            if (!want.path("line").isNull()) {
                assertEquals(want.path("line").asInt(), e.line(), e.getMessage());
            }
            return;
        }
        assertFalse(want.has("error"), "botocore refuses this file (" + want.path("error").asText()
                + " at line " + want.path("line") + ") but ssokit read it");
        assertView(want, got);
    }

    static IniDocument read(Path p) throws IOException {
        return p == null ? IniDocument.empty("none") : IniDocument.parse(Files.readAllBytes(p), p.getFileName().toString());
    }

    /** Asserts that the Java view equals botocore's: values, nesting, profile order, key order. */
    static void assertView(JsonNode want, AwsConfig got) {
        ObjectNode gotJson = toJson(got);
        assertEquals(want.get("profiles"), gotJson.get("profiles"), "profiles");
        assertEquals(want.get("sso_sessions"), gotJson.get("sso_sessions"), "sso-sessions");
        assertEquals(want.get("services"), gotJson.get("services"), "services");
        List<String> order = new ArrayList<>();
        want.get("profile_order").forEach(n -> order.add(n.asText()));
        assertEquals(order, got.profileNames(), "profile order");
        for (String name : order) {
            List<String> flat = new ArrayList<>();
            List<String> nested = new ArrayList<>();
            for (JsonNode k : want.get("key_order").get(name)) {
                (want.get("profiles").get(name).get(k.asText()).isObject() ? nested : flat).add(k.asText());
            }
            Profile p = got.profile(name).orElseThrow();
            assertEquals(flat, new ArrayList<>(p.values().keySet()), "key order of " + name);
            assertEquals(nested, new ArrayList<>(p.nested().keySet()), "nested key order of " + name);
        }
    }

    static ObjectNode toJson(AwsConfig c) {
        ObjectNode root = Botocore.JSON.createObjectNode();
        ObjectNode profiles = root.putObject("profiles");
        for (String name : c.profileNames()) {
            Profile p = c.profile(name).orElseThrow();
            assertEquals(name, p.name());
            put(profiles.putObject(name), p.values(), p.nested());
        }
        ObjectNode sessions = root.putObject("sso_sessions");
        for (String name : c.ssoSessionNames()) {
            Section s = c.ssoSession(name).orElseThrow();
            put(sessions.putObject(name), s.values(), s.nested());
        }
        ObjectNode services = root.putObject("services");
        for (String name : c.servicesNames()) {
            Section s = c.services(name).orElseThrow();
            put(services.putObject(name), s.values(), s.nested());
        }
        return root;
    }

    private static void put(ObjectNode o, Map<String, String> flat, Map<String, Map<String, String>> nested) {
        flat.forEach(o::put);
        nested.forEach((k, m) -> {
            ObjectNode sub = o.putObject(k);
            m.forEach(sub::put);
        });
    }

    @Test
    void sourcesSayWhichFileEachValueCameFrom() throws IOException {
        AwsConfig c = AwsConfig.of(read(corpus().resolve("merge.config")), read(corpus().resolve("merge.credentials")));
        Profile both = c.profile("both").orElseThrow();
        assertEquals(Profile.Source.CREDENTIALS_FILE, both.source("region"));
        assertEquals("credentials-region", both.get("region").orElseThrow());
        assertEquals(Profile.Source.CONFIG_FILE, both.source("output"));
        // a flat credentials value replaces a nested config value of the same key
        assertEquals("flat-now", both.get("s3").orElseThrow());
        assertFalse(both.nested().containsKey("s3"));
        assertEquals(List.of("default", "both", "config-only", "creds-only", "profile both"), c.profileNames());
        assertNotNull(c.profile("creds-only").orElseThrow().get("aws_access_key_id").orElse(null));
        if (c.profile("nope").isPresent()) {
            fail("no such profile");
        }
    }
}
