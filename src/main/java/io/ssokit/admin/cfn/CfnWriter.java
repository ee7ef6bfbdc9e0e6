package io.ssokit.admin.cfn;

import io.ssokit.Log;
import io.ssokit.config.AtomicFiles;
import java.io.PrintWriter;

/**
 * Writes what {@link CfnGenerator} rendered: each file atomically (temp file and rename; parent
 * directories are created), then the CSV to its file or to standard output.
 */
public final class CfnWriter {

    private CfnWriter() {
    }

    public static void write(CfnOutput output, PrintWriter stdout, Log log) {
        for (CfnOutput.OutputFile file : output.files()) {
            AtomicFiles.write(file.path(), file.content());
            log.info("Wrote " + file.path());
        }
        if (output.csv() != null) {
            if (CfnOptions.STDOUT.equals(output.csvPath())) {
                stdout.print(output.csv());
                stdout.flush();
            } else {
                AtomicFiles.write(output.csvPath(), output.csv());
                log.info("Wrote " + output.csvPath());
            }
        }
    }
}
