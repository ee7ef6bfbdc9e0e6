package io.ssokit.admin.cfn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ssokit.testing.Proc;
import io.ssokit.testing.Tools;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The logical-ID hash against Python itself: random instances, principals, permission sets and
 * targets (hostile strings, intrinsics) hashed by the four lines of aws-sso-util's
 * {@code Assignment.get_hash}, run by python3, must give our digests.
 */
class LogicalIdsPythonTest {
    static final String PYTHON = """
            import hashlib, json, sys
            def key(v):
                if not isinstance(v, str):
                    v = json.dumps(v, sort_keys=True)
                return v.encode('utf-8')
            for line in sys.stdin:
                c = json.loads(line)
                h = hashlib.md5()
                h.update(key(c['instance']))
                h.update(f"{c['ptype']}:{key(c['pid'])}".encode('utf-8'))
                h.update(key(c['ps']))
                h.update(f"AWS_ACCOUNT:{key(c['tid'])}".encode('utf-8'))
                print(h.hexdigest())
            """;
    static final String ALPHABET = "abcXYZ019-_./:'\"\\ \t\néü€💥\u0001\u007f";

    @Test
    void ourDigestsArePythons() throws Exception {
        String python = Tools.require("python3");
        Random random = new Random(20201108);
        ObjectMapper json = new ObjectMapper();
        StringBuilder input = new StringBuilder();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            Object instance = value(random);
            String type = random.nextBoolean() ? "GROUP" : "USER";
            Object principal = value(random);
            Object ps = value(random);
            Object target = value(random);
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("instance", Intrinsic.toJsonValue(instance));
            c.put("ptype", type);
            c.put("pid", Intrinsic.toJsonValue(principal));
            c.put("ps", Intrinsic.toJsonValue(ps));
            c.put("tid", Intrinsic.toJsonValue(target));
            input.append(json.writeValueAsString(c)).append('\n');
            expected.add(HexFormat.of().formatHex(LogicalIds.digest(instance, type, principal, ps, "AWS_ACCOUNT", target)));
        }
        Proc.Result r = Proc.run(List.of(python, "-c", PYTHON), Map.of(), null, input.toString());
        assertEquals(0, r.exit(), r.stderr());
        assertEquals(expected, r.stdout().lines().toList());
    }

    private static Object value(Random random) {
        return switch (random.nextInt(5)) {
            case 0 -> Intrinsic.ref(text(random));
            case 1 -> Intrinsic.getAtt(text(random), text(random));
            case 2 -> new Intrinsic(Intrinsic.Fn.JOIN, new ArrayList<>(List.of(text(random),
                    new ArrayList<>(List.of(Intrinsic.ref(text(random)), random.nextInt(1000), random.nextBoolean())))));
            default -> text(random);
        };
    }

    private static String text(Random random) {
        StringBuilder s = new StringBuilder();
        int n = 1 + random.nextInt(12);
        for (int i = 0; i < n; i++) {
            s.appendCodePoint(ALPHABET.codePointAt(ALPHABET.offsetByCodePoints(0,
                    random.nextInt(ALPHABET.codePointCount(0, ALPHABET.length())))));
        }
        return s.toString();
    }
}
