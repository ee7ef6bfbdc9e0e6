package io.ssokit.cli;

import picocli.CommandLine.Option;

/**
 * The options {@code admin lookup} and {@code admin assignments} share (aws-sso-util spells them
 * the same in both): the instance, the profile, {@code --show-id/--hide-id} and
 * {@code --header/--no-header}. Paired flags are setters, so the last one given wins, as in click.
 */
public final class AdminOptions {
    @Option(order = 1, names = {"--instance-arn", "--ins"}, paramLabel = "ARN", description = "Identity Center instance ARN or bare id "
            + "(ssoins-...); default: the only one sso-admin ListInstances finds.")
    String instanceArn;

    @Option(order = 2, names = {"--identity-store-id", "--id-store"}, paramLabel = "ID", description = "Identity store id (d-...); default: "
            + "the instance's.")
    String identityStoreId;

    @Option(order = 3, names = "--profile", paramLabel = "NAME", description = "AWS profile for the admin calls, any kind (default: the "
            + "environment's credentials, else AWS_PROFILE, else the default profile).")
    String profile;

    boolean showId;
    boolean header = true;

    @Option(order = 4, names = "--show-id", description = "Also print the instance or identity store used (lookup: on stdout, before the rows; assignments: on stderr).")
    void showId(boolean v) {
        showId = true;
    }

    @Option(order = 5, names = "--hide-id", description = "Do not (the default).")
    void hideId(boolean v) {
        showId = false;
    }

    @Option(order = 6, names = "--header", description = "Print the header row (the default; aws-sso-util's inverted lookup flag is not copied).")
    void header(boolean v) {
        header = true;
    }

    @Option(order = 7, names = "--no-header", description = "Leave out the header row.")
    void noHeader(boolean v) {
        header = false;
    }
}
