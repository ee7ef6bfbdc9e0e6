package io.ssokit.admin.cfn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ssokit.SsokitException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CfnYamlTest {

    /** Every short tag, in the form the dumper writes, survives load and dump unchanged. */
    @Test
    void everyShortTagRoundTrips() {
        String text = """
                Ref: !Ref 'Param'
                And: !And
                - !Condition 'A'
                - !Not
                  - !Condition 'B'
                Or: !Or
                - !Equals
                  - !Ref 'AWS::Region'
                  - us-east-1
                - !Condition 'C'
                Base64: !Base64 'text'
                Cidr: !Cidr
                - 10.0.0.0/16
                - 4
                - 8
                FindInMap: !FindInMap
                - Map
                - !Ref 'AWS::Region'
                - Key
                GetAttScalar: !GetAtt 'Res.Arn'
                GetAttList: !GetAtt
                - Res
                - Arn
                GetAZs: !GetAZs ''
                If: !If
                - IsProd
                - a
                - !Ref 'AWS::NoValue'
                ImportValue: !ImportValue 'exported'
                Join: !Join
                - ','
                - - a
                  - !Sub '${AWS::AccountId}'
                Select: !Select
                - 0
                - !Split
                  - ','
                  - a,b
                SubList: !Sub
                - ${X}-suffix
                - X: !Ref 'Param'
                """;
        Object loaded = CfnYaml.load(text, "t.yaml");
        assertEquals(text, CfnYaml.dump(loaded));
        Map<?, ?> map = (Map<?, ?>) loaded;
        assertEquals(Intrinsic.ref("Param"), map.get("Ref"));
        assertEquals(Map.of("Fn::GetAtt", List.of("Res", "Arn")), ((Intrinsic) map.get("GetAttScalar")).toJson());
        assertEquals(Intrinsic.Fn.SUB, ((Intrinsic) map.get("SubList")).fn());
    }

    @Test
    void aDottedRefIsAGetAttInJson() {
        assertEquals(Map.of("Fn::GetAtt", List.of("Res", "Attr")), Intrinsic.ref("Res.Attr").toJson());
        assertEquals(Map.of("Ref", "Res"), Intrinsic.ref("Res").toJson());
    }

    @Test
    void scalarsKeepTheirYamlTypes() {
        Map<?, ?> map = (Map<?, ?>) CfnYaml.load("""
                Version: 2010-09-09
                Quoted: '123456789012'
                Number: 123456789012
                Flag: true
                Nothing:
                """, "t.yaml");
        assertEquals("2010-09-09", map.get("Version"));
        assertEquals("123456789012", map.get("Quoted"));
        assertEquals(123456789012L, map.get("Number"));
        assertEquals(Boolean.TRUE, map.get("Flag"));
        assertTrue(map.containsKey("Nothing"));
        String dumped = CfnYaml.dump(map);
        assertTrue(dumped.contains("Version: '2010-09-09'\n"), dumped);
        assertTrue(dumped.contains("Quoted: '123456789012'\n"), dumped);
    }

    @Test
    void sharedValuesAreWrittenOutWithoutAnchors() {
        Map<String, Object> shared = new LinkedHashMap<>(Map.of("Type", "String"));
        List<Object> list = new ArrayList<>(List.of("a", "b"));
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("A", shared);
        doc.put("B", shared);
        doc.put("C", list);
        doc.put("D", list);
        String dumped = CfnYaml.dump(doc);
        assertFalse(dumped.contains("&") || dumped.contains("*"), dumped);
        assertEquals("A:\n  Type: String\nB:\n  Type: String\nC:\n- a\n- b\nD:\n- a\n- b\n", dumped);
    }

    @Test
    void badYamlIsOneLineNamingFileLineAndColumn() {
        SsokitException e = assertThrows(SsokitException.class, () -> CfnYaml.load("a: 1\na: 2\n", "dup.yaml"));
        assertTrue(e.getMessage().startsWith("dup.yaml: invalid YAML at line 2"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
        e = assertThrows(SsokitException.class, () -> CfnYaml.load("a: [1, 2\n", "open.yaml"));
        assertTrue(e.getMessage().startsWith("open.yaml: invalid YAML at line"), e.getMessage());
        e = assertThrows(SsokitException.class, () -> CfnYaml.load("a: !Unknown x\n", "tag.yaml"));
        assertTrue(e.getMessage().startsWith("tag.yaml: invalid YAML"), e.getMessage());
        assertTrue(e.getMessage().contains("!Unknown"), e.getMessage());
    }

    @Test
    void longFormIntrinsicsAreRecognised() {
        Object value = CfnYaml.load("{Fn::Sub: '${X}'}", "t.yaml");
        assertInstanceOf(Map.class, value);
        assertTrue(Intrinsic.isIntrinsic(value));
        assertFalse(Intrinsic.isIntrinsic(Map.of("Name", "x")));
        assertEquals(java.util.Set.of("A", "B"), Intrinsic.references(
                List.of(Intrinsic.ref("A"), Map.of("Fn::GetAtt", List.of("B", "Arn")), Intrinsic.ref("AWS::Region"))));
    }
}
