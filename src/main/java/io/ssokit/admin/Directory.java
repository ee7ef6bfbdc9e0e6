package io.ssokit.admin;

import java.util.List;
import java.util.Optional;

/**
 * What the admin commands ({@code admin lookup}, {@code admin assignments}, {@code admin cfn})
 * read from an organisation: Identity Center instances (sso-admin), users and groups
 * (identitystore) and accounts and OUs (organizations). One method per AWS operation, with
 * pagination done inside, so that the commands read as the algorithm of
 * ../shared/reference/aws-sso-util.md §8 and tests can hand them an in-memory organisation.
 *
 * <p>"Not found" is an empty Optional (the AWS ResourceNotFoundException / AccountNotFoundException
 * family); every other failure (access denied, throttling that outlasted the retries, a network
 * error) is an exception with a one-line message.
 */
public interface Directory {

    /** An Identity Center instance: its ARN ({@code arn:aws:sso:::instance/ssoins-...}) and its identity store. */
    record Instance(String instanceArn, String identityStoreId) {
    }

    /** An account of the organisation; {@code status} is ACTIVE, SUSPENDED or PENDING_CLOSURE. */
    record Account(String id, String name, String status) {
    }

    /** A permission set as DescribePermissionSet returns it; {@code sessionDuration} is ISO 8601 or null. */
    record PermissionSet(String arn, String name, String description, String sessionDuration) {
    }

    /** A user ({@code UserName}) or a group ({@code DisplayName}) of an identity store. */
    record Principal(PrincipalType type, String id, String name) {
    }

    enum PrincipalType { USER, GROUP }

    /** One account assignment: this principal gets this permission set in this account. */
    record Assignment(String accountId, String permissionSetArn, PrincipalType principalType, String principalId) {
    }

    /** sso-admin ListInstances. */
    List<Instance> instances();

    /** sso-admin ListPermissionSets: the ARNs of every permission set of the instance. */
    List<String> permissionSets(String instanceArn);

    /** sso-admin DescribePermissionSet. */
    Optional<PermissionSet> permissionSet(String instanceArn, String permissionSetArn);

    /** sso-admin ListPermissionSetsProvisionedToAccount: permission set ARNs. */
    List<String> permissionSetsProvisionedToAccount(String instanceArn, String accountId);

    /** sso-admin ListAccountAssignments for one account and permission set. */
    List<Assignment> accountAssignments(String instanceArn, String accountId, String permissionSetArn);

    /** identitystore DescribeUser. */
    Optional<Principal> user(String identityStoreId, String userId);

    /** identitystore DescribeGroup. */
    Optional<Principal> group(String identityStoreId, String groupId);

    /** identitystore GetUserId by {@code UserName}. */
    Optional<Principal> userByName(String identityStoreId, String userName);

    /** identitystore GetGroupId by {@code DisplayName}. */
    Optional<Principal> groupByName(String identityStoreId, String displayName);

    /** organizations DescribeOrganization: the management account's id. */
    String managementAccountId();

    /** organizations ListAccounts: every account with its name and status. */
    List<Account> accounts();

    /** organizations DescribeAccount. */
    Optional<Account> account(String accountId);

    /** organizations ListAccountsForParent: the accounts directly under an OU or root. */
    List<Account> accountsForParent(String parentId);

    /** organizations ListOrganizationalUnitsForParent: the ids of the OUs directly under an OU or root. */
    List<String> organizationalUnitsForParent(String parentId);
}
