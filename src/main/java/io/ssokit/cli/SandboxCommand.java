package io.ssokit.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code ssokit sandbox}: the local Identity Center emulator ({@code serve}) and its example org file. */
@Command(name = "sandbox",
        mixinStandardHelpOptions = true,
        header = "A local IAM Identity Center that speaks the real AWS wire protocols, for trying and testing ssokit.",
        description = "The emulator serves SSO OIDC, the SSO portal, STS, sso-admin, identitystore and organizations (every"
                + " signed call SigV4-verified) and the console sign-in federation endpoint on one HTTP port, with fault"
                + " injection. For tests and demos.",
        subcommands = {SandboxServeCommand.class, SandboxExampleOrgCommand.class})
public final class SandboxCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "missing subcommand: try 'ssokit sandbox serve'");
    }
}
