package io.ssokit.cli;

import io.ssokit.ExitCodes;
import io.ssokit.shell.Dialect;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ssokit shell}: the shell integration ({@code init}). */
@Command(name = "shell",
        mixinStandardHelpOptions = true,
        description = "Shell integration: a profile switcher (ssokit use), ssokit clear and a prompt function.",
        subcommands = ShellInitCommand.Init.class)
public final class ShellInitCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "missing subcommand: try 'ssokit shell init bash'");
    }

    /** {@code ssokit shell init SHELL}: prints the integration script. */
    @Command(name = "init",
            mixinStandardHelpOptions = true,
            description = {
                "Print the integration script for SHELL. Load it from your shell's start-up file:",
                "  bash (~/.bashrc):   eval \"$(ssokit shell init bash)\"",
                "  zsh (~/.zshrc):     eval \"$(ssokit shell init zsh)\"",
                "  fish (config.fish): ssokit shell init fish | source",
                "  PowerShell ($PROFILE): Invoke-Expression (& ssokit shell init powershell | Out-String)",
                "To start no Java at all when a shell starts, write it to a file once (again after upgrading) and source "
                        + "that file instead.",
                "",
                "It defines a function 'ssokit' that handles what must change the current shell and runs the program for "
                        + "everything else:",
                "  ssokit use PROFILE             set AWS_PROFILE (checked without starting Java) and drop exported credentials",
                "  ssokit use --env PROFILE       export the profile's credentials (ssokit env)",
                "  ssokit use -a ID -r ROLE       export a role's credentials",
                "  ssokit use -                   go back to the previous profile",
                "  ssokit use                     choose a profile from a list (drawn on the terminal)",
                "  ssokit clear                   remove everything use and env set",
                "and 'ssokit_prompt', which prints the active profile or account/role and the minutes its credentials have "
                        + "left, for PS1, PROMPT or fish_prompt."},
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:the script was printed", "2:unknown shell or bad --cmd name"})
    public static final class Init extends BaseCommand {
        @Parameters(index = "0", paramLabel = "SHELL", description = "bash, zsh, fish or powershell (pwsh).")
        String shell;

        @Option(names = "--cmd", paramLabel = "NAME", description = "Also define NAME as a short form of 'ssokit use', e.g. --cmd awsp.")
        String cmd;

        @Option(names = "--no-completion",
                description = "Leave out tab completion (e.g. when shell/install.sh installed it where the shell finds it);"
                        + " by default the script also loads 'ssokit completion SHELL' and completes --cmd's NAME like"
                        + " 'ssokit use'.")
        boolean noCompletion;

        @Override
        protected int run() {
            Dialect d = ShellInitTemplates.dialect(shell);
            String name = cmd == null ? null : ShellInitTemplates.checkFunctionName(cmd);
            ctx.out().print(ShellInitTemplates.script(d, name, !noCompletion));
            return ExitCodes.OK;
        }
    }
}
