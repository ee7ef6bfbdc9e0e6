package io.ssokit.admin;

import io.ssokit.ExitCodes;
import io.ssokit.SsokitException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * {@code admin lookup} over a {@link Directory} (aws-sso-util §3.12): group and user names to
 * ids, permission-set names to ARNs and ARNs/ids to names. Each value gives one row, handed on as
 * soon as it is known; a value not found gives {@link #NOT_FOUND} / {@link #UNKNOWN}, or with
 * {@code errorIfNotFound} stops the lookup with {@link NotFoundException}.
 */
public final class Lookup {
    public static final String NOT_FOUND = "NOT_FOUND";
    public static final String UNKNOWN = "UNKNOWN";
    private static final List<String> ID_PREFIXES = List.of("arn", "ssoins-", "ins-", "ps-");
    private static final Pattern PERMISSION_SET_ARN = Pattern.compile(
            "arn:(aws|aws-us-gov|aws-cn|aws-iso|aws-iso-b):sso:::permissionSet/(sso)?ins-[a-zA-Z0-9-.]{16}/ps-[a-zA-Z0-9-./]{16}");

    /** One output row: a name and its id (or ARN). */
    public record Row(String name, String id) {
    }

    /** What {@code -e} stops at: "Group NAME not found". */
    public static final class NotFoundException extends SsokitException {
        private static final long serialVersionUID = 1L;

        NotFoundException(String kind, String value) {
            super(ExitCodes.ERROR, kind + " " + value + " not found");
        }
    }

    private final Directory directory;
    private final Supplier<Directory.Instance> instance;
    private final boolean errorIfNotFound;
    private final Map<String, Optional<Directory.PermissionSet>> described = new HashMap<>();

    /** @param instance the instance and store, resolved when first needed */
    public Lookup(Directory directory, Supplier<Directory.Instance> instance, boolean errorIfNotFound) {
        this.directory = directory;
        this.instance = instance;
        this.errorIfNotFound = errorIfNotFound;
    }

    public void groups(List<String> names, Consumer<Row> out) {
        for (String name : names) {
            Optional<Directory.Principal> g = directory.groupByName(instance.get().identityStoreId(), name);
            out.accept(new Row(name, g.map(Directory.Principal::id).orElseGet(() -> missing("Group", name, NOT_FOUND))));
        }
    }

    public void users(List<String> names, Consumer<Row> out) {
        for (String name : names) {
            Optional<Directory.Principal> u = directory.userByName(instance.get().identityStoreId(), name);
            out.accept(new Row(name, u.map(Directory.Principal::id).orElseGet(() -> missing("User", name, NOT_FOUND))));
        }
    }

    /**
     * A value starting with {@code arn}, {@code ssoins-}, {@code ins-} or {@code ps-} is an id
     * (DescribePermissionSet; not found: name UNKNOWN), anything else a name (ListPermissionSets
     * and DescribePermissionSet of each until one matches; not found: ARN UNKNOWN).
     *
     * @param idStyle print {@code ps-...} instead of the ARN
     */
    public void permissionSets(List<String> values, boolean idStyle, Consumer<Row> out) {
        for (String value : values) {
            if (ID_PREFIXES.stream().anyMatch(value::startsWith)) {
                String arn = permissionSetArn(value, AdminIds.instanceId(instance.get().instanceArn()));
                Optional<Directory.PermissionSet> p = describe(arn);
                String name = p.map(Directory.PermissionSet::name).orElseGet(() -> missing("Permission set", value, UNKNOWN));
                out.accept(new Row(name, style(p.map(Directory.PermissionSet::arn).orElse(arn), idStyle)));
            } else {
                Optional<Directory.PermissionSet> p = byName(value);
                out.accept(new Row(value, p.map(x -> style(x.arn(), idStyle)).orElseGet(() -> missing("Permission set", value, UNKNOWN))));
            }
        }
    }

    /** {@code :all}: every permission set of the instance, in ListPermissionSets order. */
    public void allPermissionSets(boolean idStyle, Consumer<Row> out) {
        for (String arn : directory.permissionSets(instance.get().instanceArn())) {
            Optional<Directory.PermissionSet> p = describe(arn);
            out.accept(new Row(p.map(Directory.PermissionSet::name).orElse(UNKNOWN), style(arn, idStyle)));
        }
    }

    /**
     * The full ARN of a permission-set value: an ARN as it is, {@code ssoins-x/ps-y} or
     * {@code ins-x/ps-y} under the permission-set prefix, a bare {@code ps-y} in the given instance.
     */
    public static String permissionSetArn(String value, String instanceId) {
        if (value.startsWith("arn")) {
            return value;
        }
        if (value.startsWith("ssoins-") || value.startsWith("ins-")) {
            return AdminIds.PERMISSION_SET_ARN_PREFIX + value;
        }
        return AdminIds.PERMISSION_SET_ARN_PREFIX + instanceId + "/" + value;
    }

    /** {@code ps-...}: the last part of a permission-set ARN. */
    public static String permissionSetId(String arn) {
        return arn.substring(arn.lastIndexOf('/') + 1);
    }

    private static String style(String arn, boolean idStyle) {
        return idStyle ? permissionSetId(arn) : arn;
    }

    private Optional<Directory.PermissionSet> byName(String name) {
        for (String arn : directory.permissionSets(instance.get().instanceArn())) {
            Optional<Directory.PermissionSet> p = describe(arn);
            if (p.isPresent() && name.equals(p.get().name())) {
                return p;
            }
        }
        return Optional.empty();
    }

    /** DescribePermissionSet, once per ARN; an ARN that cannot exist (wrong shape) is not found without a call. */
    private Optional<Directory.PermissionSet> describe(String arn) {
        if (!PERMISSION_SET_ARN.matcher(arn).matches()) {
            return Optional.empty();
        }
        return described.computeIfAbsent(arn, a -> directory.permissionSet(instance.get().instanceArn(), a));
    }

    private String missing(String kind, String value, String placeholder) {
        if (errorIfNotFound) {
            throw new NotFoundException(kind, value);
        }
        return placeholder;
    }
}
