package io.ssokit.completion;

import io.ssokit.naming.Regions;
import io.ssokit.shell.Dialect;
import io.ssokit.shell.Dialects;
import java.util.List;
import java.util.Map;

/**
 * The PowerShell completion script: generated tables as {@code switch -CaseSensitive} functions
 * (PowerShell's hashtables ignore case, and {@code -v} is not {@code -V}), then the hand-written
 * runtime ({@code runtime.ps1}) whose native argument completer walks the command line and answers
 * with quoted {@code CompletionResult}s carrying descriptions.
 */
final class PowerShellScript {
    private static final Dialect PS = Dialects.POWERSHELL;

    private PowerShellScript() {
    }

    static String render(CommandModel root) {
        ScriptTables t = new ScriptTables(root);
        StringBuilder sb = new StringBuilder(32 * 1024);
        sb.append("# PowerShell completion for ssokit.\n");
        sb.append(CompletionScripts.GENERATED_NOTICE);
        sb.append("#\n");
        sb.append("# Dot-source it at the top level (e.g. from $PROFILE: . /path/to/ssokit.ps1), or load it through\n");
        sb.append("# `ssokit shell init powershell | Out-String | Invoke-Expression`.\n\n");

        sb.append("# The subcommand named $word under command $id (ids are paths: ssokit/sandbox/serve).\n");
        sb.append("function __ssokit_sub([string]$id, [string]$word) {\n    switch -CaseSensitive -Exact (\"$id $word\") {\n");
        for (CommandModel.Node n : t.nodes) {
            for (CommandModel s : n.command().subcommands()) {
                for (String name : s.allNames()) {
                    caseReturn(sb, ScriptTables.id(n) + " " + name, PS.quote(ScriptTables.id(n) + "/" + s.name()));
                }
            }
        }
        sb.append("    }\n    return $null\n}\n\n");

        sb.append("# What the value of option $option of command $id is; $null for a flag or an unknown option.\n");
        sb.append("function __ssokit_value([string]$id, [string]$option) {\n    switch -CaseSensitive -Exact (\"$id $option\") {\n");
        for (CommandModel.Node n : t.nodes) {
            for (OptionModel o : n.command().options()) {
                if (o.values().takesValue()) {
                    for (String name : o.names()) {
                        caseReturn(sb, ScriptTables.id(n) + " " + name, PS.quote(t.token(o.values())));
                    }
                }
            }
        }
        sb.append("    }\n    return $null\n}\n\n");

        sb.append("# What positional word $n (from 0) of command $id is; $null when there is none.\n");
        sb.append("function __ssokit_positional([string]$id, [int]$n) {\n    switch -CaseSensitive -Exact ($id) {\n");
        for (CommandModel.Node n : t.nodes) {
            if (n.command().positionals().isEmpty()) {
                continue;
            }
            sb.append("        ").append(PS.quote(ScriptTables.id(n))).append(" {\n");
            for (PositionalModel p : n.command().positionals()) {
                sb.append("            if ($n -ge ").append(p.from());
                if (p.to() != PositionalModel.UNBOUNDED) {
                    sb.append(" -and $n -le ").append(p.to());
                }
                sb.append(") { return ").append(PS.quote(t.token(p.values()))).append(" }\n");
            }
            sb.append("        }\n");
        }
        sb.append("    }\n    return $null\n}\n\n");

        sb.append("# The options offered for command $id: name, description, name, description...\n");
        sb.append("function __ssokit_options([string]$id) {\n    switch -CaseSensitive -Exact ($id) {\n");
        for (CommandModel.Node n : t.nodes) {
            StringBuilder pairs = new StringBuilder();
            for (OptionModel o : n.command().options()) {
                if (o.hidden()) {
                    continue;
                }
                for (String name : o.names()) {
                    pairs.append("\n            ").append(PS.quote(name)).append(", ").append(PS.quote(o.description())).append(',');
                }
            }
            if (pairs.length() > 0) {
                pairs.setLength(pairs.length() - 1);
                sb.append("        ").append(PS.quote(ScriptTables.id(n))).append(" {\n            return @(")
                        .append(pairs).append("\n            )\n        }\n");
            }
        }
        sb.append("    }\n}\n\n");

        sb.append("# The subcommands offered for command $id: name, description, name, description...\n");
        sb.append("function __ssokit_commands([string]$id) {\n    switch -CaseSensitive -Exact ($id) {\n");
        for (CommandModel.Node n : t.nodes) {
            List<CommandModel> subs = ScriptTables.visibleSubcommands(n.command());
            if (subs.isEmpty()) {
                continue;
            }
            StringBuilder pairs = new StringBuilder();
            for (CommandModel s : subs) {
                pairs.append("\n            ").append(PS.quote(s.name())).append(", ").append(PS.quote(s.description())).append(',');
            }
            pairs.setLength(pairs.length() - 1);
            sb.append("        ").append(PS.quote(ScriptTables.id(n))).append(" {\n            return @(")
                    .append(pairs).append("\n            )\n        }\n");
        }
        sb.append("    }\n}\n\n");

        sb.append("function __ssokit_fixed([string]$kind) {\n    switch -CaseSensitive -Exact ($kind) {\n");
        for (Map.Entry<List<String>, Integer> e : t.fixedLists().entrySet()) {
            sb.append("        'fixed").append(e.getValue()).append("' { return @(").append(words(e.getKey())).append(") }\n");
        }
        sb.append("    }\n}\n\n");
        sb.append("function __ssokit_regions {\n    @(").append(words(Regions.ALL)).append(")\n}\n\n");
        sb.append(ScriptTables.resource("runtime.ps1"));
        return sb.toString();
    }

    private static void caseReturn(StringBuilder sb, String label, String value) {
        sb.append("        ").append(PS.quote(label)).append(" { return ").append(value).append(" }\n");
    }

    private static String words(List<String> values) {
        StringBuilder sb = new StringBuilder();
        for (String v : values) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(PS.quote(v));
        }
        return sb.toString();
    }
}
