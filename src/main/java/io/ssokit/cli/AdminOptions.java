package io.ssokit.cli;

import picocli.CommandLine.Option;

/**
 * The options {@code admin lookup} and {@code admin assignments} share (aws-sso-util spells them
 * the same in both): the instance, the profile, {@code --show-id/--hide-id} and
 * {@code --header/--no-header}. Paired flags are setters, so the last one given wins, as in click.
 */
public final class AdminOptions {
    @Option(names = {"--instance-arn", "--ins"}, paramLabel = "ARN", description = "Identity Center instance ARN or bare id "
            + "(ssoins-...); default: the only one sso-admin ListInstances finds.")
    String instanceArn;

    @Option(names = {"--identity-store-id", "--id-store"}, paramLabel = "ID", description = "Identity store id (d-...); default: "
            + "the instance's.")
    String identityStoreId;

    @Option(names = "--profile", paramLabel = "NAME", description = "AWS profile for the admin calls, any kind (default: the "
            + "environment's credentials, else AWS_PROFILE, else the default profile).")
    String profile;

    boolean showId;
    boolean header = true;

    @Option(names = "--show-id", description = "Also print the instance or identity store used.")
    void showId(boolean v) {
        showId = true;
    }

    @Option(names = "--hide-id", description = "Do not (the default).")
    void hideId(boolean v) {
        showId = false;
    }

    @Option(names = "--header", description = "Print the header row (the default; aws-sso-util's inverted lookup flag is not copied).")
    void header(boolean v) {
        header = true;
    }

    @Option(names = "--no-header", description = "Leave out the header row.")
    void noHeader(boolean v) {
        header = false;
    }
}
