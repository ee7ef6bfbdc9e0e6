package io.ssokit.cli;

import io.ssokit.Env;
import io.ssokit.ExitCodes;
import io.ssokit.Log;
import io.ssokit.SsokitException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.IFactory;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Builds the picocli {@link CommandLine} and wires, in this one place, out/err, the exit-code
 * mapping and the error handlers.
 *
 * <p>Only the subcommand being run is added to the model (building every annotated command
 * costs start-up time on each call); the full tree is built for help and for unknown names.
 */
public final class CommandFactory {

    /** Top-level commands in help order. Add a command here and in {@link #newCommand}. */
    static final List<String> COMMANDS = List.of(
            "login",
            "logout",
            "roles",
            "configure",
            "check",
            "env",
            "unset",
            "exec",
            "run-as",
            "assume-role",
            "shell",
            "use",
            "clear",
            "credential-process",
            "export-credentials",
            "console",
            "admin",
            "sandbox",
            "demo",
            "completion",
            "__check-profile",
            "__pick-profile");

    private CommandFactory() {
    }

    static Object newCommand(String name) {
        return switch (name) {
            case "login" -> new LoginCommand();
            case "logout" -> new LogoutCommand();
            case "roles" -> new RolesCommand();
            case "configure" -> new ConfigureCommand();
            case "check" -> new CheckCommand();
            case "credential-process" -> new CredentialProcessCommand();
            case "env" -> new EnvCommand();
            case "unset" -> new UnsetCommand();
            case "exec" -> new ExecCommand();
            case "run-as" -> new RunAsCommand();
            case "assume-role" -> new AssumeRoleCommand();
            case "export-credentials" -> new ExportCredentialsCommand();
            case "console" -> new ConsoleCommand();
            case "admin" -> new AdminCommand();
            case "shell" -> new ShellInitCommand();
            case "use" -> new UseCommand();
            case "clear" -> new ClearCommand();
            case "__check-profile" -> new UseCheckProfileCommand();
            case "__pick-profile" -> new UsePickerCommand();
            case "sandbox" -> new SandboxCommand();
            case "demo" -> new DemoCommand();
            case "completion" -> new CompletionCommand();
            default -> null;
        };
    }

    public static int execute(String[] args, Env env, PrintWriter out, PrintWriter err) {
        Ctx ctx = new Ctx(env, out, err, new Log(err, 0));
        boolean debug = wantsDebug(args);
        CommandLine cl;
        try {
            cl = build(ctx, firstCommandName(args));
        } catch (RuntimeException e) {
            return report(err, e, debug);
        }
        try {
            return cl.execute(args);
        } catch (RuntimeException | Error e) {
            // picocli hands exceptions of the commands to the handler above; Errors (a class
            // that failed to initialise, a stack overflow) come here, and get the same one line
            if (e instanceof OutOfMemoryError) {
                throw e;
            }
            return report(err, e, debug);
        }
    }

    /** The full tree (all commands); used for help, completion generation and tests. */
    public static CommandLine buildAll(Env env, PrintWriter out, PrintWriter err) {
        return build(new Ctx(env, out, err, new Log(err, 0)), null);
    }

    static CommandLine build(Ctx ctx, String only) {
        IFactory factory = new IFactory() {
            @Override
            public <K> K create(Class<K> cls) throws Exception {
                K obj = CommandLine.defaultFactory().create(cls);
                if (obj instanceof BaseCommand b) {
                    b.init(ctx);
                }
                return obj;
            }
        };
        CommandLine cl = new CommandLine(new RootCommand(), factory);
        if (only != null && newCommand(only) != null) {
            add(cl, only, factory, ctx);
        } else {
            for (String name : COMMANDS) {
                add(cl, name, factory, ctx);
            }
        }
        cl.getHelpSectionMap().put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_COMMAND_LIST, CommandFactory::commandList);
        cl.setOut(ctx.out());
        cl.setErr(ctx.err());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        // no @file expansion: 'exec -- curl -d @body.json' must reach curl as typed, and a
        // profile or role named "@x" is a name, not a file to read arguments from
        cl.setExpandAtFiles(false);
        // getopt's rule: an option that takes a value takes the next word, so a profile named
        // "-h" is reachable as --profile -h (or --profile=-h)
        cl.setAllowOptionsAsOptionParameters(true);
        cl.setUsageHelpAutoWidth(true);
        cl.setParameterExceptionHandler(CommandFactory::onParameterError);
        cl.setExecutionExceptionHandler((e, cmd, parseResult) -> report(ctx.err(), e, wantsDebug(parseResult)));
        return cl;
    }

    /**
     * The root's command list: one sentence per command (the first of its description), so
     * {@code ssokit --help} fits on a screen; {@code ssokit COMMAND --help} has the rest.
     */
    private static String commandList(CommandLine.Help help) {
        Map<String, CommandLine.Help> subs = help.subcommands();
        if (subs.isEmpty()) {
            return "";
        }
        int longest = 0;
        for (String name : subs.keySet()) {
            longest = Math.max(longest, name.length());
        }
        int width = help.commandSpec().usageMessage().width();
        CommandLine.Help.TextTable table = CommandLine.Help.TextTable.forColumns(help.colorScheme(),
                new CommandLine.Help.Column(longest + 4, 2, CommandLine.Help.Column.Overflow.SPAN),
                new CommandLine.Help.Column(width - (longest + 4), 2, CommandLine.Help.Column.Overflow.WRAP));
        for (Map.Entry<String, CommandLine.Help> e : subs.entrySet()) {
            CommandLine.Model.UsageMessageSpec usage = e.getValue().commandSpec().usageMessage();
            String[] text = usage.header().length > 0 ? usage.header() : usage.description();
            String summary = CompletionModelReader.summary(text, null);
            // a long first sentence keeps what comes before its first colon or semicolon
            int cut = Math.max(summary.indexOf(": "), 0);
            int semi = summary.indexOf("; ");
            cut = cut == 0 || semi > 0 && semi < cut ? semi : cut;
            if (summary.length() > 90 && cut > 20) {
                summary = summary.substring(0, cut);
            }
            table.addRowValues(e.getKey(), summary.isEmpty() ? "" : summary + ".");
        }
        return table.toString();
    }

    private static void add(CommandLine root, String name, IFactory factory, Ctx ctx) {
        Object cmd = newCommand(name);
        if (cmd instanceof BaseCommand b) {
            b.init(ctx);
        }
        root.addSubcommand(name, new CommandLine(cmd, factory));
    }

    private static int onParameterError(ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        PrintWriter err = cmd.getErr();
        // one line, like every other error: the message, close matches, where the help is
        StringBuilder line = new StringBuilder("ssokit: ").append(ex.getMessage().strip());
        if (ex instanceof CommandLine.UnmatchedArgumentException u && !u.getSuggestions().isEmpty()) {
            line.append("; did you mean ").append(String.join(" or ", u.getSuggestions())).append('?');
        }
        line.append(" (see '").append(cmd.getCommandSpec().qualifiedName()).append(" --help')");
        err.println(line);
        err.flush();
        return ExitCodes.USAGE;
    }

    /** One line on stderr; the stack trace only with --debug. */
    static int report(PrintWriter err, Throwable e, boolean debug) {
        Throwable t = e;
        while (t instanceof java.util.concurrent.ExecutionException
                || t instanceof java.util.concurrent.CompletionException
                || t instanceof java.lang.reflect.UndeclaredThrowableException
                || t instanceof ExceptionInInitializerError) {
            if (t.getCause() == null) {
                break;
            }
            t = t.getCause();
        }
        int code;
        String msg;
        if (t instanceof SsokitException se) {
            code = se.exitCode();
            msg = se.getMessage();
        } else if (t instanceof InterruptedException) {
            code = ExitCodes.INTERRUPTED;
            msg = "interrupted";
        } else {
            code = ExitCodes.INTERNAL;
            msg = "internal error: " + t + (debug ? "" : " (run again with --debug for details)");
        }
        err.println("ssokit: " + msg);
        if (debug) {
            Throwable trace = e;
            trace.printStackTrace(err);
        }
        err.flush();
        return code;
    }

    private static boolean wantsDebug(ParseResult pr) {
        for (ParseResult p = pr; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption("--debug")) {
                return true;
            }
        }
        return false;
    }

    private static boolean wantsDebug(String[] args) {
        for (String a : args) {
            if (a.equals("--")) {
                return false;
            }
            if (a.equals("--debug")) {
                return true;
            }
        }
        return false;
    }

    /** The first word that is not an option: the subcommand the user is running, if any. */
    static String firstCommandName(String[] args) {
        for (String a : args) {
            if (!a.startsWith("-")) {
                return a;
            }
        }
        return null;
    }
}
