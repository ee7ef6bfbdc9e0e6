package io.ssokit.cli;

import io.ssokit.ExitCodes;
import io.ssokit.admin.Directory;
import io.ssokit.admin.cfn.CfnGenerator;
import io.ssokit.admin.cfn.CfnOptions;
import io.ssokit.admin.cfn.CfnOutput;
import io.ssokit.admin.cfn.CfnWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ssokit admin cfn}: aws-sso-util's {@code admin cfn} (spec §3.14, §8.3–§8.5). The engine
 * is {@link CfnGenerator}; this maps the options onto {@link CfnOptions} one to one. AWS is asked
 * only for what the inputs leave open (the instance, OU members, names), so a config that names
 * its instance and accounts needs no credentials at all.
 */
@Command(name = "cfn",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        header = "Generate CloudFormation templates of account assignments from config files or AssignmentGroup templates.",
        description = {
            "Generate CloudFormation templates of Identity Center account assignments, as aws-sso-util admin cfn does"
                    + " (same logical IDs, so stacks made by either are updated in place by the other):",
            "  ssokit admin cfn access.yaml                     # writes templates/access.yaml next to it",
            "  ssokit admin cfn org.yaml --num-child-stacks 4   # more than ~500 assignments",
            "  ssokit admin cfn --macro stack.yaml              # expand SSOUtil::SSO::AssignmentGroup locally",
            "  ssokit admin cfn access.yaml --assignments-csv - --assignments-csv-only",
            "",
            "A config file names Groups/Users, PermissionSets and OUs/RecursiveOUs/Accounts; every combination becomes"
                    + " an AWS::SSO::Assignment. AWS is called (with --profile's credentials, else the environment's) only for"
                    + " what the files leave open: the instance, the accounts of OUs (without the management account and"
                    + " accounts that are not ACTIVE) and, with --lookup-names, names. Nothing is written unless every"
                    + " input is valid. Syntax and every difference from aws-sso-util: docs/admin-cfn.md."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:written",
            "1:AWS refused a call, or the assignments do not fit the templates",
            "2:bad usage, or an input file that is not valid (nothing written)"})
public final class AdminCfnCommand extends BaseCommand {

    @Parameters(paramLabel = "CONFIG_FILE", arity = "1..*", description = "Config files, or templates with --macro.")
    List<Path> inputs = new ArrayList<>();

    @Option(order = 1, names = "--macro", description = "The inputs are templates using the AWS-SSO-Util-2020-11-08 transform.")
    boolean macro;

    @Option(order = 2, names = "--profile", paramLabel = "NAME", description = "AWS profile for the lookups, any kind (default: the "
            + "environment's credentials, else AWS_PROFILE, else the default profile).")
    String profile;

    @Option(order = 3, names = {"--sso-instance", "--ins"}, paramLabel = "ARN", description = "Identity Center instance ARN or bare "
            + "ssoins- id (default: the config's, else the only one ListInstances finds).")
    String ssoInstance;

    @Option(order = 4, names = "--template-file-suffix", paramLabel = "SUFFIX", description = "Appended to output file names "
            + "(default .yaml; .yaml is added to a suffix without it: -template gives -template.yaml).")
    String templateFileSuffix;

    @Option(order = 5, names = "--output-dir", paramLabel = "DIR", description = "Where templates go (default: a templates directory "
            + "next to each input).")
    Path outputDir;

    @Option(order = 6, names = "--base-template-file", paramLabel = "FILE", description = "Template the assignments are merged into "
            + "(not with --macro).")
    Path baseTemplateFile;

    @Option(order = 7, names = "--template-parameters", paramLabel = "PARAMS", description = "Name[=default],... String parameters "
            + "added to each template (not with --macro).")
    String templateParameters;

    boolean lookupNames;

    @Option(order = 8, names = "--lookup-names", description = "Put principal, permission-set and account names in the metadata and CSV.")
    void lookupNames(boolean v) {
        lookupNames = true;
    }

    @Option(order = 9, names = "--no-lookup-names", description = "Do not (the default).")
    void noLookupNames(boolean v) {
        lookupNames = false;
    }

    @Option(order = 10, names = "--num-child-stacks", paramLabel = "NUM", description = "Spread assignments over NUM child stacks (0: none).")
    Integer numChildStacks;

    @Option(order = 11, names = "--max-assignments-allocation", paramLabel = "NUM", description = "Child stacks enough for NUM "
            + "assignments (the larger of this and --num-child-stacks wins).")
    Integer maxAssignmentsAllocation;

    @Option(order = 12, names = "--default-session-duration", paramLabel = "DUR", description = "ISO 8601 duration (PT8H) for permission "
            + "sets without a SessionDuration.")
    String defaultSessionDuration;

    @Option(order = 13, names = "--max-resources-per-template", paramLabel = "NUM", description = "Resource limit per template (default 500).")
    Integer maxResourcesPerTemplate;

    @Option(order = 14, names = "--max-concurrent-assignments", paramLabel = "NUM", description = "Assignments CloudFormation creates at "
            + "once: assignment i waits for assignment i - NUM (default 20).")
    Integer maxConcurrentAssignments;

    @Option(order = 15, names = "--assignments-csv", paramLabel = "FILE", description = "Also write the generated assignments as CSV "
            + "(- for stdout).")
    Path assignmentsCsv;

    @Option(order = 16, names = "--assignments-csv-only", description = "Write only the CSV (needs --assignments-csv).")
    boolean assignmentsCsvOnly;

    @Override
    protected int run() {
        CfnOptions options = CfnOptions.builder(inputs.toArray(Path[]::new))
                .macro(macro)
                .profile(profile)
                .ssoInstance(ssoInstance)
                .templateFileSuffix(templateFileSuffix)
                .outputDir(outputDir)
                .baseTemplateFile(baseTemplateFile)
                .templateParameters(templateParameters)
                .lookupNames(lookupNames)
                .numChildStacks(numChildStacks)
                .maxAssignmentsAllocation(maxAssignmentsAllocation)
                .defaultSessionDuration(defaultSessionDuration)
                .maxResourcesPerTemplate(maxResourcesPerTemplate)
                .maxConcurrentAssignments(maxConcurrentAssignments)
                .assignmentsCsv(assignmentsCsv)
                .assignmentsCsvOnly(assignmentsCsvOnly)
                .build();
        try (LazySession session = new LazySession(ctx, profile)) {
            CfnOutput output = CfnGenerator.generate(options, session.directory(), ctx.log());
            CfnWriter.write(output, ctx.out(), ctx.log());
        }
        return ExitCodes.OK;
    }

    /**
     * A {@link Directory} that opens the admin session (credentials, region, HTTP client) on its
     * first call, so that inputs that leave nothing to look up need no AWS credentials.
     */
    static final class LazySession implements AutoCloseable {
        private final Ctx ctx;
        private final String profile;
        private AdminSupport.Session session;

        LazySession(Ctx ctx, String profile) {
            this.ctx = ctx;
            this.profile = profile;
        }

        Directory directory() {
            return (Directory) Proxy.newProxyInstance(Directory.class.getClassLoader(), new Class<?>[] {Directory.class},
                    (proxy, method, args) -> {
                        if (method.getDeclaringClass() == Object.class) {
                            return switch (method.getName()) {
                                case "equals" -> proxy == args[0];
                                case "hashCode" -> System.identityHashCode(proxy);
                                default -> "Directory(" + (profile == null ? "environment" : profile) + ")";
                            };
                        }
                        try {
                            return method.invoke(open().directory(), args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        }

        private synchronized AdminSupport.Session open() {
            if (session == null) {
                session = AdminSupport.open(ctx, profile);
            }
            return session;
        }

        @Override
        public synchronized void close() {
            if (session != null) {
                session.close();
            }
        }
    }
}
