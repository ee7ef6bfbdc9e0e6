package io.ssokit.completion;

import io.ssokit.naming.Regions;
import io.ssokit.shell.Dialect;
import io.ssokit.shell.Dialects;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The zsh completion script: one function per command built on {@code _arguments} (options with
 * their descriptions, what their values are, positional parameters, subcommands through
 * {@code _describe}), then the hand-written runtime ({@code runtime.zsh}) whose functions read the
 * AWS config files and the candidate index. zsh itself filters and quotes the candidates.
 *
 * <p>The file works both ways: found as {@code _ssokit} in {@code $fpath} by compinit (its body is
 * then the function) and sourced or evaluated (it then registers itself with {@code compdef}).
 */
final class ZshScript {
    private static final Dialect SH = Dialects.ZSH;

    private ZshScript() {
    }

    static String render(CommandModel root) {
        ScriptTables t = new ScriptTables(root);
        StringBuilder sb = new StringBuilder(32 * 1024);
        sb.append("#compdef ssokit\n");
        sb.append("# zsh completion for ssokit.\n");
        sb.append(CompletionScripts.GENERATED_NOTICE);
        sb.append("#\n");
        sb.append("# Install it as _ssokit in a directory of $fpath (before compinit runs), or load it with\n");
        sb.append("# `source` or through `eval \"$(ssokit shell init zsh)\"`: it then registers itself with compdef.\n\n");

        for (int i = 0; i < t.nodes.size(); i++) {
            commandFunction(sb, t, i);
        }
        for (Map.Entry<List<String>, Integer> e : t.fixedLists().entrySet()) {
            sb.append("__ssokit_fixed_").append(e.getValue()).append("() {\n  local expl\n  local -a values\n  values=(")
                    .append(words(e.getKey())).append(")\n  _wanted values expl 'value' compadd -a values\n}\n\n");
        }
        sb.append("typeset -ga __ssokit_region_names\n__ssokit_region_names=(").append(words(Regions.ALL)).append(")\n\n");
        sb.append("# The candidate program: profile and sso-session names from the AWS config files, start URLs,\n");
        sb.append("# accounts and roles from ssokit's candidate index (see docs/completion.md).\n");
        sb.append("__ssokit_awk() {\n  local m=$1\n  shift\n  command awk -v m=\"$m\" ")
                .append(SH.quote(ScriptTables.awkProgram())).append(" \"$@\"\n}\n\n");
        sb.append(ScriptTables.resource("runtime.zsh"));
        sb.append("""

                _ssokit() {
                  local curcontext=$curcontext state state_descr line
                  typeset -A opt_args
                  __ssokit_cmd_0
                }

                if [[ ${funcstack[1]-} == _ssokit ]]; then
                  # autoloaded by compinit from $fpath: this file is the body of _ssokit, so complete now
                  _ssokit "$@"
                elif (( $+functions[compdef] )); then
                  compdef _ssokit ssokit
                else
                  # loaded before compinit ran (e.g. shell init early in .zshrc): register at the first prompt
                  __ssokit_compdef() {
                    (( $+functions[compdef] )) && compdef _ssokit ssokit
                    add-zsh-hook -d precmd __ssokit_compdef
                    unfunction __ssokit_compdef
                  }
                  autoload -Uz add-zsh-hook && add-zsh-hook precmd __ssokit_compdef
                fi
                """);
        return sb.toString();
    }

    private static void commandFunction(StringBuilder sb, ScriptTables t, int index) {
        CommandModel.Node node = t.nodes.get(index);
        CommandModel c = node.command();
        boolean hasSubs = !c.subcommands().isEmpty();
        sb.append("# ").append(node.id()).append('\n');
        sb.append("__ssokit_cmd_").append(index).append("() {\n");
        if (hasSubs) {
            sb.append("  local curcontext=$curcontext state state_descr line ret=1\n  typeset -A opt_args\n");
            sb.append("  _arguments -C -s -S :");
        } else {
            sb.append("  _arguments -s -S :");
        }
        List<String> specs = new ArrayList<>();
        for (OptionModel o : c.options()) {
            optionSpecs(specs, t, c, o);
        }
        if (hasSubs) {
            specs.add(SH.quote("1: :__ssokit_commands_" + index));
            specs.add(SH.quote("*:: :->sub"));
        } else {
            for (PositionalModel p : c.positionals()) {
                positionalSpecs(specs, t, c, p);
            }
        }
        for (String s : specs) {
            sb.append(" \\\n    ").append(s);
        }
        if (!hasSubs) {
            sb.append("\n}\n\n");
            return;
        }
        sb.append(" && ret=0\n");
        sb.append("  if [[ $state == sub ]]; then\n");
        sb.append("    curcontext=${curcontext%:*:*}:ssokit-$words[1]:\n");
        sb.append("    case $words[1] in\n");
        for (CommandModel s : c.subcommands()) {
            int subIndex = indexOf(t, node, s);
            sb.append("      (").append(String.join("|", s.allNames())).append(") __ssokit_cmd_").append(subIndex)
                    .append(" && ret=0 ;;\n");
        }
        sb.append("    esac\n  fi\n  return ret\n}\n\n");

        sb.append("__ssokit_commands_").append(index).append("() {\n  local -a commands\n  commands=(");
        List<CommandModel> visible = ScriptTables.visibleSubcommands(c);
        for (int i = 0; i < visible.size(); i++) {
            CommandModel s = visible.get(i);
            String item = s.name() + (s.description().isEmpty() ? "" : ":" + s.description());
            sb.append(i > 0 ? "\n    " : "\n    ").append(SH.quote(item));
        }
        sb.append("\n  )\n  _describe -t commands ").append(SH.quote(node.id().replace('/', ' ') + " command"))
                .append(" commands\n}\n\n");
    }

    private static int indexOf(ScriptTables t, CommandModel.Node parent, CommandModel sub) {
        for (int i = 0; i < t.nodes.size(); i++) {
            CommandModel.Node n = t.nodes.get(i);
            if (n.command() == sub && n.path().size() == parent.path().size() + 1
                    && n.path().subList(0, parent.path().size()).equals(parent.path())) {
                return i;
            }
        }
        throw new IllegalStateException("subcommand not in the walk: " + sub.name());
    }

    private static void optionSpecs(List<String> specs, ScriptTables t, CommandModel c, OptionModel o) {
        String value = o.values().takesValue() ? ":" + message(o.label(), o.values()) + ":" + action(t, c, o.values()) : "";
        String desc = o.description().isEmpty() ? "" : "[" + escapeBracket(o.description()) + "]";
        String exclusion;
        if (o.exclusive()) {
            exclusion = "(- *)";
        } else if (o.repeatable()) {
            exclusion = "*";
        } else {
            exclusion = "(" + String.join(" ", o.names()) + ")";
        }
        for (String name : o.names()) {
            String form = name;
            if (o.values().takesValue()) {
                form = name.startsWith("--") || name.length() > 2 ? name + "=" : name + "+";
            }
            if (o.hidden()) {
                // recognised on the line (its value is skipped) but never offered
                specs.add(SH.quote("!" + form + value));
            } else {
                specs.add(SH.quote(exclusion + form + desc + value));
            }
        }
    }

    private static void positionalSpecs(List<String> specs, ScriptTables t, CommandModel c, PositionalModel p) {
        if (p.values().kind() == ValueKind.COMMAND) {
            // the rest of the line is a command of its own: complete it as zsh would at a prompt
            specs.add(SH.quote("*::command:_normal"));
            return;
        }
        String tail = ":" + message(p.label(), p.values()) + ":" + action(t, c, p.values());
        if (p.to() == PositionalModel.UNBOUNDED) {
            specs.add(SH.quote("*" + tail));
        } else {
            for (int i = p.from(); i <= p.to(); i++) {
                specs.add(SH.quote((i + 1) + tail));
            }
        }
    }

    /** The heading zsh shows above the candidates: the label in lower case, nothing that needs escaping. */
    private static String message(String label, Values v) {
        String m = label.toLowerCase(java.util.Locale.ROOT).replace('_', ' ').replaceAll("[^a-z0-9 -]", "").trim();
        if (m.isEmpty()) {
            m = v.kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        }
        return m;
    }

    private static String action(ScriptTables t, CommandModel c, Values v) {
        return switch (v.kind()) {
            case NONE -> throw new IllegalArgumentException("a flag has no value");
            case TEXT -> " ";
            case FIXED -> "__ssokit_fixed_" + t.fixedLists().get(v.fixed());
            case PROFILE -> "__ssokit_profiles";
            case SSO_SESSION -> "__ssokit_sessions";
            case ACCOUNT -> join("__ssokit_accounts", ScriptTables.optionNamesOfKind(c, ValueKind.START_URL));
            case ROLE -> join(join("__ssokit_roles", ScriptTables.optionNamesOfKind(c, ValueKind.ACCOUNT)) + " --",
                    ScriptTables.optionNamesOfKind(c, ValueKind.START_URL));
            case REGION -> "__ssokit_regions";
            case START_URL -> "__ssokit_urls";
            case FILE -> "_files";
            case DIRECTORY -> "_files -/";
            case COMMAND -> "_command_names -e";
        };
    }

    private static String join(String head, List<String> args) {
        return args.isEmpty() ? head : head + " " + String.join(" ", args);
    }

    /** An explanation inside {@code [...]}: brackets, colons and backslashes escaped for _arguments. */
    private static String escapeBracket(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '[' || ch == ']' || ch == ':' || ch == '\\') {
                sb.append('\\');
            }
            sb.append(ch);
        }
        return sb.toString();
    }

    private static String words(List<String> values) {
        StringBuilder sb = new StringBuilder();
        for (String v : values) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(SH.quote(v));
        }
        return sb.toString();
    }
}
