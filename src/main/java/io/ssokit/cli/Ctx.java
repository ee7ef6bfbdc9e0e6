package io.ssokit.cli;

import io.ssokit.Env;
import io.ssokit.Log;
import java.io.PrintWriter;

/**
 * What every command is handed: the environment, stdout (product only) and stderr (everything
 * else), and the logger for this run.
 */
public record Ctx(Env env, PrintWriter out, PrintWriter err, Log log) {
}
