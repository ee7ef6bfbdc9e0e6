package io.ssokit.cli;

import io.ssokit.Version;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;

@Command(name = "ssokit",
        mixinStandardHelpOptions = true,
        versionProvider = RootCommand.VersionProvider.class,
        usageHelpAutoWidth = true,
        description = {
            "AWS IAM Identity Center (AWS SSO) from the shell: log in once, then get credentials for any account and "
                    + "role in every tool you run."},
        commandListHeading = "%nCommands:%n",
        exitCodeListHeading = "%nExit codes (commands mirroring aws-sso-util keep its codes too, see the README):%n",
        exitCodeList = {
            "0:success",
            "1:a failure you can act on (message on stderr)",
            "2:bad usage or bad configuration; nothing was changed",
            "70:internal error (run again with --debug and report it)",
            "130:interrupted"},
        footer = {"", "Run 'ssokit COMMAND --help' for a command's options. Documentation: README.md"})
public final class RootCommand {
    static final class VersionProvider implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {Version.get()};
        }
    }
}
