package io.ssokit.admin.cfn;

import io.ssokit.admin.Directory.PrincipalType;

/** A principal of an assignment: its type and its ID, a string or an intrinsic function. */
record Principal(PrincipalType type, Object id) {
}
