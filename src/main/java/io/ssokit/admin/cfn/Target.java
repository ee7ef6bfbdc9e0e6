package io.ssokit.admin.cfn;

/**
 * An account an assignment targets: its 12-digit ID (or an intrinsic function) and, when it came
 * from an OU in the config, that OU (the one written in the config, also for accounts found in
 * its descendants).
 */
record Target(Object id, String sourceOu) {
    static final String TYPE = "AWS_ACCOUNT";
}
