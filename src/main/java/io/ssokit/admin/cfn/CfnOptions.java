package io.ssokit.admin.cfn;

import io.ssokit.ExitCodes;
import io.ssokit.SsokitException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Every option of {@code ssokit admin cfn} (aws-sso-util {@code admin cfn}, spec §3.14). The
 * picocli command maps its options onto this record one to one and calls
 * {@link CfnGenerator#generate} then {@link CfnWriter#write}.
 *
 * <table>
 * <caption>Options</caption>
 * <tr><th>Option</th><th>Alias</th><th>Default</th><th>Field and meaning</th></tr>
 * <tr><td>{@code CONFIG_FILE...}</td><td></td><td>required, 1 or more</td><td>{@code inputs}: config files,
 *     or templates with {@code --macro}</td></tr>
 * <tr><td>{@code --macro}</td><td></td><td>off</td><td>{@code macro}: inputs are templates with the
 *     {@code AWS-SSO-Util-2020-11-08} transform and {@code SSOUtil::SSO::AssignmentGroup} resources</td></tr>
 * <tr><td>{@code --profile NAME}</td><td></td><td>SDK default</td><td>{@code profile}: AWS profile the
 *     command builds the {@code Directory} with (instance, OUs, names); the engine does not read it</td></tr>
 * <tr><td>{@code --sso-instance ARN}</td><td>{@code --ins}</td><td>ListInstances</td><td>{@code ssoInstance}:
 *     instance ARN or bare {@code ssoins-} ID</td></tr>
 * <tr><td>{@code --template-file-suffix SUFFIX}</td><td></td><td>{@code .yaml}</td><td>{@code templateFileSuffix}:
 *     appended to output names; {@code .yaml} is added unless it ends in {@code .yaml} or {@code .yml}</td></tr>
 * <tr><td>{@code --output-dir DIR}</td><td></td><td>{@code <input dir>/templates}</td><td>{@code outputDir}</td></tr>
 * <tr><td>{@code --base-template-file FILE}</td><td></td><td></td><td>{@code baseTemplateFile}: template the
 *     generated resources are merged into (not with {@code --macro}); dropped from the inputs if listed there</td></tr>
 * <tr><td>{@code --template-parameters PARAMS}</td><td></td><td></td><td>{@code templateParameters}:
 *     {@code Name[=default],...} String parameters added to each parent template (not with {@code --macro})</td></tr>
 * <tr><td>{@code --lookup-names / --no-lookup-names}</td><td></td><td>off</td><td>{@code lookupNames}: principal,
 *     permission set and account names in the assignments' {@code Metadata.SSO} and the CSV</td></tr>
 * <tr><td>{@code --num-child-stacks NUM}</td><td></td><td></td><td>{@code numChildStacks}: fixed child stack
 *     count, 0 or more (0 = none)</td></tr>
 * <tr><td>{@code --max-assignments-allocation NUM}</td><td></td><td></td><td>{@code maxAssignmentsAllocation}:
 *     1 or more; child stacks = ceil(NUM / max resources per template); the larger count wins</td></tr>
 * <tr><td>{@code --default-session-duration DUR}</td><td></td><td></td><td>{@code defaultSessionDuration}:
 *     ISO 8601 duration for permission sets without {@code SessionDuration}</td></tr>
 * <tr><td>{@code --max-resources-per-template NUM}</td><td></td><td>500</td><td>{@code maxResourcesPerTemplate}: 1 or more</td></tr>
 * <tr><td>{@code --max-concurrent-assignments NUM}</td><td></td><td>20</td><td>{@code maxConcurrentAssignments}:
 *     1 or more; assignment i depends on assignment i - NUM</td></tr>
 * <tr><td>{@code --assignments-csv FILE}</td><td></td><td></td><td>{@code assignmentsCsv}: also write the CSV of
 *     the generated assignments; {@code -} = stdout</td></tr>
 * <tr><td>{@code --assignments-csv-only}</td><td></td><td>off</td><td>{@code assignmentsCsvOnly}: only the CSV
 *     (requires {@code --assignments-csv})</td></tr>
 * <tr><td>{@code --verbose}</td><td>{@code -v}</td><td>0</td><td>not here: the {@code Log} given to the engine</td></tr>
 * </table>
 *
 * <p>Generation settings on the command line win over the same keys in config files and in a
 * macro template's {@code Metadata.SSO}.
 */
public record CfnOptions(
        List<Path> inputs,
        boolean macro,
        String profile,
        String ssoInstance,
        String templateFileSuffix,
        Path outputDir,
        Path baseTemplateFile,
        String templateParameters,
        boolean lookupNames,
        Integer numChildStacks,
        Integer maxAssignmentsAllocation,
        String defaultSessionDuration,
        Integer maxResourcesPerTemplate,
        Integer maxConcurrentAssignments,
        Path assignmentsCsv,
        boolean assignmentsCsvOnly) {

    /** The CSV file name that means standard output. */
    public static final Path STDOUT = Path.of("-");

    public CfnOptions {
        inputs = List.copyOf(inputs);
    }

    /** A template parameter from {@code --template-parameters}: a name and an optional default. */
    public record TemplateParameter(String name, String defaultValue) {
    }

    /** Checks the combinations and ranges; every problem is a usage error and nothing is written. */
    public void validate() {
        if (inputs.isEmpty()) {
            throw usage("at least one CONFIG_FILE is required");
        }
        if (macro && baseTemplateFile != null) {
            throw usage("--base-template-file is not allowed with --macro (the template is its own base)");
        }
        if (macro && templateParameters != null && !templateParameters.isEmpty()) {
            throw usage("--template-parameters is not allowed with --macro (declare Parameters in the template)");
        }
        if (assignmentsCsvOnly && assignmentsCsv == null) {
            throw usage("--assignments-csv-only needs --assignments-csv FILE");
        }
        atLeast("--num-child-stacks", numChildStacks, 0);
        atLeast("--max-assignments-allocation", maxAssignmentsAllocation, 1);
        atLeast("--max-resources-per-template", maxResourcesPerTemplate, 1);
        atLeast("--max-concurrent-assignments", maxConcurrentAssignments, 1);
        if (defaultSessionDuration != null) {
            GenerationSettings.checkDuration(defaultSessionDuration, "--default-session-duration");
        }
        templateParameterList();
    }

    /**
     * The output file suffix: {@code .yaml} when unset, the suffix itself when it ends in
     * {@code .yaml} or {@code .yml}, else the suffix with {@code .yaml} appended
     * ({@code -template} gives {@code -template.yaml}).
     */
    public String suffix() {
        if (templateFileSuffix == null || templateFileSuffix.isEmpty()) {
            return ".yaml";
        }
        if (templateFileSuffix.contains("/") || templateFileSuffix.contains("\\")) {
            throw usage("--template-file-suffix must not contain a path separator: " + templateFileSuffix);
        }
        if (templateFileSuffix.endsWith(".yaml") || templateFileSuffix.endsWith(".yml")) {
            return templateFileSuffix;
        }
        return templateFileSuffix + ".yaml";
    }

    /** {@code --template-parameters} parsed: {@code Name[=default]} items separated by commas. */
    public List<TemplateParameter> templateParameterList() {
        List<TemplateParameter> out = new ArrayList<>();
        if (templateParameters == null || templateParameters.isEmpty()) {
            return out;
        }
        for (String item : templateParameters.split(",", -1)) {
            int eq = item.indexOf('=');
            String name = eq < 0 ? item : item.substring(0, eq);
            String value = eq < 0 ? null : item.substring(eq + 1);
            if (!name.matches("[A-Za-z0-9]{1,255}")) {
                throw usage("--template-parameters: '" + name
                        + "' is not a CloudFormation parameter name (letters and digits only)");
            }
            if (out.stream().anyMatch(p -> p.name().equals(name))) {
                throw usage("--template-parameters: " + name + " is given twice");
            }
            out.add(new TemplateParameter(name, value));
        }
        return out;
    }

    private static void atLeast(String option, Integer value, int min) {
        if (value != null && value < min) {
            throw usage(option + " must be " + min + " or more, not " + value);
        }
    }

    private static SsokitException usage(String message) {
        return new SsokitException(ExitCodes.USAGE, message);
    }

    public static Builder builder(Path... inputs) {
        return new Builder(List.of(inputs));
    }

    /** Builds options with every default; for the command and for tests. */
    public static final class Builder {
        private final List<Path> inputs;
        private boolean macro;
        private String profile;
        private String ssoInstance;
        private String templateFileSuffix;
        private Path outputDir;
        private Path baseTemplateFile;
        private String templateParameters;
        private boolean lookupNames;
        private Integer numChildStacks;
        private Integer maxAssignmentsAllocation;
        private String defaultSessionDuration;
        private Integer maxResourcesPerTemplate;
        private Integer maxConcurrentAssignments;
        private Path assignmentsCsv;
        private boolean assignmentsCsvOnly;

        private Builder(List<Path> inputs) {
            this.inputs = inputs;
        }

        public Builder macro(boolean v) { macro = v; return this; }
        public Builder profile(String v) { profile = v; return this; }
        public Builder ssoInstance(String v) { ssoInstance = v; return this; }
        public Builder templateFileSuffix(String v) { templateFileSuffix = v; return this; }
        public Builder outputDir(Path v) { outputDir = v; return this; }
        public Builder baseTemplateFile(Path v) { baseTemplateFile = v; return this; }
        public Builder templateParameters(String v) { templateParameters = v; return this; }
        public Builder lookupNames(boolean v) { lookupNames = v; return this; }
        public Builder numChildStacks(Integer v) { numChildStacks = v; return this; }
        public Builder maxAssignmentsAllocation(Integer v) { maxAssignmentsAllocation = v; return this; }
        public Builder defaultSessionDuration(String v) { defaultSessionDuration = v; return this; }
        public Builder maxResourcesPerTemplate(Integer v) { maxResourcesPerTemplate = v; return this; }
        public Builder maxConcurrentAssignments(Integer v) { maxConcurrentAssignments = v; return this; }
        public Builder assignmentsCsv(Path v) { assignmentsCsv = v; return this; }
        public Builder assignmentsCsvOnly(boolean v) { assignmentsCsvOnly = v; return this; }

        public CfnOptions build() {
            return new CfnOptions(inputs, macro, profile, ssoInstance, templateFileSuffix, outputDir, baseTemplateFile,
                    templateParameters, lookupNames, numChildStacks, maxAssignmentsAllocation, defaultSessionDuration,
                    maxResourcesPerTemplate, maxConcurrentAssignments, assignmentsCsv, assignmentsCsvOnly);
        }
    }
}
