package io.ssokit.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;

/**
 * A leaf command: picocli parses into its fields, the factory hands it the {@link Ctx}, and
 * {@link #run()} calls one core service and renders. Render first, print last, so that a
 * failure leaves stdout empty.
 */
public abstract class BaseCommand implements Callable<Integer> {
    protected Ctx ctx;

    @Mixin
    protected Verbosity verbosity;

    final void init(Ctx context) {
        this.ctx = context;
    }

    @Override
    public final Integer call() throws Exception {
        ctx.log().setLevel(verbosity.level());
        return run();
    }

    protected abstract int run() throws Exception;
}
