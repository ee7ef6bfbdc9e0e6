package io.ssokit.admin.cfn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ssokit.ExitCodes;
import io.ssokit.Log;
import io.ssokit.SsokitException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Config files and macro templates in {@code src/test/resources/cfn/<case>/input/}, the templates
 * (and CSV) they must produce in {@code .../<case>/expected/}. Regenerate with
 * {@code mvn -B -q test -DskipShellTests -Dtest=CfnGoldenTest -Dssokit.updateGolden=true}
 * and review the diff.
 */
class CfnGoldenTest {
    static final Path ROOT = Path.of(System.getProperty("ssokit.projectDir", "."), "src/test/resources/cfn");

    @TempDir
    Path out;

    static Path input(String testCase, String file) {
        return ROOT.resolve(testCase).resolve("input").resolve(file);
    }

    @Test
    void simpleConfigGivesTheSpecsWorkedExample() {
        CfnOutput output = run(CfnOptions.builder(input("simple", "example.yaml")).outputDir(out));
        check("simple", output);
        assertTrue(output.files().get(0).content().contains("Assignment492B36:"), "the spec's logical ID");
    }

    @Test
    void everyKeyAliasOfAConfigFile() {
        check("aliases", run(CfnOptions.builder(input("aliases", "a.yaml"), input("aliases", "b.yaml"),
                input("aliases", "c.yaml"), input("aliases", "d.yaml"), input("aliases", "e.yaml")).outputDir(out)));
    }

    @Test
    void inlinePermissionSetsArePostProcessed() {
        check("inline", run(CfnOptions.builder(input("inline", "inline.yaml")).outputDir(out)
                .defaultSessionDuration("PT4H")));
    }

    @Test
    void referencesBecomeParametersAndTemplateParametersAreAdded() {
        check("references", run(CfnOptions.builder(input("references", "refs.yaml")).outputDir(out)
                .templateParameters("Env=prod,Owner")));
    }

    @Test
    void baseTemplateIsMergedAndDroppedFromTheInputs() {
        check("base", run(CfnOptions.builder(input("base", "base.yaml"), input("base", "team.yaml")).outputDir(out)
                .baseTemplateFile(input("base", "base.yaml"))));
    }

    @Test
    void getAttOfABaseResourceIsPassedToChildStacksAsAParameter() {
        check("getatt", run(CfnOptions.builder(input("getatt", "ops.yaml")).outputDir(out)
                .baseTemplateFile(input("getatt", "base.yaml"))));
    }

    @Test
    void childStacksWithNamesAndTheCsv() {
        check("children", run(CfnOptions.builder(input("children", "org.yaml")).outputDir(out).lookupNames(true)
                .assignmentsCsv(out.resolve("assignments.csv"))));
    }

    @Test
    void macroTemplateWithTheCommandLineWinningOverMetadata() {
        check("macro", run(CfnOptions.builder(input("macro", "access.yaml")).macro(true).outputDir(out)
                .maxConcurrentAssignments(1).assignmentsCsv(out.resolve("assignments.csv"))));
    }

    @Test
    void moreThanFiveHundredResourcesWithoutChildStacksIsAnError() {
        Path input = input("too-many", "too-many.yaml");
        SsokitException e = assertThrows(SsokitException.class, () -> run(CfnOptions.builder(input).outputDir(out)));
        assertEquals(ExitCodes.ERROR, e.exitCode());
        Map<String, String> actual = new TreeMap<>(Map.of("error.txt", e.getMessage().replace(input.toString(), "<input>") + "\n"));
        compare("too-many", actual);
        assertFalse(Files.exists(out.resolve("too-many.yaml")));
    }

    private static CfnOutput run(CfnOptions.Builder options) {
        return CfnGenerator.generate(options.build(), InMemoryDirectory.standard(), Log.silent());
    }

    /** Compares every produced file (relative to the output dir) with the expected tree. */
    private void check(String testCase, CfnOutput output) {
        Map<String, String> actual = new TreeMap<>();
        for (CfnOutput.OutputFile f : output.files()) {
            actual.put(out.relativize(f.path()).toString(), f.content());
        }
        if (output.csv() != null) {
            actual.put(out.relativize(output.csvPath()).toString(), output.csv());
        }
        compare(testCase, actual);
    }

    /** Compares file name -> content with the expected tree (writing it first under the update switch). */
    private static void compare(String testCase, Map<String, String> actual) {
        Path expectedDir = ROOT.resolve(testCase).resolve("expected");
        try {
            if (Boolean.getBoolean("ssokit.updateGolden")) {
                if (Files.exists(expectedDir)) {
                    try (Stream<Path> walk = Files.walk(expectedDir)) {
                        for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                            Files.delete(p);
                        }
                    }
                }
                for (Map.Entry<String, String> e : actual.entrySet()) {
                    Path file = expectedDir.resolve(e.getKey());
                    Files.createDirectories(file.getParent());
                    Files.writeString(file, e.getValue(), StandardCharsets.UTF_8);
                }
            }
            assertTrue(Files.isDirectory(expectedDir), expectedDir + " is missing: run with -Dssokit.updateGolden=true");
            Map<String, String> expected = new TreeMap<>();
            try (Stream<Path> walk = Files.walk(expectedDir)) {
                for (Path p : walk.filter(Files::isRegularFile).toList()) {
                    expected.put(expectedDir.relativize(p).toString(), Files.readString(p, StandardCharsets.UTF_8));
                }
            }
            assertEquals(expected.keySet(), actual.keySet(), testCase + ": the set of files drifted");
            for (String name : expected.keySet()) {
                assertEquals(expected.get(name), actual.get(name),
                        testCase + "/" + name + " drifted (regenerate with -Dssokit.updateGolden=true and review the diff)");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
