package io.ssokit.sandbox;

import io.ssokit.ExitCodes;
import io.ssokit.Log;
import io.ssokit.SsokitException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * How to run a {@link Sandbox}. Build with {@link #builder()}; every setting has the default
 * that {@code ssokit sandbox serve} uses. Invalid values fail with a one-line
 * {@link SsokitException} naming the command-line option.
 *
 * @param host address to listen on (default 127.0.0.1)
 * @param port TCP port; 0 picks a free one
 * @param org the organisation (default {@link Org#defaultOrg()})
 * @param autoApprove approve every device authorization and browser sign-in at once
 * @param latency added before every request is answered
 * @param throttleRps requests per second across all services before throttling errors; 0 = unlimited
 * @param errorRate probability (0..1) that an API request fails with the service's HTTP 500
 * @param seed seed of the error-injection draws, for reproducible runs; null = random
 * @param tokenTtl lifetime of access tokens (default 8 h)
 * @param credentialsTtl lifetime of role credentials from the portal (default 1 h)
 * @param clientTtl lifetime of client registrations (default 90 days, as AWS)
 * @param pollInterval the device-flow polling interval; polling faster gets slow_down; 0 = no limit
 * @param deviceCodeTtl how long a device authorization waits for approval (default 10 min)
 * @param stateDir directory where state survives restarts; null = memory only
 * @param clock time source (tests pass a movable one)
 * @param log where requests are logged (debug level, one line each, no secrets) and internal errors
 *     (warnings); null = silent
 */
public record SandboxOptions(String host, int port, Org org, boolean autoApprove, Duration latency, double throttleRps,
        double errorRate, Long seed, Duration tokenTtl, Duration credentialsTtl, Duration clientTtl, Duration pollInterval,
        Duration deviceCodeTtl, Path stateDir, Clock clock, Log log) {

    public SandboxOptions {
        host = host == null ? "127.0.0.1" : host;
        org = org == null ? Org.defaultOrg() : org;
        latency = latency == null ? Duration.ZERO : latency;
        tokenTtl = tokenTtl == null ? Duration.ofHours(8) : tokenTtl;
        credentialsTtl = credentialsTtl == null ? Duration.ofHours(1) : credentialsTtl;
        clientTtl = clientTtl == null ? Duration.ofDays(90) : clientTtl;
        pollInterval = pollInterval == null ? Duration.ofSeconds(1) : pollInterval;
        deviceCodeTtl = deviceCodeTtl == null ? Duration.ofMinutes(10) : deviceCodeTtl;
        clock = clock == null ? Clock.systemUTC() : clock;
        log = log == null ? Log.silent() : log;
        check(port >= 0 && port <= 65535, "--port must be between 0 and 65535, got " + port);
        check(!latency.isNegative(), "--latency must not be negative");
        check(throttleRps >= 0 && Double.isFinite(throttleRps), "--throttle must be a number of requests per second >= 0, got " + throttleRps);
        check(errorRate >= 0 && errorRate <= 1, "--error-rate must be between 0 and 1, got " + errorRate);
        check(tokenTtl.getSeconds() >= 1, "--token-ttl must be at least 1 second");
        check(credentialsTtl.getSeconds() >= 1, "--credentials-ttl must be at least 1 second");
        check(clientTtl.getSeconds() >= 1, "--client-ttl must be at least 1 second");
        check(!pollInterval.isNegative() && pollInterval.toMillis() % 1000 == 0,
                "--poll-interval must be a whole number of seconds >= 0");
        check(deviceCodeTtl.getSeconds() >= 1, "--device-code-ttl must be at least 1 second");
    }

    public static Builder builder() {
        return new Builder();
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new SsokitException(ExitCodes.USAGE, message);
        }
    }

    /** Fluent construction; unset values take the defaults documented on {@link SandboxOptions}. */
    public static final class Builder {
        private String host;
        private int port;
        private Org org;
        private boolean autoApprove;
        private Duration latency;
        private double throttleRps;
        private double errorRate;
        private Long seed;
        private Duration tokenTtl;
        private Duration credentialsTtl;
        private Duration clientTtl;
        private Duration pollInterval;
        private Duration deviceCodeTtl;
        private Path stateDir;
        private Clock clock;
        private Log log;

        public Builder host(String v) {
            host = v;
            return this;
        }

        public Builder port(int v) {
            port = v;
            return this;
        }

        public Builder org(Org v) {
            org = v;
            return this;
        }

        public Builder autoApprove(boolean v) {
            autoApprove = v;
            return this;
        }

        public Builder latency(Duration v) {
            latency = v;
            return this;
        }

        public Builder throttleRps(double v) {
            throttleRps = v;
            return this;
        }

        public Builder errorRate(double v) {
            errorRate = v;
            return this;
        }

        public Builder seed(Long v) {
            seed = v;
            return this;
        }

        public Builder tokenTtl(Duration v) {
            tokenTtl = v;
            return this;
        }

        public Builder credentialsTtl(Duration v) {
            credentialsTtl = v;
            return this;
        }

        public Builder clientTtl(Duration v) {
            clientTtl = v;
            return this;
        }

        public Builder pollInterval(Duration v) {
            pollInterval = v;
            return this;
        }

        public Builder deviceCodeTtl(Duration v) {
            deviceCodeTtl = v;
            return this;
        }

        public Builder stateDir(Path v) {
            stateDir = v;
            return this;
        }

        public Builder clock(Clock v) {
            clock = v;
            return this;
        }

        public Builder log(Log v) {
            log = v;
            return this;
        }

        public SandboxOptions build() {
            return new SandboxOptions(host, port, org, autoApprove, latency, throttleRps, errorRate, seed, tokenTtl,
                    credentialsTtl, clientTtl, pollInterval, deviceCodeTtl, stateDir, clock, log);
        }
    }
}
