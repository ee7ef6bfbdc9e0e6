package io.ssokit.cli;

import io.ssokit.Env;
import io.ssokit.ExitCodes;
import io.ssokit.SsokitException;
import io.ssokit.configure.CredentialProcessLine;
import io.ssokit.configure.ExistingConfigAction;
import io.ssokit.text.PyText;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** The options {@code configure profile} and {@code configure populate} share (reference §3.3, §3.4). */
public final class ConfigureOptions {
    /** aws-sso-util's switch for the default of --credential-process. */
    static final String DISABLE_CREDENTIAL_PROCESS = "AWS_CONFIGURE_SSO_DISABLE_CREDENTIAL_PROCESS";

    @Option(names = {"-u", "--sso-start-url"}, paramLabel = "URL",
            description = "Start URL of the Identity Center instance: a full https:// URL (with --sso-region), or a regular"
                    + " expression matched against the instances in the config file (default:"
                    + " AWS_CONFIGURE_SSO_DEFAULT_SSO_START_URL, then AWS_DEFAULT_SSO_START_URL, then the only instance"
                    + " configured).")
    String startUrl;

    @Option(names = "--sso-region", paramLabel = "REGION",
            description = "Region of the Identity Center instance (default: AWS_CONFIGURE_SSO_DEFAULT_SSO_REGION, then"
                    + " AWS_DEFAULT_SSO_REGION).")
    String ssoRegion;

    @Option(names = "--sso-session", paramLabel = "NAME",
            description = "Write sso-session profiles (sso_session = NAME), the form that gets refresh tokens; the"
                    + " [sso-session NAME] section is created (start URL, region, sso_registration_scopes ="
                    + " sso:account:access) or reused. Without it, the legacy inline form aws-sso-util writes.")
    String ssoSession;

    @Option(names = {"-c", "--config-default"}, paramLabel = "KEY=VALUE",
            description = "Another key for the profile (repeatable); split at the first '='. With"
                    + " --existing-config-action keep, a key the profile already has is left alone.")
    List<String> configDefaults = new ArrayList<>();

    @Option(names = "--existing-config-action", paramLabel = "ACTION",
            completionCandidates = ActionCandidates.class,
            description = "keep (default): existing keys stay and --config-default does not replace them; overwrite:"
                    + " --config-default replaces them; discard: the section is rebuilt from what this run writes.")
    String existingConfigAction = "keep";

    @Option(names = "--credential-process", negatable = true,
            description = "Add 'credential_process = ssokit credential-process --profile NAME' (default, unless "
                    + DISABLE_CREDENTIAL_PROCESS + " is 1/true), or with --no-credential-process remove it. The command"
                    + " before --profile comes from " + CredentialProcessLine.PREFIX_VARIABLE + " when set.")
    Boolean credentialProcess;

    @Option(names = "--force-refresh", description = "Log in again even if the cached token is still valid.")
    boolean forceRefresh;

    static final class ActionCandidates extends ArrayList<String> {
        private static final long serialVersionUID = 1L;

        ActionCandidates() {
            super(List.of("keep", "overwrite", "discard"));
        }
    }

    ExistingConfigAction action() {
        return ExistingConfigAction.fromOption(existingConfigAction);
    }

    /** The {@code credential_process} prefix, or null when the line is not wanted. */
    String credentialProcessPrefix(Env env) {
        boolean on = credentialProcess != null ? credentialProcess : !env.flag(DISABLE_CREDENTIAL_PROCESS);
        return on ? CredentialProcessLine.prefix(env) : null;
    }

    /** {@code -c} pairs, keys lowercased as configparser stores them. */
    Map<String, String> configDefaults() {
        Map<String, String> out = new LinkedHashMap<>();
        for (String kv : configDefaults) {
            int eq = kv.indexOf('=');
            if (eq <= 0) {
                throw new SsokitException(ExitCodes.USAGE, "--config-default takes KEY=VALUE, got '" + kv + "'");
            }
            out.put(PyText.lower(kv.substring(0, eq).strip()), kv.substring(eq + 1).strip());
        }
        return out;
    }

    boolean namesInstance() {
        return startUrl != null || ssoRegion != null || ssoSession != null;
    }
}
