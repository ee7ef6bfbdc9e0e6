package io.ssokit.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PythonJsonTest {

    /** Documents chosen to exercise escaping, key order and number forms. */
    private static final List<String> DOCS = List.of(
            "{\"roleName\":\"Developer\",\"accountId\":\"123456789012\","
                    + "\"startUrl\":\"https://example.awsapps.com/start\"}",
            "{\"b\":1,\"a\":[true,false,null],\"A\":{\"z\":\"\",\"y\":[]},\"_\":{}}",
            "{\"s\":\"quote \\\" backslash \\\\ slash / tab \\t nl \\n cr \\r bs \\b ff \\f"
                    + " nul \\u0000 unit \\u001f del \\u007f\"}",
            "{\"\u00e9t\u00e9\":\"caf\u00e9 \u20ac \u4e2d \\ud83d\\ude00 \uffff\"}",
            // astral (surrogates in UTF-16) sorts after U+FFFF by code point, before it by char
            "{\"\\ud83d\\ude00\":1,\"\uffff\":2,\"\ue000\":3,\"z\":4}",
            "{\"f\":[0.0,-0.0,1.0,0.1,1.5,100.0,1e15,1e16,1.5e16,1e-4,1e-5,1.25e-5,123456789.125,"
                    + "1.7976931348623157e308,5e-324,-2.5,3.14159,1e22,12345678901234567.0]}",
            "{\"i\":[0,-1,2147483648,-9223372036854775809,123456789012345678901234567890]}",
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:*\","
                    + "\"Resource\":\"*\",\"Condition\":{\"NumericLessThan\":{\"aws:x\":2.5}}}]}",
            "[]", "\"just a string\"", "42", "null");

    @Test
    void dumpsAndLoadsMatchPythonsJsonModule() throws IOException {
        ReferencePython.assumeAvailable();
        String script = "import json, sys\n"
                + "for doc in json.loads(sys.argv[1]):\n"
                + "    v = json.loads(doc)\n"
                + "    print(json.dumps(v, sort_keys=True))\n"
                + "    print(json.dumps(v, sort_keys=True, separators=(',', ':')))\n";
        StringBuilder docsArray = new StringBuilder("[");
        for (String d : DOCS) {
            if (docsArray.length() > 1) {
                docsArray.append(',');
            }
            docsArray.append(PythonJson.dumps(d, true));
        }
        docsArray.append(']');
        List<String> expected = ReferencePython.run(script, docsArray.toString()).lines().toList();
        List<String> actual = new ArrayList<>();
        for (String d : DOCS) {
            Object v = PythonJson.loads(d);
            actual.add(PythonJson.dumps(v, false));
            actual.add(PythonJson.dumps(v, true));
        }
        assertEquals(expected, actual);
    }

    @Test
    void knownForms() throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("tool", "botocore");
        m.put("scopes", null);
        m.put("region", "us-east-1");
        assertEquals("{\"region\": \"us-east-1\", \"scopes\": null, \"tool\": \"botocore\"}",
                PythonJson.dumps(m, false));
        assertEquals("{\"region\":\"us-east-1\",\"scopes\":null,\"tool\":\"botocore\"}",
                PythonJson.dumps(m, true));
        assertEquals("\"\\u00e9\\ud83d\\ude00\"", PythonJson.dumps("\u00e9\uD83D\uDE00", true));
        assertEquals(new BigInteger("123456789012345678901234567890"),
                PythonJson.loads("123456789012345678901234567890"));
        assertEquals("[3600, 1.0]", PythonJson.dumps(List.of(3600, 1.0), false));
    }

    @Test
    void floatRepr() {
        assertEquals("1e+16", PythonJson.floatRepr(1e16));
        assertEquals("1000000000000000.0", PythonJson.floatRepr(1e15));
        assertEquals("0.0001", PythonJson.floatRepr(1e-4));
        assertEquals("1e-05", PythonJson.floatRepr(1e-5));
        assertEquals("-0.0", PythonJson.floatRepr(-0.0));
        assertEquals("1.5e+300", PythonJson.floatRepr(1.5e300));
    }

    @Test
    void rejectsBrokenJson() {
        assertThrows(IOException.class, () -> PythonJson.loads("{\"a\":"));
        assertThrows(IOException.class, () -> PythonJson.loads("{} {}"));
        assertThrows(IOException.class, () -> PythonJson.loads(""));
        assertThrows(IllegalArgumentException.class, () -> PythonJson.dumps(new Object(), true));
    }
}
