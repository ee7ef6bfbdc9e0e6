package io.ssokit.cli;

import io.ssokit.ExitCodes;
import io.ssokit.SsokitException;
import io.ssokit.config.AwsConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ssokit __check-profile NAME}, for the shell integration: exit 0 when the profile exists
 * with botocore's exact reading of the config and credentials files. The integration's quick
 * scan calls it only when it cannot tell, so a typo costs one Java start and gets a precise message.
 */
@Command(name = "__check-profile", hidden = true,
        description = "Exit 0 when PROFILE exists in the config or credentials file; else say so on stderr and exit 1.")
public final class UseCheckProfileCommand extends BaseCommand {
    @Parameters(index = "0", arity = "0..1", paramLabel = "PROFILE", description = "The profile name.")
    String positional;

    /** The same as one word, for PowerShell, which does not pass "--" on to native programs before 7.3. */
    @Option(names = "--name", paramLabel = "PROFILE", description = "The profile name, when it cannot follow '--'.")
    String named;

    @Override
    protected int run() {
        if ((positional == null) == (named == null)) {
            throw new SsokitException(ExitCodes.USAGE, "give the profile name once: __check-profile -- NAME, or --name=NAME");
        }
        String profile = positional != null ? positional : named;
        AwsConfig config = AwsConfig.load(ctx.env());
        if (config.profile(profile).isPresent()) {
            return ExitCodes.OK;
        }
        List<String> near = new ArrayList<>();
        String lower = profile.toLowerCase(Locale.ROOT);
        for (String n : config.profileNames()) {
            String l = n.toLowerCase(Locale.ROOT);
            if (!lower.isEmpty() && (l.contains(lower) || lower.contains(l) || l.equals(lower))) {
                near.add(printable(n));
            }
        }
        String hint = near.isEmpty() ? "; 'ssokit use' with no name lists them"
                : "; did you mean " + String.join(", ", near.subList(0, Math.min(5, near.size()))) + "?";
        throw new SsokitException(ExitCodes.ERROR, "no profile named " + printable(profile) + " in " + ctx.env().awsConfigFile()
                + " or " + ctx.env().awsCredentialsFile() + hint);
    }

    /** A name for a one-line terminal message: quoted, control characters escaped. */
    static String printable(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('\'');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                sb.append(String.format("\\u%04X", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.append('\'').toString();
    }
}
