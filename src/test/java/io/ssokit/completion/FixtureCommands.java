package io.ssokit.completion;

import io.ssokit.cli.CompletionModelReader;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * A command tree shaped like ssokit's (the same option names and kinds of value), so that the
 * scripts can be tested in real shells whatever commands exist on this branch yet: subcommands
 * nested two deep, a hidden command, a hidden alias, enums, a negatable flag, repeatable options,
 * file and directory values, a positional profile and a command to run.
 */
final class FixtureCommands {
    private FixtureCommands() {
    }

    enum Format { TABLE, CSV, JSON }

    enum SortKey {
        ID_ROLE("id,role"), NAME_ROLE("name,role");

        private final String text;

        SortKey(String text) {
            this.text = text;
        }

        @Override
        public String toString() {
            return text;
        }
    }

    @Command(name = "ssokit", mixinStandardHelpOptions = true, description = "Identity Center from the shell.",
            subcommands = {Use.class, Roles.class, EnvCmd.class, RunAs.class, Sandbox.class, CredentialProcess.class})
    static final class Root {
    }

    @Command(name = "use", description = "Switch this shell to a profile. Second sentence not shown.")
    static final class Use {
        @Option(names = "--env", description = "Export credentials instead of setting AWS_PROFILE.")
        boolean env;

        @Option(names = {"-a", "--account-id"}, paramLabel = "ID", description = "Account to use.")
        String account;

        @Option(names = {"-r", "--role-name"}, paramLabel = "ROLE", description = "Role to use.")
        String role;

        @Option(names = {"-v", "--verbose"}, description = "More messages; repeat for more.")
        boolean[] verbose;

        @Parameters(index = "0", arity = "0..1", paramLabel = "PROFILE", description = "The profile.")
        String profile;
    }

    @Command(name = "roles", aliases = "ls", description = "List accounts and roles: [brackets] and a colon.")
    static final class Roles {
        @Option(names = {"-u", "--sso-start-url"}, paramLabel = "URL", description = "Instance start URL.")
        String url;

        @Option(names = "--sso-region", paramLabel = "REGION", description = "Instance region.")
        String ssoRegion;

        @Option(names = {"-a", "--account-id"}, paramLabel = "ID", description = "Only these accounts.")
        List<String> accounts;

        @Option(names = "--account", hidden = true, paramLabel = "ID", description = "Alias of --account-id.")
        List<String> hiddenAccounts;

        @Option(names = {"-r", "--role-name"}, paramLabel = "REGEX", description = "Only roles matching.")
        List<String> roles;

        @Option(names = "--sort-by", paramLabel = "KEYS", description = "Sort keys: ${COMPLETION-CANDIDATES}.")
        SortKey sortBy;

        @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", description = "Output format (default: ${DEFAULT-VALUE}).")
        Format output = Format.TABLE;

        @Option(names = "--header", negatable = true, defaultValue = "true", description = "Print a header row.")
        boolean header;
    }

    @Command(name = "env", description = "Print code that exports credentials.")
    static final class EnvCmd {
        @Option(names = "--profile", paramLabel = "PROFILE", description = "Profile to use.")
        String profile;

        @Option(names = "--sso-session", paramLabel = "NAME", description = "sso-session to use.")
        String session;

        @Option(names = "--region", paramLabel = "REGION", description = "Region to export.")
        String region;

        @Option(names = "--shell", paramLabel = "SHELL", completionCandidates = ShellNames.class, description = "Target shell.")
        String shell;

        @Option(names = "--cache-file", paramLabel = "FILE", description = "Cache file.")
        File cacheFile;
    }

    static final class ShellNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return List.of("bash", "zsh", "fish", "powershell").iterator();
        }
    }

    @Command(name = "run-as", description = "Run a command with role credentials.")
    static final class RunAs {
        @Option(names = {"-a", "--account-id"}, paramLabel = "ID", description = "Account.")
        String account;

        @Option(names = {"-r", "--role-name"}, paramLabel = "ROLE", description = "Role.")
        String role;

        @Parameters(index = "0..*", paramLabel = "COMMAND", description = "The command and its arguments.")
        List<String> command;
    }

    @Command(name = "sandbox", description = "Local emulator.", subcommands = Serve.class)
    static final class Sandbox {
    }

    @Command(name = "serve", description = "Serve the emulator.")
    static final class Serve {
        @Option(names = "--org", paramLabel = "FILE", description = "Org file.")
        Path org;

        @Option(names = "--state-dir", paramLabel = "DIR", description = "State directory.")
        Path stateDir;

        @Option(names = "--port", paramLabel = "N", description = "Port.")
        int port;
    }

    @Command(name = "credential-process", hidden = true, description = "For credential_process.")
    static final class CredentialProcess {
        @Option(names = "--profile", paramLabel = "PROFILE", description = "Profile.")
        String profile;
    }

    static CommandModel model() {
        CommandLine cl = new CommandLine(new Root());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        return CompletionModelReader.read(cl);
    }
}
