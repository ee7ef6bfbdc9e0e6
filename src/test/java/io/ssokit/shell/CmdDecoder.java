package io.ssokit.shell;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads what {@link CmdDialect} emits the way cmd.exe's parser would, for a machine without
 * Windows. It follows the phases of cmd's line parser and refuses any line whose meaning would
 * depend on something the emitter cannot control:
 *
 * <ol>
 *   <li>Phase 0: a line ends at LF, and Ctrl-Z reads as LF.
 *   <li>Phase 1: {@code %} expansion (batch files and the prompt differ, so any {@code %} is an
 *       error here).
 *   <li>Phase 1.5: every CR is deleted.
 *   <li>Phase 2: {@code "} toggles quoting; outside quotes {@code ^} escapes the next character and
 *       {@code & | < > ( )} are operators, which is an error here (they would run or redirect).
 *   <li>Phase 5: with delayed expansion on, any {@code !} is expanded (an error here).
 *   <li>{@code set "NAME=value"} takes the text between the first and the last quote; an empty
 *       value deletes NAME.
 * </ol>
 */
final class CmdDecoder {
    private CmdDecoder() {
    }

    static Map<String, String> run(String script, Map<String, String> env, boolean delayedExpansion) {
        Map<String, String> out = new LinkedHashMap<>(env);
        for (String line : script.replace('\u001a', '\n').split("\n", -1)) {
            statement(line, out, delayedExpansion);
        }
        return out;
    }

    /** The word cmd's builtins see for a quoted argument, then as a C-runtime program would read it. */
    static String word(String text, boolean delayedExpansion) {
        String line = phases(text, delayedExpansion);
        if (line.length() < 2 || line.charAt(0) != '"' || line.charAt(line.length() - 1) != '"') {
            throw new IllegalArgumentException("not one quoted word");
        }
        String inner = line.substring(1, line.length() - 1);
        if (inner.indexOf('"') >= 0) {
            throw new IllegalArgumentException("quote inside the word");
        }
        return msvcrtArgument(line);
    }

    private static void statement(String rawLine, Map<String, String> env, boolean delayedExpansion) {
        String line = phases(rawLine, delayedExpansion);
        if (line.isEmpty()) {
            return;
        }
        if (!line.startsWith("set \"")) {
            throw new IllegalArgumentException("unexpected statement: " + line);
        }
        String arg = line.substring(4);
        int last = arg.lastIndexOf('"');
        if (last == 0) {
            throw new IllegalArgumentException("unterminated quote: " + line);
        }
        String body = arg.substring(1, last);
        if (!arg.substring(last + 1).isEmpty()) {
            throw new IllegalArgumentException("text after the closing quote: " + line);
        }
        int eq = body.indexOf('=');
        if (eq <= 0) {
            throw new IllegalArgumentException("no NAME= in " + line);
        }
        String name = body.substring(0, eq);
        String value = body.substring(eq + 1);
        if (value.isEmpty()) {
            env.remove(name);
        } else {
            env.put(name, value);
        }
    }

    /** Phases 1, 1.5, 2 and 5 on one line; returns the line as the command sees it. */
    private static String phases(String line, boolean delayedExpansion) {
        if (line.indexOf('%') >= 0) {
            throw new IllegalArgumentException("percent expansion would rewrite the line");
        }
        String noCr = line.replace("\r", "");
        StringBuilder sb = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < noCr.length(); i++) {
            char c = noCr.charAt(i);
            if (c == '"') {
                quoted = !quoted;
                sb.append(c);
            } else if (quoted) {
                sb.append(c);
            } else if (c == '^') {
                if (++i < noCr.length()) {
                    sb.append(noCr.charAt(i));
                }
            } else if ("&|<>()".indexOf(c) >= 0) {
                throw new IllegalArgumentException("operator " + c + " outside quotes");
            } else {
                sb.append(c);
            }
        }
        if (delayedExpansion && sb.indexOf("!") >= 0) {
            throw new IllegalArgumentException("delayed expansion would rewrite the line");
        }
        return sb.toString();
    }

    /** One argument by the Microsoft C runtime's rules (CommandLineToArgvW). */
    private static String msvcrtArgument(String text) {
        StringBuilder sb = new StringBuilder();
        boolean quoted = false;
        int i = 0;
        while (i < text.length()) {
            int slashes = 0;
            while (i < text.length() && text.charAt(i) == '\\') {
                slashes++;
                i++;
            }
            if (i < text.length() && text.charAt(i) == '"') {
                sb.append("\\".repeat(slashes / 2));
                if (slashes % 2 == 1) {
                    sb.append('"');
                } else {
                    quoted = !quoted;
                }
                i++;
            } else {
                sb.append("\\".repeat(slashes));
                if (i < text.length()) {
                    char c = text.charAt(i++);
                    if (!quoted && (c == ' ' || c == '\t')) {
                        throw new IllegalArgumentException("more than one argument");
                    }
                    sb.append(c);
                }
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("unterminated quote in argument");
        }
        return sb.toString();
    }
}
