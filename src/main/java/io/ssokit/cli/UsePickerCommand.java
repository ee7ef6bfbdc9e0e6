package io.ssokit.cli;

import io.ssokit.ExitCodes;
import io.ssokit.SsokitException;
import io.ssokit.config.AwsConfig;
import io.ssokit.config.Profile;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import picocli.CommandLine.Command;

/**
 * {@code ssokit __pick-profile}, for the shell integration's {@code ssokit use} with no name: a
 * list drawn on the terminal (stdin and stderr); stdout gets the chosen name and nothing else, or
 * nothing at all when the user cancels (exit 0 either way: a cancel is a clean no-op).
 */
@Command(name = "__pick-profile", hidden = true,
        description = "Choose a profile on the terminal; print its name on stdout (nothing on cancel).")
public final class UsePickerCommand extends BaseCommand {

    @Override
    protected int run() throws IOException {
        AwsConfig config = AwsConfig.load(ctx.env());
        List<UsePicker.Item> items = items(config);
        if (items.isEmpty()) {
            throw new SsokitException(ExitCodes.ERROR, "no profiles in " + ctx.env().awsConfigFile() + " or "
                    + ctx.env().awsCredentialsFile() + "; create some with 'ssokit configure populate'");
        }
        String chosen;
        try (Terminal terminal = terminal()) {
            chosen = new UsePicker(items, ctx.env().get("AWS_PROFILE")).run(terminal);
        }
        if (chosen != null) {
            ctx.out().println(chosen);
        }
        return ExitCodes.OK;
    }

    /** The user's terminal: keys from stdin, drawing on stderr (stdout is captured by the shell). */
    private static Terminal terminal() throws IOException {
        Terminal t = TerminalBuilder.builder().system(true).systemOutput(TerminalBuilder.SystemOutput.SysErr)
                .dumb(true).build();
        if (t.getType() == null || t.getType().startsWith(Terminal.TYPE_DUMB)) {
            t.close();
            throw new SsokitException(ExitCodes.USAGE, "choosing a profile needs a terminal (stdin and stderr);"
                    + " name it instead: ssokit use PROFILE");
        }
        return t;
    }

    static List<UsePicker.Item> items(AwsConfig config) {
        List<UsePicker.Item> items = new ArrayList<>();
        for (String name : config.profileNames()) {
            Profile p = config.profile(name).orElseThrow();
            items.add(new UsePicker.Item(name, detail(p)));
        }
        return items;
    }

    private static String detail(Profile p) {
        String account = p.get("sso_account_id").orElse(null);
        String role = p.get("sso_role_name").orElse(null);
        if (account != null || role != null) {
            String accountName = p.get("sso_account_name").orElse(null);
            return (accountName != null ? accountName + " (" + account + ")" : String.valueOf(account)) + " " + (role == null ? "" : role);
        }
        if (p.get("role_arn").isPresent()) {
            return roleDetail(p.get("role_arn").get(), p.get("source_profile").orElse(null),
                    p.get("credential_source").orElse(null));
        }
        if (p.get("credential_process").isPresent()) {
            return "credential_process";
        }
        if (p.get("aws_access_key_id").isPresent()) {
            return "access keys";
        }
        if (p.get("sso_session").isPresent() || p.get("sso_start_url").isPresent()) {
            return "Identity Center sign-in";
        }
        return p.get("region").map(r -> "region " + r).orElse("");
    }

    /**
     * "Deployer in 222222222222 via dev" for a role profile, so that it reads like the Identity
     * Center ones next to it; an ARN that does not parse is shown as it is.
     */
    static String roleDetail(String roleArn, String sourceProfile, String credentialSource) {
        String[] parts = roleArn.split(":", 6);
        String what = roleArn;
        if (parts.length == 6 && parts[0].equals("arn") && parts[2].equals("iam") && parts[5].startsWith("role/")) {
            String role = parts[5].substring(parts[5].lastIndexOf('/') + 1);
            what = parts[4].isEmpty() ? role : role + " in " + parts[4];
        }
        if (sourceProfile != null) {
            return what + " via " + sourceProfile;
        }
        return credentialSource != null ? what + " via " + credentialSource : what;
    }
}
