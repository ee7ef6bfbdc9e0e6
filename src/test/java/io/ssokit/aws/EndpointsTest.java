package io.ssokit.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ssokit.Env;
import io.ssokit.SsokitException;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EndpointsTest {
    static Env env(String... kv) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return new Env(m, Path.of("/nonexistent"));
    }

    @Test
    void noOverrideMeansSdkDefault() {
        assertNull(Endpoints.resolve(env(), Endpoints.Service.SSO));
    }

    @Test
    void globalVariableAppliesToEveryService() {
        Env e = env("AWS_ENDPOINT_URL", "http://127.0.0.1:4566");
        for (Endpoints.Service s : Endpoints.Service.values()) {
            assertEquals(URI.create("http://127.0.0.1:4566"), Endpoints.resolve(e, s));
        }
    }

    @Test
    void serviceSpecificVariableWins() {
        Env e = env("AWS_ENDPOINT_URL", "http://a:1", "AWS_ENDPOINT_URL_SSO_OIDC", "http://b:2");
        assertEquals(URI.create("http://b:2"), Endpoints.resolve(e, Endpoints.Service.SSO_OIDC));
        assertEquals(URI.create("http://a:1"), Endpoints.resolve(e, Endpoints.Service.SSO));
    }

    @Test
    void environmentBeatsConfigFileAndConfigFileOrderIsServiceThenProfile() {
        assertEquals(URI.create("http://env:1"),
                Endpoints.resolve(env("AWS_ENDPOINT_URL", "http://env:1"), Endpoints.Service.STS, "http://svc:2", "http://prof:3"));
        assertEquals(URI.create("http://svc:2"),
                Endpoints.resolve(env(), Endpoints.Service.STS, "http://svc:2", "http://prof:3"));
        assertEquals(URI.create("http://prof:3"),
                Endpoints.resolve(env(), Endpoints.Service.STS, null, "http://prof:3"));
    }

    @Test
    void ignoreSwitchDisablesEveryOverride() {
        Env e = env("AWS_ENDPOINT_URL", "http://a:1", "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "TRUE");
        assertNull(Endpoints.resolve(e, Endpoints.Service.SSO, "http://svc:2", "http://p:3"));
    }

    @Test
    void emptyVariableCountsAsUnset() {
        assertNull(Endpoints.resolve(env("AWS_ENDPOINT_URL", ""), Endpoints.Service.SSO));
    }

    @Test
    void badUrlIsAClearUsageError() {
        SsokitException e = assertThrows(SsokitException.class,
                () -> Endpoints.resolve(env("AWS_ENDPOINT_URL_STS", "localhost:4566"), Endpoints.Service.STS));
        assertEquals(2, e.exitCode());
        assertEquals(true, e.getMessage().contains("AWS_ENDPOINT_URL_STS"), e.getMessage());
    }
}
