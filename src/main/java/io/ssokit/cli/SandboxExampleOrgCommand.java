package io.ssokit.cli;

import io.ssokit.ExitCodes;
import io.ssokit.sandbox.Org;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine.Command;

/** {@code ssokit sandbox example-org}: prints the commented example org file, the schema by example. */
@Command(name = "example-org",
        mixinStandardHelpOptions = true,
        description = "Print a commented example org file (YAML) for 'ssokit sandbox serve --org FILE'.")
public final class SandboxExampleOrgCommand extends BaseCommand {
    @Override
    protected int run() throws IOException {
        String text;
        try (InputStream in = Org.class.getResourceAsStream("example-org.yaml")) {
            if (in == null) {
                throw new IllegalStateException("example-org.yaml is missing from the jar");
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        ctx.out().print(text);
        return ExitCodes.OK;
    }
}
