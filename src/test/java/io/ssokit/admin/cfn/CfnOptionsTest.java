package io.ssokit.admin.cfn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ssokit.ExitCodes;
import io.ssokit.SsokitException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CfnOptionsTest {
    static CfnOptions.Builder options() {
        return CfnOptions.builder(Path.of("config.yaml"));
    }

    @ParameterizedTest
    @CsvSource(nullValues = "NULL", value = {
        "NULL, .yaml",
        "'', .yaml",
        "-template, -template.yaml",
        ".yaml, .yaml",
        "-cfn.yaml, -cfn.yaml",
        ".yml, .yml",
        ".json, .json.yaml",
    })
    void suffixRules(String given, String suffix) {
        assertEquals(suffix, options().templateFileSuffix(given).build().suffix());
    }

    @Test
    void templateParameters() {
        assertEquals(List.of(new CfnOptions.TemplateParameter("Env", "prod"), new CfnOptions.TemplateParameter("Owner", null),
                new CfnOptions.TemplateParameter("Empty", ""), new CfnOptions.TemplateParameter("Eq", "a=b")),
                options().templateParameters("Env=prod,Owner,Empty=,Eq=a=b").build().templateParameterList());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            macro-base      | --base-template-file is not allowed with --macro (the template is its own base)
            macro-params    | --template-parameters is not allowed with --macro (declare Parameters in the template)
            csv-only        | --assignments-csv-only needs --assignments-csv FILE
            children        | --num-child-stacks must be 0 or more, not -1
            allocation      | --max-assignments-allocation must be 1 or more, not 0
            resources       | --max-resources-per-template must be 1 or more, not 0
            concurrent      | --max-concurrent-assignments must be 1 or more, not -5
            duration        | --default-session-duration: 'PT0S' is not a positive ISO 8601 duration such as PT4H
            param-name      | --template-parameters: 'my-param' is not a CloudFormation parameter name (letters and digits only)
            param-twice     | --template-parameters: A is given twice
            slash-suffix    | --template-file-suffix must not contain a path separator: x/y
            """)
    void usageErrors(String name, String message) {
        CfnOptions.Builder b = options();
        switch (name) {
            case "macro-base" -> b.macro(true).baseTemplateFile(Path.of("b.yaml"));
            case "macro-params" -> b.macro(true).templateParameters("A");
            case "csv-only" -> b.assignmentsCsvOnly(true);
            case "children" -> b.numChildStacks(-1);
            case "allocation" -> b.maxAssignmentsAllocation(0);
            case "resources" -> b.maxResourcesPerTemplate(0);
            case "concurrent" -> b.maxConcurrentAssignments(-5);
            case "duration" -> b.defaultSessionDuration("PT0S");
            case "param-name" -> b.templateParameters("my-param");
            case "param-twice" -> b.templateParameters("A,A=1");
            case "slash-suffix" -> b.templateFileSuffix("x/y");
            default -> throw new IllegalArgumentException(name);
        }
        CfnOptions o = b.build();
        SsokitException e = assertThrows(SsokitException.class, () -> {
            o.validate();
            o.suffix();
        });
        assertEquals(message, e.getMessage());
        assertEquals(ExitCodes.USAGE, e.exitCode());
    }
}
