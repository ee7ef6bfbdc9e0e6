package io.ssokit.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Python's {@code json.dumps(value, sort_keys=True)} byte for byte, because the AWS CLI names
 * cache files by the SHA-1 of exactly that text: the role-credential cache (compact separators),
 * the assume-role cache and the sso-session client registration (default separators
 * {@code ", "} and {@code ": "}). Same escaping ({@code ensure_ascii}: every character outside
 * space..tilde becomes a backslash-u escape in lowercase hex, astral characters as surrogate
 * pairs), same key order (by code point), same number forms.
 *
 * <p>Values: {@link Map} with string keys, {@link Collection}, {@link String}, {@link Boolean},
 * integral {@link Number}s ({@code Integer}, {@code Long}, {@code BigInteger}), {@link Double}
 * (Python's {@code float}), and null.
 */
public final class PythonJson {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    /** Python sorts str keys by code point; String.compareTo compares UTF-16 units. */
    private static final Comparator<String> CODE_POINT_ORDER = new Comparator<>() {
        @Override
        public int compare(String a, String b) {
            int i = 0;
            int j = 0;
            while (i < a.length() && j < b.length()) {
                int ca = a.codePointAt(i);
                int cb = b.codePointAt(j);
                if (ca != cb) {
                    return Integer.compare(ca, cb);
                }
                i += Character.charCount(ca);
                j += Character.charCount(cb);
            }
            return Boolean.compare(i < a.length(), j < b.length());
        }
    };

    private PythonJson() {
    }

    /**
     * {@code json.dumps(value, sort_keys=True)}, with {@code separators=(',', ':')} when
     * {@code compact}.
     */
    public static String dumps(Object value, boolean compact) {
        StringBuilder out = new StringBuilder();
        write(out, value, compact ? "," : ", ", compact ? ":" : ": ");
        return out.toString();
    }

    /**
     * {@code json.loads(text)}: objects become insertion-ordered maps (a repeated key keeps its
     * first position and its last value, as a Python dict does), integers {@code BigInteger},
     * other numbers {@code Double}.
     *
     * @throws IOException when the text is not one JSON value
     */
    public static Object loads(String text) throws IOException {
        try (JsonParser p = Json.parser(text)) {
            if (p.nextToken() == null) {
                throw new JsonShapeException("empty JSON document");
            }
            Object value = read(p);
            Json.endOfInput(p);
            return value;
        }
    }

    private static Object read(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        switch (t) {
            case START_OBJECT: {
                Map<String, Object> map = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    p.nextToken();
                    map.put(name, read(p));
                }
                return map;
            }
            case START_ARRAY: {
                List<Object> list = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    list.add(read(p));
                }
                return list;
            }
            case VALUE_STRING:
                return p.getText();
            case VALUE_NUMBER_INT:
                return p.getBigIntegerValue();
            case VALUE_NUMBER_FLOAT:
                return p.getDoubleValue();
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return null;
            default:
                throw new JsonShapeException("unexpected JSON token");
        }
    }

    private static void write(StringBuilder out, Object value, String itemSep, String keySep) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String) {
            string(out, (String) value);
        } else if (value instanceof Boolean) {
            out.append(((Boolean) value) ? "true" : "false");
        } else if (value instanceof Double || value instanceof Float) {
            out.append(floatRepr(((Number) value).doubleValue()));
        } else if (value instanceof Integer || value instanceof Long || value instanceof Short
                || value instanceof Byte || value instanceof BigInteger) {
            out.append(value);
        } else if (value instanceof Map) {
            Map<?, ?> map = (Map<?, ?>) value;
            List<String> keys = new ArrayList<>(map.size());
            for (Object k : map.keySet()) {
                if (!(k instanceof String)) {
                    throw new IllegalArgumentException("JSON object keys must be strings");
                }
                keys.add((String) k);
            }
            keys.sort(CODE_POINT_ORDER);
            out.append('{');
            boolean first = true;
            for (String k : keys) {
                if (!first) {
                    out.append(itemSep);
                }
                first = false;
                string(out, k);
                out.append(keySep);
                write(out, map.get(k), itemSep, keySep);
            }
            out.append('}');
        } else if (value instanceof Collection) {
            out.append('[');
            boolean first = true;
            for (Object item : (Collection<?>) value) {
                if (!first) {
                    out.append(itemSep);
                }
                first = false;
                write(out, item, itemSep, keySep);
            }
            out.append(']');
        } else {
            throw new IllegalArgumentException(new StringBuilder("not a JSON value: ")
                    .append(value.getClass().getName()).toString());
        }
    }

    private static void string(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"':
                    out.append("\\\"");
                    break;
                case '\\':
                    out.append("\\\\");
                    break;
                case '\n':
                    out.append("\\n");
                    break;
                case '\r':
                    out.append("\\r");
                    break;
                case '\t':
                    out.append("\\t");
                    break;
                case '\b':
                    out.append("\\b");
                    break;
                case '\f':
                    out.append("\\f");
                    break;
                default:
                    if (c < 0x20 || c > 0x7e) {
                        out.append("\\u").append(HEX[(c >> 12) & 0xf]).append(HEX[(c >> 8) & 0xf])
                                .append(HEX[(c >> 4) & 0xf]).append(HEX[c & 0xf]);
                    } else {
                        out.append(c);
                    }
            }
        }
        out.append('"');
    }

    /**
     * Python's {@code repr(float)}: the shortest digits that read back as the same double
     * (closest to the exact value among equally short ones), positional when the decimal point
     * position is in (-4, 16], scientific otherwise ({@code 1e+16}, {@code 1.5e-05}). The digits
     * are searched directly because {@code Double.toString} is not always shortest before JDK 19
     * ({@code 4.9E-324} where Python prints {@code 5e-324}).
     */
    static String floatRepr(double d) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "Infinity" : "-Infinity";
        }
        if (d == 0) {
            return (1 / d < 0) ? "-0.0" : "0.0";
        }
        BigDecimal exact = new BigDecimal(Math.abs(d));
        BigDecimal shortest = exact;
        for (int precision = 1; precision <= 17; precision++) {
            BigDecimal candidate = exact.round(new MathContext(precision, RoundingMode.HALF_EVEN));
            if (candidate.doubleValue() == Math.abs(d)) {
                shortest = candidate;
                break;
            }
        }
        shortest = shortest.stripTrailingZeros();
        String digits = shortest.unscaledValue().toString();
        int decpt = digits.length() - shortest.scale(); // value = 0.digits * 10^decpt
        StringBuilder out = new StringBuilder();
        if (d < 0) {
            out.append('-');
        }
        if (decpt > -4 && decpt <= 16) {
            if (decpt <= 0) {
                out.append("0.");
                for (int i = decpt; i < 0; i++) {
                    out.append('0');
                }
                out.append(digits);
            } else if (decpt >= digits.length()) {
                out.append(digits);
                for (int i = digits.length(); i < decpt; i++) {
                    out.append('0');
                }
                out.append(".0");
            } else {
                out.append(digits, 0, decpt).append('.').append(digits, decpt, digits.length());
            }
        } else {
            out.append(digits.charAt(0));
            if (digits.length() > 1) {
                out.append('.').append(digits, 1, digits.length());
            }
            int exp = decpt - 1;
            out.append(exp < 0 ? "e-" : "e+");
            int abs = Math.abs(exp);
            if (abs < 10) {
                out.append('0');
            }
            out.append(abs);
        }
        return out.toString();
    }
}
