package io.ssokit.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code ssokit configure}: write Identity Center profiles into the AWS config file. */
@Command(name = "configure",
        mixinStandardHelpOptions = true,
        description = {
            "Write Identity Center profiles into the AWS config file: one ('profile'), or one for every account and"
                    + " role you can use ('populate').",
            "",
            "Edits keep the rest of the file byte for byte and are written atomically; every message goes to stderr."},
        subcommands = {ConfigureProfileCommand.class, ConfigurePopulateCommand.class})
public final class ConfigureCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(),
                "missing subcommand: try 'ssokit configure profile NAME' or 'ssokit configure populate'");
    }
}
