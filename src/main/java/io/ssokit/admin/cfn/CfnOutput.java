package io.ssokit.admin.cfn;

import java.nio.file.Path;
import java.util.List;

/**
 * Everything {@code admin cfn} produces, rendered and not yet written: the template files (child
 * templates before their parent) and the assignments CSV.
 *
 * @param csvPath where the CSV goes ({@link CfnOptions#STDOUT} for standard output), or null
 * @param csv the CSV text, or null when no CSV was asked for
 */
public record CfnOutput(List<OutputFile> files, Path csvPath, String csv) {

    /** One file to write. */
    public record OutputFile(Path path, String content) {
    }

    public CfnOutput {
        files = List.copyOf(files);
    }
}
