package io.ssokit.cli;

import io.ssokit.Env;
import io.ssokit.config.AwsConfig;
import io.ssokit.console.ConfigToken;
import io.ssokit.console.ConsoleEndpoints;
import io.ssokit.console.Destination;
import io.ssokit.sso.Instance;
import io.ssokit.sso.InstanceResolver;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ssokit console get-config-token}: launch settings as a token for launch-from-config. */
@Command(name = "get-config-token",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Print the console launch settings as a token for 'ssokit console launch-from-config' (aws-sso-util's format:"
                    + " either tool reads the other's tokens).",
            "",
            "The token holds the instance, the federation endpoint, the computed destination and, when given, the account,"
                    + " role, region and duration. It holds no credentials. Unlike launch, AWS_CONSOLE_DEFAULT_REGION and"
                    + " AWS_CONSOLE_DEFAULT_DESTINATION are not read (as in aws-sso-util)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the token is on stdout", "1:no instance found, or several", "2:bad usage"})
public final class ConsoleGetConfigTokenCommand extends BaseCommand {

    @Mixin
    ConsoleSupport.InstanceOptions sso;

    @Option(names = {"-a", "--account-id"}, paramLabel = "ID", description = "The account (optional: launch-from-config can give it).")
    String accountId;

    @Option(names = {"-r", "--role-name"}, paramLabel = "NAME", description = "The role (optional: launch-from-config can give it).")
    String roleName;

    @Mixin
    ConsoleSupport.DestinationOptions where;

    @Option(names = "--issuer", hidden = true, paramLabel = "ISSUER", description = "The sign-in URL's Issuer (default: the start URL).")
    String issuer;

    @Override
    protected int run() {
        Env env = ctx.env();
        ConsoleSupport.checkDuration(where.duration);
        String region = where.region(env, null);
        Instance instance = new InstanceResolver(env, AwsConfig.load(env), ctx.log())
                .resolve(InstanceResolver.Request.of(sso.startUrl, sso.ssoRegion, InstanceResolver.Vars.DEFAULT)).instance();
        ConsoleEndpoints endpoints = ConsoleEndpoints.resolve(env, region);
        String destination = Destination.compute(endpoints.consoleBase(), where.destination(env, null), region, where.overrideRegion);
        String token = ConfigToken.of(instance.startUrl(), instance.region(), endpoints.federation(), destination, accountId,
                roleName, region, where.duration, issuer).encode();
        ctx.out().println(token);
        return 0;
    }
}
