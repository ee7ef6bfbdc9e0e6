package io.ssokit.credentials;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ssokit.json.PythonJson;
import io.ssokit.json.ReferencePython;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CredentialProcessOutputTest {
    static final Credentials CREDS = new Credentials("ASIAEXAMPLE", "wJalr/K7MDENG+bPxRfi",
            "IQoJb3JpZ2luX2VjE==", Instant.parse("2024-06-02T19:10:44.750Z"), "123456789012");

    @Test
    void compactLineWithFixedKeyOrder() {
        assertEquals("{\"Version\":1,\"AccessKeyId\":\"ASIAEXAMPLE\","
                + "\"SecretAccessKey\":\"wJalr/K7MDENG+bPxRfi\",\"SessionToken\":\"IQoJb3JpZ2luX2VjE==\","
                + "\"Expiration\":\"2024-06-02T19:10:44Z\"}", CredentialProcessOutput.json(CREDS));
    }

    @Test
    void sessionTokenAndExpirationOnlyWhenPresent() {
        assertEquals("{\"Version\":1,\"AccessKeyId\":\"AKIA\",\"SecretAccessKey\":\"s\"}",
                CredentialProcessOutput.json(new Credentials("AKIA", "s", null, null, "1")));
        assertEquals("{\"Version\":1,\"AccessKeyId\":\"AKIA\",\"SecretAccessKey\":\"s\","
                + "\"SessionToken\":\"t\"}",
                CredentialProcessOutput.json(new Credentials("AKIA", "s", "t", null, null)));
    }

    @Test
    void prettyIsIndentedByTwoLikePythonsJsonDumps() {
        assertEquals("{\n"
                + "  \"Version\": 1,\n"
                + "  \"AccessKeyId\": \"ASIAEXAMPLE\",\n"
                + "  \"SecretAccessKey\": \"wJalr/K7MDENG+bPxRfi\",\n"
                + "  \"SessionToken\": \"IQoJb3JpZ2luX2VjE==\",\n"
                + "  \"Expiration\": \"2024-06-02T19:10:44Z\"\n"
                + "}", CredentialProcessOutput.prettyJson(CREDS));
    }

    @Test
    void prettyMatchesAwsExportCredentialsByteForByte() {
        ReferencePython.assumeAvailable();
        // aws-export-credentials: json.dumps(data, indent=2) of an insertion-ordered dict
        String script = "import json\n"
                + "print(json.dumps({'Version': 1, 'AccessKeyId': 'ASIAEXAMPLE',"
                + " 'SecretAccessKey': 'wJalr/K7MDENG+bPxRfi', 'SessionToken': 'IQoJb3JpZ2luX2VjE==',"
                + " 'Expiration': '2024-06-02T19:10:44Z'}, indent=2), end='')\n"
                + "print('|' + json.dumps({'Version': 1, 'AccessKeyId': 'ASIAEXAMPLE',"
                + " 'SecretAccessKey': 'wJalr/K7MDENG+bPxRfi', 'SessionToken': 'IQoJb3JpZ2luX2VjE==',"
                + " 'Expiration': '2024-06-02T19:10:44Z'}, separators=(',', ':')), end='')\n";
        assertEquals(CredentialProcessOutput.prettyJson(CREDS) + "|" + CredentialProcessOutput.json(CREDS),
                ReferencePython.run(script));
    }

    @Test
    void escapesEverythingJsonNeeds() throws IOException {
        String hostile = "q\"b\\s/n\nr\rt\tc\u0001d\u007fe\u00e9\uD83D\uDE00";
        Credentials c = new Credentials("AKIA", hostile, hostile, null, null);
        for (String out : List.of(CredentialProcessOutput.json(c), CredentialProcessOutput.prettyJson(c))) {
            @SuppressWarnings("unchecked")
            Map<String, Object> parsed = (Map<String, Object>) PythonJson.loads(out);
            assertEquals(hostile, parsed.get("SecretAccessKey"));
            assertEquals(hostile, parsed.get("SessionToken"));
            assertTrue(out.contains("q\\\"b\\\\s"), out);
            assertTrue(out.contains("\\n") && out.contains("\\r") && out.contains("\\t"), out);
            assertTrue(out.contains("\\u0001"), out);
        }
        assertFalse(CredentialProcessOutput.json(c).contains("\n"), "one line");
    }
}
