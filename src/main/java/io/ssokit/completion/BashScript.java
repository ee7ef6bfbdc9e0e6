package io.ssokit.completion;

import io.ssokit.naming.Regions;
import io.ssokit.shell.Dialect;
import io.ssokit.shell.Dialects;
import java.util.List;
import java.util.Map;

/**
 * The bash completion script: generated tables (subcommands, options and what their values are,
 * positional parameters, fixed lists) in {@code case} functions, then the hand-written runtime
 * ({@code runtime.bash}) that walks the line and answers from the tables, the AWS config files and
 * the candidate index.
 *
 * <p>Not picocli's {@code AutoComplete}: its script can only offer lists fixed at generation time,
 * while profiles, accounts and roles must be read when TAB is pressed, and its candidates are not
 * quoted for names with spaces or quotes.
 */
final class BashScript {
    private static final Dialect SH = Dialects.BASH;

    private BashScript() {
    }

    static String render(CommandModel root) {
        ScriptTables t = new ScriptTables(root);
        StringBuilder sb = new StringBuilder(32 * 1024);
        sb.append("# bash completion for ssokit                                  -*- shell-script -*-\n");
        sb.append(CompletionScripts.GENERATED_NOTICE);
        sb.append("#\n");
        sb.append("# Load it with `source`, through `eval \"$(ssokit shell init bash)\"`, or install it as\n");
        sb.append("# bash-completion/completions/ssokit. Works without bash-completion (bash 4+).\n\n");

        sb.append("# The subcommand named $2 under command $1 (ids are paths: ssokit/sandbox/serve).\n");
        sb.append("__ssokit_sub() {\n  case \"$1 $2\" in\n");
        for (CommandModel.Node n : t.nodes) {
            for (CommandModel s : n.command().subcommands()) {
                for (String name : s.allNames()) {
                    sb.append("    ").append(SH.quote(ScriptTables.id(n) + " " + name)).append(") REPLY=")
                            .append(SH.quote(ScriptTables.id(n) + "/" + s.name())).append(" ;;\n");
                }
            }
        }
        sb.append("    *) return 1 ;;\n  esac\n}\n\n");

        sb.append("# What the value of option $2 of command $1 is; status 1 for a flag or an unknown option.\n");
        sb.append("__ssokit_value() {\n  case \"$1 $2\" in\n");
        for (CommandModel.Node n : t.nodes) {
            for (OptionModel o : n.command().options()) {
                if (!o.values().takesValue()) {
                    continue;
                }
                for (String name : o.names()) {
                    sb.append("    ").append(SH.quote(ScriptTables.id(n) + " " + name)).append(") REPLY=")
                            .append(SH.quote(t.token(o.values()))).append(" ;;\n");
                }
            }
        }
        sb.append("    *) return 1 ;;\n  esac\n}\n\n");

        sb.append("# What positional parameter $2 (from 0) of command $1 is; status 1 when there is none.\n");
        sb.append("__ssokit_positional() {\n  case $1 in\n");
        for (CommandModel.Node n : t.nodes) {
            List<PositionalModel> ps = n.command().positionals();
            if (ps.isEmpty()) {
                continue;
            }
            sb.append("    ").append(SH.quote(ScriptTables.id(n))).append(")\n");
            for (PositionalModel p : ps) {
                sb.append("      if (($2 >= ").append(p.from());
                if (p.to() != PositionalModel.UNBOUNDED) {
                    sb.append(" && $2 <= ").append(p.to());
                }
                sb.append(")); then REPLY=").append(SH.quote(t.token(p.values()))).append("; return 0; fi\n");
            }
            sb.append("      ;;\n");
        }
        sb.append("  esac\n  return 1\n}\n\n");

        sb.append("# The options offered for command $1.\n");
        sb.append("__ssokit_options() {\n  case $1 in\n");
        for (CommandModel.Node n : t.nodes) {
            List<String> names = ScriptTables.visibleOptionNames(n.command());
            if (!names.isEmpty()) {
                sb.append("    ").append(SH.quote(ScriptTables.id(n))).append(") __ssokit_c+=(")
                        .append(String.join(" ", names)).append(") ;;\n");
            }
        }
        sb.append("  esac\n}\n\n");

        sb.append("# The subcommands offered for command $1.\n");
        sb.append("__ssokit_commands() {\n  case $1 in\n");
        for (CommandModel.Node n : t.nodes) {
            List<CommandModel> subs = ScriptTables.visibleSubcommands(n.command());
            if (!subs.isEmpty()) {
                sb.append("    ").append(SH.quote(ScriptTables.id(n))).append(") __ssokit_c+=(");
                for (int i = 0; i < subs.size(); i++) {
                    sb.append(i > 0 ? " " : "").append(subs.get(i).name());
                }
                sb.append(") ;;\n");
            }
        }
        sb.append("  esac\n}\n\n");

        sb.append("# Fixed lists of values (enums and declared candidates), by number.\n");
        sb.append("__ssokit_fixed() {\n  case $1 in\n");
        for (Map.Entry<List<String>, Integer> e : t.fixedLists().entrySet()) {
            sb.append("    ").append(e.getValue()).append(") __ssokit_c+=(").append(words(e.getKey())).append(") ;;\n");
        }
        sb.append("  esac\n}\n\n");

        sb.append("__ssokit_regions() {\n  __ssokit_c+=(").append(words(Regions.ALL)).append(")\n}\n\n");

        sb.append("# The candidate program: profile and sso-session names from the AWS config files, start URLs,\n");
        sb.append("# accounts and roles from ssokit's candidate index (see docs/completion.md).\n");
        sb.append("__ssokit_awk() {\n  local m=$1\n  shift\n  command awk -v m=\"$m\" ")
                .append(SH.quote(ScriptTables.awkProgram())).append(" \"$@\"\n}\n\n");

        sb.append(ScriptTables.resource("runtime.bash"));
        sb.append("\ncomplete -F _ssokit ssokit\n");
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
