package io.ssokit.naming;

import io.ssokit.text.PyText;

import io.ssokit.Env;
import io.ssokit.ExitCodes;
import io.ssokit.Log;
import io.ssokit.SsokitException;
import io.ssokit.shell.ShellWords;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * aws-sso-util's external namer, {@code --profile-name-process CMD}: CMD is split into words
 * shell-style, seven arguments are appended (account name, safe when safe names are on;
 * account id; role name; region; short region; region index; region count), and the trimmed
 * standard output is the profile name ({@code SKIP} drops the profile).
 *
 * <p>Deviation: the words are executed directly, without a shell. aws-sso-util quotes every word
 * and hands the line to {@code sh -c}, so the shell sees one simple command with no pipes,
 * redirections or expansions; running the argv gives the same result without a second parse
 * of account and role names, which come from the directory. Shell functions, aliases and
 * builtins without an executable are therefore not available as the command.
 *
 * <p>Extensions: stderr is captured and shown with any failure (aws-sso-util loses it); a run
 * is killed after {@link NamingOptions#processTimeout()}; the instance is passed in the
 * environment as {@code SSOKIT_SSO_START_URL}, {@code SSOKIT_SSO_REGION} and
 * {@code SSOKIT_SSO_SESSION} (aws-sso-util issue #118), leaving the positional contract intact.
 */
final class ProfileNameProcess {
    private final List<String> command;
    private final NamingOptions options;
    private final InstanceInfo instance;
    private final Env env;
    private final Log log;

    ProfileNameProcess(String commandLine, NamingOptions options, InstanceInfo instance, Env env, Log log) {
        this.command = List.copyOf(ShellWords.split(commandLine));
        if (command.isEmpty()) {
            throw new SsokitException(ExitCodes.USAGE, "--profile-name-process: the command is empty");
        }
        this.options = options;
        this.instance = instance;
        this.env = env;
        this.log = log;
    }

    List<String> argv(NameInput input) {
        List<String> argv = new ArrayList<>(command);
        String account = input.accountNameOrId();
        argv.add(options.safeAccountNames() ? AccountNames.safe(account) : account);
        argv.add(input.accountId());
        argv.add(input.roleName());
        argv.add(input.region());
        argv.add(Regions.shortName(input.region()));
        argv.add(Integer.toString(input.regionIndex()));
        argv.add(Integer.toString(input.regionCount()));
        return argv;
    }

    /** Runs the namer for one input and returns its trimmed standard output. */
    String run(NameInput input) {
        List<String> argv = argv(input);
        Path out = null;
        Path err = null;
        try {
            out = Files.createTempFile("ssokit-name-", ".out");
            err = Files.createTempFile("ssokit-name-", ".err");
            // files, not pipes: nothing to drain concurrently, and a namer that leaves a
            // background child holding the pipe open cannot block us past the timeout
            ProcessBuilder pb = new ProcessBuilder(argv).redirectOutput(out.toFile()).redirectError(err.toFile());
            Map<String, String> childEnv = pb.environment();
            childEnv.clear();
            childEnv.putAll(env.vars());
            childEnv.put("SSOKIT_SSO_START_URL", instance.startUrl());
            childEnv.put("SSOKIT_SSO_REGION", instance.ssoRegion());
            if (instance.ssoSession() != null) {
                childEnv.put("SSOKIT_SSO_SESSION", instance.ssoSession());
            } else {
                childEnv.remove("SSOKIT_SSO_SESSION");
            }
            Process process = start(pb, argv);
            process.getOutputStream().close();
            long millis = options.processTimeout().toMillis();
            if (!process.waitFor(millis, TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor();
                throw new SsokitException(ExitCodes.ERROR, "profile name process timed out after "
                        + options.processTimeout().toSeconds() + " s: " + show(argv));
            }
            String stdout = new String(Files.readAllBytes(out), StandardCharsets.UTF_8);
            String stderr = new String(Files.readAllBytes(err), StandardCharsets.UTF_8);
            int exit = process.exitValue();
            if (exit != 0) {
                StringBuilder msg = new StringBuilder("profile name process failed (exit ").append(exit)
                        .append(") for ").append(input.describe()).append(": ").append(show(argv));
                if (!stdout.isBlank()) {
                    msg.append("\nstdout: ").append(stdout.strip());
                }
                if (!stderr.isBlank()) {
                    msg.append("\nstderr: ").append(stderr.strip());
                }
                throw new SsokitException(ExitCodes.ERROR, msg.toString());
            }
            // aws-sso-util lets the namer's stderr reach the terminal; relay it the same way
            stderr.lines().filter(l -> !l.isBlank()).forEach(l -> log.info("profile name process: " + l));
            return PyText.strip(stdout);
        } catch (IOException e) {
            throw new SsokitException(ExitCodes.ERROR, "profile name process: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SsokitException(ExitCodes.INTERRUPTED, "interrupted while running the profile name process");
        } finally {
            delete(out);
            delete(err);
        }
    }

    String describe() {
        return "process " + show(command) + " <account name> <account id> <role name> <region> <short region>"
                + " <region index> <region count>";
    }

    private static Process start(ProcessBuilder pb, List<String> argv) {
        try {
            return pb.start();
        } catch (IOException e) {
            throw new SsokitException(ExitCodes.ERROR, "cannot run the profile name process " + show(argv.subList(0, 1))
                    + ": " + e.getMessage());
        }
    }

    /** For messages only (this is never run by a shell): each word quoted, control characters visible. */
    private static String show(List<String> words) {
        return words.stream().map(NameValidator::display).collect(Collectors.joining(" "));
    }

    private static void delete(Path p) {
        if (p != null) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                // a leftover temp file holds only a profile name; not worth failing the run for
            }
        }
    }
}
