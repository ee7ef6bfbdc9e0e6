package io.ssokit.completion;

import io.ssokit.naming.Regions;
import io.ssokit.shell.Dialect;
import io.ssokit.shell.Dialects;
import java.util.ArrayList;
import java.util.List;

/**
 * The fish completion script: one {@code complete -c ssokit} line per subcommand, option and
 * positional parameter, each with its description and the condition that the line is in that
 * command ({@code __ssokit_at}), plus generated tables for the walk over the line and the
 * hand-written runtime ({@code runtime.fish}). fish itself filters, describes and escapes the
 * candidates.
 */
final class FishScript {
    private static final Dialect FISH = Dialects.FISH;

    private FishScript() {
    }

    static String render(CommandModel root) {
        ScriptTables t = new ScriptTables(root);
        StringBuilder sb = new StringBuilder(32 * 1024);
        sb.append("# fish completion for ssokit.\n");
        sb.append(CompletionScripts.GENERATED_NOTICE);
        sb.append("#\n");
        sb.append("# Install it as ~/.config/fish/completions/ssokit.fish (or in vendor_completions.d), or load it\n");
        sb.append("# with `source` or through `ssokit shell init fish | source`; loading it again replaces it.\n\n");
        sb.append("complete -c ssokit -e\n");
        sb.append("complete -c ssokit -f\n\n");

        sb.append("# The subcommand named $argv[2] under command $argv[1] (ids are paths: ssokit/sandbox/serve).\n");
        sb.append("function __ssokit_sub --argument-names id word\n    switch \"$id $word\"\n");
        for (CommandModel.Node n : t.nodes) {
            for (CommandModel s : n.command().subcommands()) {
                for (String name : s.allNames()) {
                    caseLine(sb, ScriptTables.id(n) + " " + name, ScriptTables.id(n) + "/" + s.name());
                }
            }
        }
        sb.append("        case '*'\n            return 1\n    end\nend\n\n");

        sb.append("# What the value of option $argv[2] of command $argv[1] is; status 1 for a flag or an unknown option.\n");
        sb.append("function __ssokit_value --argument-names id option\n    switch \"$id $option\"\n");
        for (CommandModel.Node n : t.nodes) {
            for (OptionModel o : n.command().options()) {
                if (o.values().takesValue()) {
                    for (String name : o.names()) {
                        caseLine(sb, ScriptTables.id(n) + " " + name, t.token(o.values()));
                    }
                }
            }
        }
        sb.append("        case '*'\n            return 1\n    end\nend\n\n");

        sb.append("# What positional word $argv[2] (from 0) of command $argv[1] is; status 1 when there is none.\n");
        sb.append("function __ssokit_positional --argument-names id n\n    switch $id\n");
        for (CommandModel.Node n : t.nodes) {
            if (n.command().positionals().isEmpty()) {
                continue;
            }
            sb.append("        case ").append(word(ScriptTables.id(n))).append('\n');
            for (PositionalModel p : n.command().positionals()) {
                sb.append("            if test $n -ge ").append(p.from());
                if (p.to() != PositionalModel.UNBOUNDED) {
                    sb.append(" -a $n -le ").append(p.to());
                }
                sb.append("\n                set -g __ssokit_r ").append(t.token(p.values()))
                        .append("\n                return 0\n            end\n");
            }
        }
        sb.append("    end\n    return 1\nend\n\n");

        sb.append("function __ssokit_regions\n    printf '%s\\n' ").append(words(Regions.ALL)).append("\nend\n\n");
        sb.append("# The candidate program: profile and sso-session names from the AWS config files, start URLs,\n");
        sb.append("# accounts and roles from ssokit's candidate index (see docs/completion.md).\n");
        sb.append("function __ssokit_awk\n    command awk -v m=$argv[1] ").append(word(ScriptTables.awkProgram()))
                .append(" $argv[2..-1]\nend\n\n");
        sb.append(ScriptTables.resource("runtime.fish"));
        sb.append('\n');

        for (CommandModel.Node n : t.nodes) {
            completions(sb, t, n);
        }
        sb.append("complete -c ssokit -n __ssokit_in_child -a '(__ssokit_child_complete)'\n");
        return sb.toString();
    }

    private static void completions(StringBuilder sb, ScriptTables t, CommandModel.Node n) {
        CommandModel c = n.command();
        String id = ScriptTables.id(n);
        sb.append("# ").append(n.id()).append('\n');
        for (CommandModel s : ScriptTables.visibleSubcommands(c)) {
            sb.append("complete -c ssokit -n ").append(word("__ssokit_at " + id + " 0"))
                    .append(" -a ").append(word(s.name()));
            description(sb, s.description());
            sb.append('\n');
        }
        for (OptionModel o : c.options()) {
            if (o.hidden()) {
                continue;
            }
            sb.append("complete -c ssokit -n ").append(word("__ssokit_at " + id));
            for (String name : o.names()) {
                if (name.startsWith("--")) {
                    sb.append(" -l ").append(name.substring(2));
                } else if (name.length() == 2) {
                    sb.append(" -s ").append(name.substring(1));
                } else {
                    sb.append(" -o ").append(name.substring(1));
                }
            }
            if (o.values().takesValue()) {
                sb.append(valueArgs(t, o.values()));
            }
            description(sb, o.description());
            sb.append('\n');
        }
        for (PositionalModel p : c.positionals()) {
            String pos = p.to() == PositionalModel.UNBOUNDED ? p.from() + "+" : null;
            List<String> at = new ArrayList<>();
            if (pos != null) {
                at.add(pos);
            } else {
                for (int i = p.from(); i <= p.to(); i++) {
                    at.add(Integer.toString(i));
                }
            }
            if (p.values().kind() == ValueKind.COMMAND) {
                // the first word is the command; the words after it are handled by __ssokit_in_child
                at = List.of(Integer.toString(p.from()));
            }
            String args = positionalArgs(t, p.values());
            if (args.isEmpty()) {
                continue;
            }
            for (String a : at) {
                // no -d: fish would repeat the parameter's description after every candidate
                sb.append("complete -c ssokit -n ").append(word("__ssokit_at " + id + " " + a)).append(args).append('\n');
            }
        }
        sb.append('\n');
    }

    private static String valueArgs(ScriptTables t, Values v) {
        return switch (v.kind()) {
            case NONE -> "";
            case TEXT -> " -x";
            case FILE -> " -r -F";
            default -> " -x" + positionalArgs(t, v);
        };
    }

    private static String positionalArgs(ScriptTables t, Values v) {
        return switch (v.kind()) {
            case NONE, TEXT -> "";
            case FIXED -> " -a " + word(words(v.fixed()));
            case PROFILE -> " -a '(__ssokit_profiles)'";
            case SSO_SESSION -> " -a '(__ssokit_sessions)'";
            case ACCOUNT -> " -a '(__ssokit_accounts)'";
            case ROLE -> " -a '(__ssokit_roles)'";
            case REGION -> " -a '(__ssokit_regions)'";
            case START_URL -> " -a '(__ssokit_urls)'";
            case FILE -> " -F";
            case DIRECTORY -> " -a '(__fish_complete_directories)'";
            case COMMAND -> " -a '(__fish_complete_command)'";
        };
    }

    private static void description(StringBuilder sb, String d) {
        if (!d.isEmpty()) {
            sb.append(" -d ").append(word(d));
        }
    }

    /** A case that sets the answer; {@code return 0} because fish's {@code set} keeps the previous status. */
    private static void caseLine(StringBuilder sb, String label, String value) {
        sb.append("        case ").append(word(label)).append("\n            set -g __ssokit_r ")
                .append(word(value)).append("\n            return 0\n");
    }

    /**
     * {@code value} as one fish word: bare when fish_indent would write it bare (letters, digits,
     * {@code _ - /}: nothing fish expands), else through fish's quoter. Keeps the script in
     * fish_indent's own form, which a test checks.
     */
    static String word(String value) {
        boolean bare = !value.isEmpty();
        for (int i = 0; i < value.length() && bare; i++) {
            char c = value.charAt(i);
            bare = Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '/';
        }
        return bare ? value : FISH.quote(value);
    }

    private static String words(List<String> values) {
        StringBuilder sb = new StringBuilder();
        for (String v : values) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(word(v));
        }
        return sb.toString();
    }
}
