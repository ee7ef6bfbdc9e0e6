package io.ssokit.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code ssokit admin}: Identity Center administration with AWS credentials (not an SSO login of your own). */
@Command(name = "admin",
        mixinStandardHelpOptions = true,
        header = "Identity Center administration: ids by name, account assignments, CloudFormation.",
        description = {
            "Identity Center administration through the sso-admin, identitystore and organizations APIs, with the AWS"
                    + " credentials of --profile (any kind of profile), else the environment's: look up ids by name"
                    + " ('lookup'), list who has which permission set where ('assignments'), generate CloudFormation templates"
                    + " of assignments ('cfn').",
            "",
            "Data goes to stdout, every message to stderr."},
        subcommands = {AdminLookupCommand.class, AdminAssignmentsCommand.class, AdminCfnCommand.class})
public final class AdminCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(),
                "missing subcommand: try 'ssokit admin lookup TYPE NAME...', 'ssokit admin assignments' or 'ssokit admin cfn FILE...'");
    }
}
