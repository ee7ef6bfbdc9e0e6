package io.ssokit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ssokit.completion.CommandModel;
import io.ssokit.completion.OptionModel;
import io.ssokit.completion.PositionalModel;
import io.ssokit.completion.ValueKind;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** How the picocli model becomes the completion model: where each value's candidates come from. */
class CompletionModelReaderTest {
    enum Color { RED, DARK_BLUE }

    enum Named {
        ONE;

        @Override
        public String toString() {
            return "one!";
        }
    }

    @Command(name = "t", mixinStandardHelpOptions = true, subcommands = {Sub.class, Hidden.class},
            description = {"First sentence here. Second sentence.", "More lines."})
    static final class Root {
        @Option(names = {"--profile", "-p"}, description = "Profile, e.g. dev. Not this.")
        String profile;

        @Option(names = "--region", description = "@|bold Region|@ (default: ${DEFAULT-VALUE}).", defaultValue = "us-east-1")
        String region;

        @Option(names = "--color", description = "One of ${COMPLETION-CANDIDATES}.")
        Color color;

        @Option(names = "--named")
        Named named;

        @Option(names = "--in", paramLabel = "FILE")
        File in;

        @Option(names = "--dir", paramLabel = "DIR")
        Path dir;

        @Option(names = "--flag", negatable = true)
        boolean flag;

        @Option(names = "--strict", arity = "1")
        boolean strict;

        @Option(names = "--maybe", arity = "0..1")
        String maybe;

        @Option(names = {"-x", "--xs"})
        List<String> xs;

        @Option(names = "--secret", hidden = true)
        String secret;
    }

    @Command(name = "sub", aliases = {"s"}, header = "The header wins.", description = "Not the description.")
    static final class Sub {
        @Parameters(index = "0", paramLabel = "<profile>")
        String profile;

        @Parameters(index = "1..*", paramLabel = "COMMAND")
        List<String> command;
    }

    @Command(name = "hid", hidden = true)
    static final class Hidden {
    }

    static CommandModel model() {
        CommandLine cl = new CommandLine(new Root());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        return CompletionModelReader.read(cl);
    }

    @Test
    void valuesByTypeNameAndLabel() {
        CommandModel m = model();
        assertEquals(ValueKind.PROFILE, m.option("-p").values().kind(), "any spelling maps the whole option");
        assertEquals(List.of("-p", "--profile"), m.option("--profile").names(), "short spellings first");
        assertEquals(ValueKind.REGION, m.option("--region").values().kind());
        assertEquals(List.of("red", "dark_blue"), m.option("--color").values().fixed(), "enum names in lower case, as typed");
        assertEquals(List.of("one!"), m.option("--named").values().fixed(), "a toString of its own is kept");
        assertEquals(ValueKind.FILE, m.option("--in").values().kind());
        assertEquals(ValueKind.DIRECTORY, m.option("--dir").values().kind());
        assertEquals(ValueKind.NONE, m.option("--flag").values().kind());
        assertEquals(List.of("--flag", "--no-flag"), m.option("--flag").names(), "negatable: both forms");
        assertEquals(List.of("true", "false"), m.option("--strict").values().fixed());
        assertEquals(ValueKind.NONE, m.option("--maybe").values().kind(), "an optional value completes as a flag");
        assertTrue(m.option("--xs").repeatable());
        assertFalse(m.option("--profile").repeatable());
        assertTrue(m.option("--secret").hidden());
        assertTrue(m.option("--help").exclusive());
        assertEquals(ValueKind.TEXT, m.option("--secret").values().kind());
    }

    @Test
    void subcommandsPositionalsAndDescriptions() {
        CommandModel m = model();
        assertEquals("First sentence here", m.description());
        assertEquals("Profile, e.g. dev", m.option("--profile").description(), "e.g. does not end a sentence");
        assertEquals("Region (default: us-east-1)", m.option("--region").description(), "markup gone, default filled in");
        assertEquals("One of RED, DARK_BLUE", m.option("--color").description());
        assertEquals(2, m.subcommands().size());
        CommandModel sub = m.subcommands().get(0);
        assertEquals("sub", sub.name());
        assertEquals(List.of("s"), sub.aliases());
        assertEquals("The header wins", sub.description());
        assertEquals(new PositionalModel(0, 0, "profile", "", sub.positional(0).values()), sub.positional(0));
        assertEquals(ValueKind.PROFILE, sub.positional(0).values().kind());
        assertEquals(ValueKind.COMMAND, sub.positional(7).values().kind());
        assertEquals(PositionalModel.UNBOUNDED, sub.positional(1).to());
        assertTrue(m.subcommands().get(1).hidden());
        assertNull(m.positional(0));
    }

    @Test
    void optionNameMapCoversSsokitsOptions() {
        for (String n : List.of("--profile", "--sso-session", "--account-id", "--role-name", "--region", "--sso-region",
                "--sso-start-url")) {
            assertTrue(CompletionModelReader.OPTION_KINDS.containsKey(n), n);
        }
        assertEquals(OptionModel.class, model().option("--profile").getClass());
    }

    /**
     * Method options come in the JVM's reflection order, which differs between runs (it made the
     * committed completion scripts drift on CI): whatever order picocli hands them over in, they
     * come out in the same places, sorted by their order attribute, then name.
     */
    @Test
    void methodOptionsComeOutInTheSameOrderWhateverTheReflectionOrder() throws Exception {
        java.lang.reflect.Method m = Object.class.getMethod("toString");
        CommandLine.Model.OptionSpec field = CommandLine.Model.OptionSpec.builder("--field").build();
        CommandLine.Model.OptionSpec last = CommandLine.Model.OptionSpec.builder("--zzz").arity("0").userObject(m).build();
        CommandLine.Model.OptionSpec on = CommandLine.Model.OptionSpec.builder("--on").arity("0").order(1).userObject(m).build();
        CommandLine.Model.OptionSpec off = CommandLine.Model.OptionSpec.builder("--off").arity("0").order(2).userObject(m).build();
        CommandLine.Model.OptionSpec help = CommandLine.Model.OptionSpec.builder("--help").build();
        List<CommandLine.Model.OptionSpec> expected = List.of(field, last, on, off, help);
        assertEquals(expected, CompletionModelReader.inStableOrder(List.of(field, off, on, last, help)));
        assertEquals(expected, CompletionModelReader.inStableOrder(List.of(field, on, last, off, help)));
        assertEquals(expected, CompletionModelReader.inStableOrder(expected));
    }
}
