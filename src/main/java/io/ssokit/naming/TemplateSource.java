package io.ssokit.naming;

import io.ssokit.ExitCodes;
import io.ssokit.SsokitException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Where a {@code --profile-name-template} value comes from, decided in this order:
 * <ol>
 *   <li>it contains <code>{{</code>: inline template text;</li>
 *   <li>it contains a path separator or ends in {@code .mustache}: a file;</li>
 *   <li>it is a preset name ({@link #PRESETS}): the preset shipped in the jar;</li>
 *   <li>a file of that name exists: that file;</li>
 *   <li>otherwise an error that names the presets.</li>
 * </ol>
 * A template without any tag would give every profile the same name, so rule 1 cannot take a
 * file name or preset by mistake.
 *
 * <p>Line breaks in template files are dropped, so a file can end with a newline, carry a
 * {{! comment }} on its own line, or spread a long template over lines; a profile name can
 * never contain a line break anyway. Other whitespace is kept.
 *
 * @param origin for messages and debug output: "inline", "preset NAME" or "file PATH"
 * @param text   the Mustache template text
 */
public record TemplateSource(String origin, String text) {
    /** Preset templates, shipped as {@code templates/profile-names/<name>.mustache}. */
    public static final List<String> PRESETS = List.of("aws-sso-util", "aws-cli", "granted");

    public static TemplateSource resolve(String value) {
        if (value.contains("{{")) {
            return new TemplateSource("inline", value);
        }
        boolean looksLikePath = value.contains("/") || value.contains(java.io.File.separator)
                || value.endsWith(".mustache");
        if (!looksLikePath && PRESETS.contains(value)) {
            return preset(value);
        }
        Path path = Path.of(value);
        if (looksLikePath || Files.isRegularFile(path)) {
            return file(path);
        }
        throw new SsokitException(ExitCodes.USAGE, "--profile-name-template: '" + value
                + "' is not a template (no {{…}} tag), not a preset (" + String.join(", ", PRESETS)
                + ") and not a file");
    }

    public static TemplateSource preset(String name) {
        if (!PRESETS.contains(name)) {
            throw new SsokitException(ExitCodes.USAGE, "unknown profile-name preset '" + name + "' (choose from "
                    + String.join(", ", PRESETS) + ")");
        }
        String resource = "templates/profile-names/" + name + ".mustache";
        try (InputStream in = TemplateSource.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("preset missing from the jar: " + resource);
            }
            return new TemplateSource("preset " + name, withoutLineBreaks(new String(in.readAllBytes(),
                    StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static TemplateSource file(Path path) {
        try {
            return new TemplateSource("file " + path, withoutLineBreaks(Files.readString(path)));
        } catch (IOException e) {
            throw new SsokitException(ExitCodes.USAGE, "--profile-name-template: cannot read " + path + ": "
                    + (e.getMessage() != null ? e.getMessage() : e.toString()));
        }
    }

    private static String withoutLineBreaks(String text) {
        return text.replace("\r", "").replace("\n", "");
    }
}
