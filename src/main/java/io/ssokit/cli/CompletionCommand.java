package io.ssokit.cli;

import io.ssokit.ExitCodes;
import io.ssokit.SsokitException;
import io.ssokit.completion.CompletionScripts;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code ssokit completion SHELL}: prints the completion script generated from the command model. */
@Command(name = "completion",
        mixinStandardHelpOptions = true,
        description = "Print the tab-completion script for SHELL on stdout, generated from ssokit's commands: "
                + "every subcommand, option and fixed value, with descriptions in zsh, fish and PowerShell; "
                + "profile and sso-session names from the AWS config files; account ids and role names from the "
                + "candidate index that login, roles and configure keep up to date. Pressing TAB never starts "
                + "the JVM.",
        footer = {
            "",
            "'ssokit shell init SHELL' loads it already. To install it on its own:",
            "  bash:  ssokit completion bash \\",
            "           > ~/.local/share/bash-completion/completions/ssokit",
            "  zsh:   ssokit completion zsh > DIR/_ssokit   (DIR in $fpath, before compinit)",
            "  fish:  ssokit completion fish > ~/.config/fish/completions/ssokit.fish",
            "  pwsh:  ssokit completion powershell | Out-String | Invoke-Expression",
            "Details: docs/completion.md"})
public final class CompletionCommand extends BaseCommand {
    @Parameters(index = "0", paramLabel = "SHELL", completionCandidates = ShellNames.class,
            description = "The shell: ${COMPLETION-CANDIDATES}.")
    String shell;

    /** The shells, as they are typed. */
    static final class ShellNames implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Arrays.stream(CompletionScripts.Shell.values()).map(CompletionScripts.Shell::id).iterator();
        }
    }

    @Override
    protected int run() {
        CompletionScripts.Shell target = CompletionScripts.Shell.byId(shell.toLowerCase(Locale.ROOT))
                .orElseThrow(() -> new SsokitException(ExitCodes.USAGE, "no completion for shell"
                        // echoed only when plain: the message is one line on a terminal
                        + (shell.matches("[A-Za-z0-9._-]{1,32}") ? " '" + shell + "'" : "")
                        + ": the shells are bash, zsh, fish and powershell"));
        PrintWriter sink = new PrintWriter(PrintWriter.nullWriter());
        // the whole tree: this run built only the 'completion' command
        CommandLine all = CommandFactory.buildAll(ctx.env(), sink, sink);
        String script = CompletionScripts.render(target, CompletionModelReader.read(all));
        ctx.out().print(script);
        ctx.out().flush();
        return ExitCodes.OK;
    }
}
