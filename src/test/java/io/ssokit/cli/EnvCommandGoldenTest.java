package io.ssokit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ssokit.shellenv.FakeHome;
import io.ssokit.shellenv.Golden;
import io.ssokit.testing.CliRun;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Golden files of {@code env} and {@code unset} for every target (see {@link Golden} for the
 * update switch). Credentials come from the fake HOME's cache, so the output is fixed.
 */
class EnvCommandGoldenTest {
    static final List<String> SHELLS = List.of("bash", "zsh", "fish", "powershell", "cmd");
    static final List<String> FORMATS = List.of("dotenv", "json");

    @TempDir
    Path dir;

    private static String run(FakeHome h, List<String> env, String... args) {
        CliRun r = CliRun.run(h.env(env.toArray(String[]::new)), args);
        assertEquals("", r.err(), String.join(" ", args));
        assertEquals(0, r.code(), String.join(" ", args));
        return r.out();
    }

    private static String[] targetArgs(String target) {
        return FORMATS.contains(target) ? new String[] {"--format", target} : new String[] {"--shell", target};
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = new String[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    @Test
    void envForAProfile() throws Exception {
        FakeHome h = FakeHome.create(dir);
        for (String target : concat(SHELLS.toArray(String[]::new), FORMATS.toArray(String[]::new))) {
            String out = run(h, List.of("AWS_REGION", "us-west-2"), concat(new String[] {"env", "--profile", "dev"}, targetArgs(target)));
            Golden.check("env/dev." + Golden.extension(target), out);
        }
    }

    @Test
    void envForAHostileProfile() throws Exception {
        FakeHome h = FakeHome.create(dir);
        for (String target : List.of("bash", "zsh", "fish", "powershell", "json")) {
            String out = run(h, List.of(), concat(new String[] {"env", "--profile", FakeHome.HOSTILE_PROFILE}, targetArgs(target)));
            Golden.check("env/hostile." + Golden.extension(target), out);
        }
    }

    @Test
    void envForAnAccountAndRoleKeepsTheUsersRegion() throws Exception {
        FakeHome h = FakeHome.create(dir);
        String out = run(h, List.of("AWS_REGION", "us-west-2", "AWS_DEFAULT_REGION", "ap-south-1", "AWS_PROFILE", "stale"),
                "env", "--account-id", "333333333333", "--role-name", "Admin", "--shell", "bash");
        Golden.check("env/role.bash", out);
    }

    @Test
    void unset() throws Exception {
        FakeHome h = FakeHome.create(dir);
        List<String> ours = List.of("AWS_REGION", "eu-central-1", "AWS_DEFAULT_REGION", "eu-central-1", "SSOKIT_REGION", "eu-central-1");
        for (String shell : SHELLS) {
            Golden.check("unset/ours." + Golden.extension(shell), run(h, ours, "unset", "--shell", shell));
        }
        Golden.check("unset/users-region.bash", run(h, List.of("AWS_REGION", "us-west-2", "AWS_DEFAULT_REGION", "eu-central-1",
                "SSOKIT_REGION", "eu-central-1"), "unset", "--shell", "bash"));
    }
}
