package io.ssokit.admin.cfn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The logical-ID hash, checked against values computed with aws-sso-util's own Python code. */
class LogicalIdsTest {
    static final String INSTANCE = "arn:aws:sso:::instance/ssoins-69e2ecd0b249f0cd";
    static final String GROUP = "6c1645fc-37b5-40ba-8c3d-5216b9055505";
    static final String PS = "arn:aws:sso:::permissionSet/ssoins-69e2ecd0b249f0cd/ps-b5b9375180ceaaac";

    @Test
    void theSpecsWorkedExample() {
        byte[] digest = LogicalIds.digest(INSTANCE, "GROUP", GROUP, PS, "AWS_ACCOUNT", "123456789012");
        assertEquals("492b36502f28967c33e1b97c1fb9af1f", HexFormat.of().formatHex(digest));
        assertEquals("Assignment492B36", LogicalIds.assignmentId("", digest));
        assertEquals("AdminsAssignment492B36", LogicalIds.assignmentId("Admins", digest));
    }

    @Test
    void anIntrinsicTargetHashesAsTheBytesReprOfItsSortedJson() {
        byte[] digest = LogicalIds.digest(INSTANCE, "GROUP", GROUP, PS, "AWS_ACCOUNT", Intrinsic.ref("AccountParameter"));
        assertEquals("93eaebc74907d90fe8812ae1f550d2ce", HexFormat.of().formatHex(digest));
        assertEquals("b'{\"Ref\": \"AccountParameter\"}'",
                LogicalIds.bytesRepr(LogicalIds.hashKey(Intrinsic.ref("AccountParameter"))));
    }

    @Test
    void intrinsicInstancePrincipalAndPermissionSetHashAsPlainJson() {
        // instance {"Ref": "Inst"}, principal {"Fn::GetAtt": ["G", "Id"]} (scalar form split at the dot),
        // permission set {"Fn::GetAtt": ["PermSetAdmin", "PermissionSetArn"]}
        byte[] digest = LogicalIds.digest(Intrinsic.ref("Inst"), "USER", Intrinsic.getAtt("G", "Id"),
                Intrinsic.getAtt("PermSetAdmin", "PermissionSetArn"), "AWS_ACCOUNT", "123456789012");
        assertEquals("a30f655343ae4069d594246c38bd0e9e", HexFormat.of().formatHex(digest));
    }

    @Test
    void pythonBytesRepr() {
        assertEquals("b\"it's\"", LogicalIds.bytesRepr("it's".getBytes(StandardCharsets.UTF_8)));
        assertEquals("b'a\"b\\'c\\\\\\xc3\\xa9\\n'", LogicalIds.bytesRepr("a\"b'c\\é\n".getBytes(StandardCharsets.UTF_8)));
        assertEquals("b'\\t\\r\\x00\\x7f~'", LogicalIds.bytesRepr(new byte[] {9, 13, 0, 127, '~'}));
    }

    @Test
    void childIndexIsTheDigestAsAnUnsignedIntegerModN() {
        byte[] digest = LogicalIds.digest(INSTANCE, "GROUP", GROUP, PS, "AWS_ACCOUNT", "123456789012");
        assertEquals(6, LogicalIds.childIndex(digest, 7)); // Python: int.from_bytes(d, 'big') % 7
        assertEquals(0, LogicalIds.childIndex(digest, 1));
    }
}
