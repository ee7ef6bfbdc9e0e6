package io.ssokit.aws;

import io.ssokit.Env;
import io.ssokit.ExitCodes;
import io.ssokit.SsokitException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Endpoint overrides as the AWS SDKs document them ("service-specific endpoints"): the
 * service-specific variable {@code AWS_ENDPOINT_URL_<SERVICE_ID>} wins over the global
 * {@code AWS_ENDPOINT_URL}; both are ignored when {@code AWS_IGNORE_CONFIGURED_ENDPOINT_URLS} is
 * true. Config-file {@code endpoint_url} settings are passed in by the caller, which knows the
 * profile. Pure: no SDK classes, so the hot path may use it.
 */
public final class Endpoints {

    /** The services ssokit talks to, with the env-var suffix the SDKs derive from the service ID. */
    public enum Service {
        SSO("SSO", "sso"),
        SSO_OIDC("SSO_OIDC", "sso_oidc"),
        STS("STS", "sts"),
        SSO_ADMIN("SSO_ADMIN", "sso_admin"),
        IDENTITYSTORE("IDENTITYSTORE", "identitystore"),
        ORGANIZATIONS("ORGANIZATIONS", "organizations");

        final String envSuffix;
        /** The key used in a {@code [services NAME]} section of the config file. */
        public final String configKey;

        Service(String envSuffix, String configKey) {
            this.envSuffix = envSuffix;
            this.configKey = configKey;
        }
    }

    private Endpoints() {
    }

    /**
     * The override for a service, or null for the SDK's default endpoint.
     *
     * @param serviceConfigUrl {@code endpoint_url} from the profile's services section, or null
     * @param profileConfigUrl {@code endpoint_url} of the profile itself, or null
     */
    public static URI resolve(Env env, Service service, String serviceConfigUrl, String profileConfigUrl) {
        String ignore = env.get("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS");
        if (ignore != null && ignore.toLowerCase(Locale.ROOT).equals("true")) {
            return null;
        }
        String specificName = "AWS_ENDPOINT_URL_" + service.envSuffix;
        String v = env.get(specificName);
        String from = specificName;
        if (v == null) {
            v = env.get("AWS_ENDPOINT_URL");
            from = "AWS_ENDPOINT_URL";
        }
        if (v == null) {
            v = serviceConfigUrl;
            from = "endpoint_url in the services section of the config file";
        }
        if (v == null) {
            v = profileConfigUrl;
            from = "endpoint_url in the config file";
        }
        if (v == null) {
            return null;
        }
        return parse(v.trim(), from);
    }

    /** Env-only form, for callers with no profile. */
    public static URI resolve(Env env, Service service) {
        return resolve(env, service, null, null);
    }

    /**
     * An endpoint URL as the user gave it: http(s) with a host.
     *
     * @param from where the value came from, for the message
     * @throws SsokitException exit 2 for anything else
     */
    public static URI parse(String value, String from) {
        try {
            URI uri = new URI(value);
            if (uri.getScheme() == null || uri.getHost() == null
                    || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
                throw new URISyntaxException(value, "not an http(s) URL with a host");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new SsokitException(ExitCodes.USAGE, "invalid endpoint URL in " + from + ": '" + value + "' (" + e.getReason() + ")");
        }
    }
}
