package io.ssokit.admin;

import io.ssokit.testing.CliRun;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** The lifecycle the in-process admin command tests share: a fresh HOME and sandbox per test. */
abstract class AdminCommandTesting {
    @TempDir
    Path home;
    AdminFixture f;

    @BeforeEach
    void start() {
        f = new AdminFixture(home);
    }

    @AfterEach
    void stop() {
        f.close();
    }

    static CliRun ok(CliRun r) {
        return AdminFixture.ok(r);
    }
}
