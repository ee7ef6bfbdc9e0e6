package io.ssokit.json;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * The timestamps in the AWS CLI's cache files.
 *
 * <p>Writers disagree: the AWS CLI writes {@code 2024-06-03T02:10:44Z}, the Java SDK writes
 * {@code DateTimeFormatter.ISO_INSTANT} (with fractional seconds when there are any), Python's
 * {@code isoformat()} gives {@code +00:00} and microseconds, and botocore's old
 * {@code strftime('%Y-%m-%dT%H:%M:%S%Z')} gives {@code 2024-06-03T02:10:44UTC}. Readers (botocore
 * uses dateutil) accept all of them, so {@link #parse} does too. We always write the CLI's form.
 *
 * <p>Hand-parsed rather than through {@code DateTimeFormatter}: the formatter machinery is a
 * noticeable share of class loading on the credential-process hot path.
 */
public final class Timestamps {
    private Timestamps() {
    }

    /**
     * Parses an ISO-8601 date-time: {@code T}, {@code t} or a space between date and time; optional
     * seconds and fraction ({@code .} or {@code ,}, any number of digits, beyond nanoseconds
     * truncated); zone {@code Z}, {@code UTC}, {@code GMT}, {@code ±HH}, {@code ±HHMM},
     * {@code ±HH:MM}, or none at all, which is taken as UTC (the CLI's files are always UTC).
     *
     * @throws IllegalArgumentException when the text is not such a timestamp
     */
    public static Instant parse(String text) {
        String s = text.strip();
        try {
            Cursor c = new Cursor(s);
            int year = c.digits(4);
            c.expect('-');
            int month = c.digits(2);
            c.expect('-');
            int day = c.digits(2);
            char sep = c.next();
            if (sep != 'T' && sep != 't' && sep != ' ') {
                throw c.fail();
            }
            int hour = c.digits(2);
            c.expect(':');
            int minute = c.digits(2);
            int second = 0;
            int nanos = 0;
            if (c.peek() == ':') {
                c.next();
                second = c.digits(2);
                if (c.peek() == '.' || c.peek() == ',') {
                    c.next();
                    nanos = c.fraction();
                }
            }
            int offsetSeconds = c.zone();
            if (!c.atEnd()) {
                throw c.fail();
            }
            LocalDateTime local = LocalDateTime.of(year, month, day, hour, minute, second);
            long epochSecond = local.toEpochSecond(ZoneOffset.UTC) - offsetSeconds;
            return Instant.ofEpochSecond(epochSecond, nanos);
        } catch (DateTimeException | IndexOutOfBoundsException e) {
            throw invalid(text);
        }
    }

    /** {@code YYYY-MM-DDTHH:MM:SSZ} in UTC, fraction truncated: exactly what the AWS CLI writes. */
    public static String format(Instant instant) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), 0, ZoneOffset.UTC);
        StringBuilder b = new StringBuilder(20);
        pad(b, t.getYear(), 4).append('-');
        pad(b, t.getMonthValue(), 2).append('-');
        pad(b, t.getDayOfMonth(), 2).append('T');
        pad(b, t.getHour(), 2).append(':');
        pad(b, t.getMinute(), 2).append(':');
        pad(b, t.getSecond(), 2).append('Z');
        return b.toString();
    }

    private static StringBuilder pad(StringBuilder b, int value, int width) {
        String digits = Integer.toString(value);
        for (int i = digits.length(); i < width; i++) {
            b.append('0');
        }
        return b.append(digits);
    }

    private static IllegalArgumentException invalid(String text) {
        String shown = text.length() > 40 ? text.substring(0, 40).concat("...") : text;
        return new IllegalArgumentException(
                new StringBuilder("not an ISO-8601 timestamp: '").append(shown).append('\'').toString());
    }

    /** A read position in the text; any malformation surfaces as a DateTimeException. */
    private static final class Cursor {
        private final String s;
        private int i;

        Cursor(String s) {
            this.s = s;
        }

        boolean atEnd() {
            return i >= s.length();
        }

        char peek() {
            return atEnd() ? '\0' : s.charAt(i);
        }

        char next() {
            if (atEnd()) {
                throw fail();
            }
            return s.charAt(i++);
        }

        void expect(char ch) {
            if (next() != ch) {
                throw fail();
            }
        }

        int digits(int n) {
            int v = 0;
            for (int k = 0; k < n; k++) {
                char ch = next();
                if (ch < '0' || ch > '9') {
                    throw fail();
                }
                v = v * 10 + (ch - '0');
            }
            return v;
        }

        int fraction() {
            int nanos = 0;
            int count = 0;
            while (!atEnd() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                if (count < 9) {
                    nanos = nanos * 10 + (s.charAt(i) - '0');
                }
                count++;
                i++;
            }
            if (count == 0) {
                throw fail();
            }
            for (int k = count; k < 9; k++) {
                nanos *= 10;
            }
            return nanos;
        }

        /** The zone's offset east of UTC in seconds. */
        int zone() {
            if (atEnd()) {
                return 0;
            }
            char ch = peek();
            if (ch == 'Z' || ch == 'z') {
                i++;
                return 0;
            }
            if (ch == '+' || ch == '-') {
                i++;
                int hours = digits(2);
                int minutes = 0;
                if (peek() == ':') {
                    i++;
                    minutes = digits(2);
                } else if (!atEnd()) {
                    minutes = digits(2);
                }
                if (hours > 18 || minutes > 59) {
                    throw fail();
                }
                int offset = hours * 3600 + minutes * 60;
                return ch == '-' ? -offset : offset;
            }
            if (ch == ' ') {
                i++;
            }
            String rest = s.substring(i);
            if (rest.equalsIgnoreCase("UTC") || rest.equalsIgnoreCase("GMT")) {
                i = s.length();
                return 0;
            }
            throw fail();
        }

        DateTimeException fail() {
            return new DateTimeException("malformed");
        }
    }
}
