package io.ssokit.completion;

import java.util.ArrayList;
import java.util.List;

/**
 * One command of the tree as the completion scripts see it: a snapshot of the picocli model made
 * by {@code cli.CompletionModelReader}, so that this package (like every core package) knows
 * nothing of picocli.
 *
 * @param name the name it is invoked by ({@code ssokit} for the root)
 * @param aliases other names it is invoked by
 * @param description one line (may be empty)
 * @param hidden recognised on the command line, never offered
 */
public record CommandModel(String name, List<String> aliases, String description, boolean hidden,
        List<OptionModel> options, List<PositionalModel> positionals, List<CommandModel> subcommands) {

    public CommandModel {
        aliases = List.copyOf(aliases);
        options = List.copyOf(options);
        positionals = List.copyOf(positionals);
        subcommands = List.copyOf(subcommands);
        for (String n : names(name, aliases)) {
            if (!n.matches("[A-Za-z0-9][A-Za-z0-9_.-]*")) {
                throw new IllegalArgumentException("unsupported command name for completion: " + n);
            }
        }
    }

    private static List<String> names(String name, List<String> aliases) {
        List<String> all = new ArrayList<>();
        all.add(name);
        all.addAll(aliases);
        return all;
    }

    /** The name and the aliases. */
    public List<String> allNames() {
        return names(name, aliases);
    }

    /** The positional parameter covering word {@code index} (0-based among the positionals), or null. */
    public PositionalModel positional(int index) {
        for (PositionalModel p : positionals) {
            if (p.covers(index)) {
                return p;
            }
        }
        return null;
    }

    /** The option spelled {@code name}, or null. */
    public OptionModel option(String name) {
        for (OptionModel o : options) {
            if (o.names().contains(name)) {
                return o;
            }
        }
        return null;
    }

    /** This command and every command below it, depth first, each with its path from the root. */
    public List<Node> walk() {
        List<Node> out = new ArrayList<>();
        walk(this, List.of(), out);
        return out;
    }

    private static void walk(CommandModel c, List<String> parent, List<Node> out) {
        List<String> path = new ArrayList<>(parent);
        path.add(c.name());
        out.add(new Node(List.copyOf(path), c));
        for (CommandModel s : c.subcommands()) {
            walk(s, path, out);
        }
    }

    /** A command with the names leading to it, root first ({@code [ssokit, sandbox, serve]}). */
    public record Node(List<String> path, CommandModel command) {
        /** The path joined by spaces: a stable, readable id for the generated scripts. */
        public String id() {
            return String.join(" ", path);
        }
    }
}
