package io.ssokit.cli;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import io.ssokit.ExitCodes;
import io.ssokit.SsokitException;
import io.ssokit.Version;
import io.ssokit.completion.CompletionScripts;
import io.ssokit.completion.CompletionScripts.Shell;
import io.ssokit.shell.Dialect;
import io.ssokit.shell.Dialects;
import io.ssokit.shellenv.ManagedVars;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The shell integration scripts: one Mustache template per shell under {@code templates/shell/},
 * all rendered from the same model. Each shell gets its own Mustache factory whose escape is that
 * shell's quoter, so {@code {{x}}} is always one quoted word of that shell; {@code {{{x}}}} is
 * used only for trusted text (the version, validated function names).
 */
final class ShellInitTemplates {
    /** The shells that have an integration script; cmd.exe has no functions to define. */
    static final List<String> SHELLS = List.of("bash", "zsh", "fish", "powershell");

    /** Words a function name must not be: keywords of the four shells and our own names. */
    private static final Set<String> RESERVED = Set.of(
            "if", "then", "else", "elif", "fi", "case", "esac", "for", "while", "until", "do", "done", "in", "function",
            "select", "time", "coproc", "repeat", "foreach", "end", "begin", "switch", "and", "or", "not", "return",
            "break", "continue", "exit", "set", "command", "builtin", "source", "eval", "exec", "export", "unset",
            "local", "test", "true", "false", "cd", "alias", "unalias", "trap", "shift", "read", "printf", "echo",
            "ssokit", "ssokit_prompt", "param", "process", "filter", "workflow", "try", "catch", "finally",
            "throw", "data", "dynamicparam", "class", "enum", "using", "hidden", "static");

    private ShellInitTemplates() {
    }

    /** The dialect of an init target; cmd and unknown names are usage errors listing the choices. */
    static Dialect dialect(String shell) {
        String s = shell.toLowerCase(Locale.ROOT);
        if (s.equals("cmd")) {
            throw new SsokitException(ExitCodes.USAGE, "cmd.exe has no shell functions, so there is no integration script for it;"
                    + " use 'ssokit env --shell cmd'. Supported: " + String.join(", ", SHELLS));
        }
        if (!SHELLS.contains(s) && !s.equals("pwsh")) {
            throw new SsokitException(ExitCodes.USAGE, "no integration script for shell '" + shell + "'; supported: "
                    + String.join(", ", SHELLS));
        }
        return Dialects.parse(s);
    }

    /**
     * A {@code --cmd} name: an identifier every supported shell accepts as a function name, and
     * not one of their keywords or builtins we call.
     */
    static String checkFunctionName(String name) {
        boolean ok = !name.isEmpty() && name.length() <= 64;
        for (int i = 0; ok && i < name.length(); i++) {
            char c = name.charAt(i);
            ok = c == '_' || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (i > 0 && c >= '0' && c <= '9');
        }
        if (!ok) {
            throw new SsokitException(ExitCodes.USAGE, "--cmd must be a name like awsp: [A-Za-z_][A-Za-z0-9_]*, at most 64 characters");
        }
        if (RESERVED.contains(name.toLowerCase(Locale.ROOT)) || name.startsWith("__ssokit")) {
            throw new SsokitException(ExitCodes.USAGE, "--cmd " + name + " would shadow a shell keyword, builtin or ssokit's own"
                    + " functions; choose another name");
        }
        return name;
    }

    /**
     * The whole integration script: the template, then (with {@code completion}) the shell's
     * completion script exactly as {@code ssokit completion SHELL} prints it.
     */
    static String script(Dialect dialect, String cmd, boolean completion) {
        String integration = render(dialect, model(cmd, completion));
        if (!completion) {
            return integration;
        }
        Shell shell = Shell.byId(dialect.id()).orElseThrow();
        return integration + "\n" + CompletionScripts.packaged(shell);
    }

    /** The same model for every shell. */
    static Map<String, Object> model(String cmd, boolean completion) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("version", Version.get());
        m.put("options", (cmd == null ? "" : " --cmd " + cmd) + (completion ? "" : " --no-completion"));
        m.put("cmd", cmd);
        m.put("completion", completion);
        m.put("regionVars", ManagedVars.REGIONS);
        List<String> drop = new ArrayList<>(ManagedVars.CREDENTIALS);
        drop.add(ManagedVars.DEFAULT_PROFILE);
        drop.addAll(ManagedVars.IDENTITY);
        m.put("dropVars", drop);
        m.put("profileScan", resource("templates/shell/profile-exists.awk"));
        return m;
    }

    static String render(Dialect dialect, Map<String, Object> model) {
        DefaultMustacheFactory factory = new DefaultMustacheFactory("templates/shell") {
            @Override
            public void encode(String value, Writer writer) {
                try {
                    writer.write(dialect.quote(value));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
        Mustache template = factory.compile(dialect.id() + ".mustache");
        StringWriter out = new StringWriter(16384);
        template.execute(out, model);
        return out.toString();
    }

    private static String resource(String name) {
        try (InputStream in = ShellInitTemplates.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
