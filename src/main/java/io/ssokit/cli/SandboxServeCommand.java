package io.ssokit.cli;

import io.ssokit.ExitCodes;
import io.ssokit.SsokitException;
import io.ssokit.sandbox.Org;
import io.ssokit.sandbox.OrgLoader;
import io.ssokit.sandbox.Sandbox;
import io.ssokit.sandbox.SandboxOptions;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ssokit sandbox serve}: runs the sandbox until SIGINT or SIGTERM. stdout gets exactly
 * one line, the endpoint URL, once the port is bound; everything else goes to stderr.
 */
@Command(name = "serve",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Serve the sandbox until interrupted (SIGINT or SIGTERM, exit 0). Prints one line on stdout when ready: "
                    + "the endpoint URL, http://127.0.0.1:PORT. Point clients at it with AWS_ENDPOINT_URL or --endpoint-url.",
            "",
            "Without --org or --accounts: start URL " + Org.DEFAULT_START_URL + " in " + Org.DEFAULT_REGION + "; accounts "
                    + "111111111111 Development, 222222222222 Staging, 333333333333 Production [EU]; roles Developer and "
                    + "ReadOnly in every account and AdministratorAccess in 111111111111; one user, " + Org.DEFAULT_USER + "."},
        footer = {"",
            "Control endpoints: GET /_sandbox/stats, POST /_sandbox/stats/reset, GET /_sandbox/org, "
                    + "POST /_sandbox/approve?user_code=CODE and /_sandbox/deny?user_code=CODE.",
            "Org file schema: 'ssokit sandbox example-org' prints a commented example."})
public final class SandboxServeCommand extends BaseCommand {

    @Option(names = "--port", paramLabel = "N", description = "TCP port to listen on; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--host", paramLabel = "ADDRESS", description = "Address to listen on (default: ${DEFAULT-VALUE}). Plain HTTP: keep it on loopback.")
    String host = "127.0.0.1";

    @Option(names = "--org", paramLabel = "FILE", description = "Organisation file, JSON or YAML (.yaml/.yml): instances, accounts, roles, users, IAM roles, MFA devices.")
    Path org;

    @Option(names = "--accounts", paramLabel = "N", description = "Generate N accounts named 'Account 0001'... with zero-padded ids (for scale tests).")
    Integer accounts;

    @Option(names = "--roles-per-account", paramLabel = "M", description = "Roles in each generated account (default: 3; needs --accounts).")
    Integer rolesPerAccount;

    @Option(names = "--auto-approve", description = "Approve every device authorization and browser sign-in at once.")
    boolean autoApprove;

    @Option(names = "--latency", paramLabel = "MS", description = "Delay every request by MS milliseconds (default: ${DEFAULT-VALUE}).")
    long latencyMillis;

    @Option(names = "--throttle", paramLabel = "RPS", description = "Refuse API requests beyond RPS per second across all services with each service's"
            + " throttling error (default: ${DEFAULT-VALUE} = unlimited).")
    double throttle;

    @Option(names = "--error-rate", paramLabel = "P", description = "Fail each API request with probability P (0..1) with the service's HTTP 500 (default: ${DEFAULT-VALUE}).")
    double errorRate;

    @Option(names = "--seed", paramLabel = "S", description = "Seed of the --error-rate draws, for reproducible runs (default: random).")
    Long seed;

    @Option(names = "--token-ttl", paramLabel = "SECONDS", description = "Lifetime of access tokens (default: ${DEFAULT-VALUE} = 8 h).")
    long tokenTtl = 8 * 3600;

    @Option(names = "--credentials-ttl", paramLabel = "SECONDS", description = "Lifetime of role credentials from the portal (default: ${DEFAULT-VALUE} = 1 h).")
    long credentialsTtl = 3600;

    @Option(names = "--client-ttl", paramLabel = "SECONDS", description = "Lifetime of client registrations (default: ${DEFAULT-VALUE} = 90 days, as AWS).")
    long clientTtl = 90L * 24 * 3600;

    @Option(names = "--poll-interval", paramLabel = "SECONDS", description = "Device-flow polling interval; faster polls get slow_down; 0 = no limit (default: ${DEFAULT-VALUE}).")
    long pollInterval = 1;

    @Option(names = "--device-code-ttl", paramLabel = "SECONDS", description = "How long a device authorization waits for approval (default: ${DEFAULT-VALUE}).")
    long deviceCodeTtl = 600;

    @Option(names = "--state-dir", paramLabel = "DIR", description = "Keep clients, tokens and issued credentials in DIR across restarts (default: memory only).")
    Path stateDir;

    @Override
    protected int run() throws Exception {
        Org organisation = organisation();
        SandboxOptions options = SandboxOptions.builder()
                .host(host).port(port).org(organisation).autoApprove(autoApprove)
                .latency(nonNegative("--latency", latencyMillis, Duration::ofMillis))
                .throttleRps(throttle).errorRate(errorRate).seed(seed)
                .tokenTtl(seconds("--token-ttl", tokenTtl)).credentialsTtl(seconds("--credentials-ttl", credentialsTtl))
                .clientTtl(seconds("--client-ttl", clientTtl)).pollInterval(nonNegative("--poll-interval", pollInterval, Duration::ofSeconds))
                .deviceCodeTtl(seconds("--device-code-ttl", deviceCodeTtl))
                .stateDir(stateDir).log(ctx.log())
                .build();
        if (!isLoopback(host)) {
            ctx.log().warn("--host " + host + " is not a loopback address: the sandbox serves credentials over plain HTTP");
        }
        Sandbox sandbox = Sandbox.start(options);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(sandbox), "ssokit-sandbox-shutdown"));
        ctx.out().println(sandbox.endpoint());
        ctx.out().flush();
        Org.Instance instance = organisation.instances().get(0);
        ctx.log().info("ssokit sandbox: serving at " + sandbox.endpoint() + " (start URL " + instance.startUrl() + ", region "
                + instance.region() + ", " + organisation.accounts().size() + " accounts); stop with Ctrl-C");
        new CountDownLatch(1).await();
        return ExitCodes.OK;
    }

    /**
     * Runs on SIGINT/SIGTERM. The JVM would exit with 130/143 after the hooks; a stop on request
     * is a success, so the hook ends the process itself with 0 once the state is saved.
     */
    private void stop(Sandbox sandbox) {
        int code = ExitCodes.OK;
        try {
            sandbox.close();
            ctx.log().debug("sandbox stopped" + (stateDir == null ? "" : "; state saved in " + stateDir));
        } catch (SsokitException e) {
            ctx.err().println("ssokit: " + e.getMessage());
            code = e.exitCode();
        } catch (RuntimeException e) {
            ctx.err().println("ssokit: internal error while stopping the sandbox: " + e);
            code = ExitCodes.INTERNAL;
        }
        ctx.err().flush();
        ctx.out().flush();
        Runtime.getRuntime().halt(code);
    }

    private Org organisation() {
        if (org != null && (accounts != null || rolesPerAccount != null)) {
            throw new SsokitException(ExitCodes.USAGE, "--org cannot be combined with --accounts or --roles-per-account");
        }
        if (rolesPerAccount != null && accounts == null) {
            throw new SsokitException(ExitCodes.USAGE, "--roles-per-account needs --accounts");
        }
        if (org != null) {
            return OrgLoader.load(org);
        }
        if (accounts != null) {
            try {
                return Org.generated(accounts, rolesPerAccount == null ? 3 : rolesPerAccount);
            } catch (IllegalArgumentException e) {
                throw new SsokitException(ExitCodes.USAGE, e.getMessage());
            }
        }
        return Org.defaultOrg();
    }

    private static Duration seconds(String option, long value) {
        if (value < 1) {
            throw new SsokitException(ExitCodes.USAGE, option + " must be at least 1 second, got " + value);
        }
        return Duration.ofSeconds(value);
    }

    private static Duration nonNegative(String option, long value, java.util.function.LongFunction<Duration> unit) {
        if (value < 0) {
            throw new SsokitException(ExitCodes.USAGE, option + " must not be negative, got " + value);
        }
        return unit.apply(value);
    }

    private static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            // Sandbox.start reports an unresolvable host as a usage error
            return true;
        }
    }
}
