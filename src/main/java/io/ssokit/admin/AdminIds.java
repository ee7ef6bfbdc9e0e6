package io.ssokit.admin;

import io.ssokit.ExitCodes;
import io.ssokit.SsokitException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Which Identity Center instance and identity store the admin commands use (aws-sso-util §8.1):
 * what the user gave is trusted; the missing piece comes from sso-admin ListInstances, which must
 * then leave exactly one candidate.
 */
public final class AdminIds {
    public static final String INSTANCE_ARN_PREFIX = "arn:aws:sso:::instance/";
    public static final String PERMISSION_SET_ARN_PREFIX = "arn:aws:sso:::permissionSet/";
    private static final Pattern BARE_INSTANCE_ID = Pattern.compile("(sso)?ins-.*");

    private AdminIds() {
    }

    /** An instance ARN, or a bare {@code ssoins-...} id given the ARN prefix. */
    public static String normalizeInstanceArn(String value) {
        return value != null && BARE_INSTANCE_ID.matcher(value).matches() ? INSTANCE_ARN_PREFIX + value : value;
    }

    /** The {@code ssoins-...} id of an instance ARN. */
    public static String instanceId(String instanceArn) {
        return instanceArn.substring(instanceArn.indexOf('/') + 1);
    }

    /**
     * The instance to use.
     *
     * @param instanceArn {@code --instance-arn} (ARN or bare id), or null
     * @param identityStoreId {@code --identity-store-id}, or null
     */
    public static Directory.Instance resolve(Directory directory, String instanceArn, String identityStoreId) {
        String arn = normalizeInstanceArn(instanceArn);
        if (arn != null && identityStoreId != null) {
            return new Directory.Instance(arn, identityStoreId);
        }
        List<Directory.Instance> all = directory.instances();
        if (all.isEmpty()) {
            throw new SsokitException(ExitCodes.ERROR, "no Identity Center instance found (sso-admin ListInstances answered none:"
                    + " is IAM Identity Center enabled in this region, and are these the management account's credentials?)");
        }
        if (arn != null) {
            return all.stream().filter(i -> i.instanceArn().equals(arn)).findFirst()
                    .map(i -> new Directory.Instance(arn, i.identityStoreId()))
                    .orElseThrow(() -> new SsokitException(ExitCodes.ERROR, "no Identity Center instance " + arn
                            + " (found " + arns(all) + ")"));
        }
        if (identityStoreId != null) {
            List<Directory.Instance> match = all.stream().filter(i -> i.identityStoreId().equals(identityStoreId)).toList();
            if (match.size() != 1) {
                throw new SsokitException(ExitCodes.ERROR, (match.isEmpty() ? "no" : match.size() + "")
                        + " Identity Center instances with identity store " + identityStoreId + " (found " + arns(all) + ")");
            }
            return match.get(0);
        }
        if (all.size() > 1) {
            throw new SsokitException(ExitCodes.USAGE, "found " + all.size() + " Identity Center instances (" + arns(all)
                    + "); choose one with --instance-arn");
        }
        return all.get(0);
    }

    private static String arns(List<Directory.Instance> all) {
        return String.join(", ", all.stream().map(Directory.Instance::instanceArn).toList());
    }
}
