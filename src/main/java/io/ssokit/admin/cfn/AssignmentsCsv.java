package io.ssokit.admin.cfn;

import io.ssokit.ExitCodes;
import io.ssokit.SsokitException;
import java.util.List;

/**
 * The CSV of generated assignments ({@code --assignments-csv}): the columns of
 * {@code admin assignments} plus {@code source_ou}. An intrinsic value is written as the name it
 * refers to; names are filled only with {@code --lookup-names}. A value holding a comma, a quote
 * or a line break is quoted as RFC 4180 says (aws-sso-util wrote it bare, breaking the row).
 */
final class AssignmentsCsv {
    static final String HEADER = "instance_arn,principal_type,principal_id,principal_name,permission_set_arn,"
            + "permission_set_name,target_type,target_id,target_name,source_ou";

    private AssignmentsCsv() {
    }

    static String render(List<Assignment> assignments, Metadata names) {
        StringBuilder out = new StringBuilder(HEADER).append('\n');
        for (Assignment a : assignments) {
            Object arn = a.permissionSet().arn();
            String[] row = {
                text(a.instance(), "instance_arn", a),
                a.principal().type().name(),
                text(a.principal().id(), "principal_id", a),
                names.principalName(a),
                a.permissionSet().isResource() ? a.permissionSet().resourceName() : text(arn, "permission_set_arn", a),
                arn instanceof String s ? names.permissionSetName(s) : null,
                Target.TYPE,
                text(a.target().id(), "target_id", a),
                names.targetName(a),
                a.target().sourceOu(),
            };
            for (int i = 0; i < row.length; i++) {
                if (i > 0) {
                    out.append(',');
                }
                out.append(field(row[i]));
            }
            out.append('\n');
        }
        return out.toString();
    }

    private static String text(Object value, String column, Assignment a) {
        if (value instanceof String s) {
            return s;
        }
        var refs = Intrinsic.references(value);
        if (refs.size() != 1) {
            throw new SsokitException(ExitCodes.USAGE, a.source() + ": cannot write " + column + " of " + a.logicalId()
                    + " to the CSV: " + value + " must refer to exactly one parameter or resource");
        }
        return refs.iterator().next();
    }

    private static String field(String value) {
        if (value == null) {
            return "";
        }
        if (value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r")) {
            return "\"" + value.replace("\"", "\"\"") + "\"";
        }
        return value;
    }
}
