package io.ssokit.completion;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What every generator needs from the model, computed once: the commands with their ids, a number
 * for each distinct fixed list, and the token that names each kind of value in the scripts.
 */
final class ScriptTables {
    final CommandModel root;
    final List<CommandModel.Node> nodes;
    private final Map<List<String>, Integer> fixedLists = new LinkedHashMap<>();

    ScriptTables(CommandModel root) {
        this.root = root;
        this.nodes = root.walk();
        for (CommandModel.Node n : nodes) {
            for (OptionModel o : n.command().options()) {
                number(o.values());
            }
            for (PositionalModel p : n.command().positionals()) {
                number(p.values());
            }
        }
    }

    private void number(Values v) {
        if (v.kind() == ValueKind.FIXED && !fixedLists.containsKey(v.fixed())) {
            fixedLists.put(v.fixed(), fixedLists.size() + 1);
        }
    }

    /** Every distinct fixed list, numbered from 1 in the order first met. */
    Map<List<String>, Integer> fixedLists() {
        return fixedLists;
    }

    /** The script id of a command: its path joined by '/', e.g. {@code ssokit/sandbox/serve}. */
    static String id(CommandModel.Node n) {
        return String.join("/", n.path());
    }

    /** How the scripts name a kind of value: {@code profile}, {@code fixed3}, ... */
    String token(Values v) {
        return switch (v.kind()) {
            case NONE -> throw new IllegalArgumentException("a flag has no value");
            case TEXT -> "text";
            case FIXED -> "fixed" + fixedLists.get(v.fixed());
            case PROFILE -> "profile";
            case SSO_SESSION -> "session";
            case ACCOUNT -> "account";
            case ROLE -> "role";
            case REGION -> "region";
            case START_URL -> "url";
            case FILE -> "file";
            case DIRECTORY -> "dir";
            case COMMAND -> "command";
        };
    }

    /** Visible subcommands of a command. */
    static List<CommandModel> visibleSubcommands(CommandModel c) {
        List<CommandModel> out = new ArrayList<>();
        for (CommandModel s : c.subcommands()) {
            if (!s.hidden()) {
                out.add(s);
            }
        }
        return out;
    }

    /** Visible option names of a command, in model order. */
    static List<String> visibleOptionNames(CommandModel c) {
        List<String> out = new ArrayList<>();
        for (OptionModel o : c.options()) {
            if (!o.hidden()) {
                out.addAll(o.names());
            }
        }
        return out;
    }

    /** Names of the options of a command whose values are of the given kind. */
    static List<String> optionNamesOfKind(CommandModel c, ValueKind kind) {
        List<String> out = new ArrayList<>();
        for (OptionModel o : c.options()) {
            if (o.values().kind() == kind) {
                out.addAll(o.names());
            }
        }
        return out;
    }

    /** A text resource next to this class (the hand-written parts of the scripts). */
    static String resource(String name) {
        try (InputStream in = ScriptTables.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource io/ssokit/completion/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The candidate program ({@code candidates.awk}) without its comment lines, to be embedded in a
     * script as one quoted word.
     */
    static String awkProgram() {
        StringBuilder sb = new StringBuilder();
        for (String line : resource("candidates.awk").split("\n", -1)) {
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("#")) {
                continue;
            }
            sb.append(line).append('\n');
        }
        return sb.toString();
    }
}
