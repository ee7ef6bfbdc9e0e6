package io.ssokit.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ssokit.testing.RealShell;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * The real thing: hostile values rendered by a dialect, evaluated by the real shell the way users
 * do it ({@code eval "$(...)"}, {@code ... | source}) under strict flags, then printed back by
 * the shell itself and by a child process ({@code env -0}), compared byte for byte. One shell
 * process per batch. The script must exit 0, print nothing of its own on stdout or stderr, remove
 * what it unsets (inherited variables included), leave other variables alone, and create no file
 * (the values try {@code $(touch pwned)} and friends). Half the runs load the script inside a
 * function, as a profile-switcher function does, where the variables must still become global.
 *
 * <p>Everything passed to the shell through argv or the environment is ASCII, so the test does not
 * depend on the JVM's locale; the hostile values travel only inside the UTF-8 script file.
 */
class RealShellRoundTripTest {
    private static final String PREFIX = "SSOKIT_RT_";
    private static final Map<String, AtomicLong> STRINGS = new ConcurrentHashMap<>();
    private static final Map<String, AtomicLong> RUNS = new ConcurrentHashMap<>();

    /** Inherited variables: the script unsets the first two; the third must survive untouched. */
    private static final Map<String, String> INHERITED = Map.of(
            PREFIX + "PRE0", "inherited 'zero' $HOME", PREFIX + "PRE1", "", PREFIX + "PRE2", "kept; `x` \\ \"y\"");

    private enum Target {
        BASH("bash", Dialects.BASH), DASH("dash", Dialects.BASH), ZSH("zsh", Dialects.ZSH), FISH("fish", Dialects.FISH);

        final String tool;
        final Dialect dialect;

        Target(String tool, Dialect dialect) {
            this.tool = tool;
            this.dialect = dialect;
        }
    }

    @Provide
    Arbitrary<List<String>> batch() {
        return Hostile.strings().list().ofMinSize(2).ofMaxSize(16);
    }

    @Provide
    Arbitrary<String> locale() {
        return Arbitraries.of("C.UTF-8", "C");
    }

    @Property(tries = 200)
    @RealShell.Requires("bash")
    void bash(@ForAll("batch") List<String> values, @ForAll("locale") String locale, @ForAll boolean inFunction) throws IOException {
        roundTrip(Target.BASH, values, locale, false, inFunction);
    }

    /** The bash dialect is plain POSIX: dash (Debian's /bin/sh) must read it too. */
    @Property(tries = 100)
    @RealShell.Requires("dash")
    void dash(@ForAll("batch") List<String> values, @ForAll("locale") String locale, @ForAll boolean inFunction) throws IOException {
        roundTrip(Target.DASH, values, locale, false, inFunction);
    }

    /** Half the runs with RC_QUOTES, a user option that gives {@code ''} a meaning inside quotes. */
    @Property(tries = 200)
    @RealShell.Requires("zsh")
    void zsh(@ForAll("batch") List<String> values, @ForAll("locale") String locale, @ForAll boolean rcQuotes,
            @ForAll boolean inFunction) throws IOException {
        roundTrip(Target.ZSH, values, locale, rcQuotes, inFunction);
    }

    @Property(tries = 150)
    @RealShell.Requires("fish")
    void fish(@ForAll("batch") List<String> values, @ForAll("locale") String locale, @ForAll boolean inFunction) throws IOException {
        roundTrip(Target.FISH, values, locale, false, inFunction);
    }

    @AfterContainer
    static void report() {
        for (Map.Entry<String, AtomicLong> e : new TreeMap<>(STRINGS).entrySet()) {
            System.out.println("real-shell round trip: " + e.getKey() + ": " + e.getValue() + " generated strings in "
                    + RUNS.get(e.getKey()) + " shell processes");
        }
    }

    private static void roundTrip(Target target, List<String> values, String locale, boolean rcQuotes, boolean inFunction)
            throws IOException {
        RealShell.require(target.tool);
        List<EnvOp> ops = new ArrayList<>();
        Map<String, String> want = new LinkedHashMap<>();
        for (int i = 0; i < values.size(); i++) {
            ops.add(new EnvOp.Set(PREFIX + "V" + i, values.get(i)));
            want.put(PREFIX + "V" + i, values.get(i));
        }
        ops.add(new EnvOp.Set(PREFIX + "W", values.get(0)));
        ops.add(new EnvOp.Unset(PREFIX + "W"));
        ops.add(new EnvOp.Unset(PREFIX + "PRE0"));
        ops.add(new EnvOp.Unset(PREFIX + "PRE1"));
        ops.add(new EnvOp.Unset(PREFIX + "NEVER"));
        want.put(PREFIX + "PRE2", INHERITED.get(PREFIX + "PRE2"));
        List<String> names = new ArrayList<>(want.keySet());
        names.addAll(List.of(PREFIX + "W", PREFIX + "PRE0", PREFIX + "PRE1", PREFIX + "NEVER"));

        Path dir = Files.createTempDirectory("ssokit-rt");
        try {
            Path script = dir.resolve("rendered");
            Files.write(script, target.dialect.render(ops).getBytes(StandardCharsets.UTF_8));
            Path home = Files.createDirectory(dir.resolve("home"));
            Path work = Files.createDirectory(dir.resolve("work"));
            Map<String, String> env = new TreeMap<>(INHERITED);
            env.put("PATH", System.getenv("PATH"));
            env.put("HOME", home.toString());
            env.put("LANG", locale);
            env.put("LC_ALL", locale);
            env.put("XDG_CONFIG_HOME", home.resolve("config").toString());
            env.put("XDG_DATA_HOME", home.resolve("data").toString());
            env.put("XDG_CACHE_HOME", home.resolve("cache").toString());
            env.put("RT_SCRIPT", script.toString());

            RealShell.Result r = RealShell.run(command(target, names, rcQuotes, inFunction), env, work, new byte[0]);

            assertEquals("", r.errText(), target + ": stderr must be empty");
            assertEquals(0, r.exit(), target + ": exit status");
            List<String> fields = fields(r.out());
            assertTrue(fields.size() >= names.size(), target + ": too few fields");
            Map<String, String> shellView = new LinkedHashMap<>();
            for (int i = 0; i < names.size(); i++) {
                String f = fields.get(i);
                if (f.startsWith("S")) {
                    shellView.put(names.get(i), f.substring(1));
                } else {
                    assertEquals("U", f, target + ": marker");
                }
            }
            Map<String, String> childView = new LinkedHashMap<>();
            for (String f : fields.subList(names.size(), fields.size())) {
                int eq = f.indexOf('=');
                assertTrue(eq > 0, "env -0 field without '=': only the test's own output may be printed");
                if (f.startsWith(PREFIX)) {
                    childView.put(f.substring(0, eq), f.substring(eq + 1));
                }
            }
            assertEquals(sorted(want), sorted(shellView), target + ": the shell's own view");
            assertEquals(sorted(want), sorted(childView), target + ": the environment a child process gets");
            try (Stream<Path> created = Files.list(work)) {
                assertEquals(List.of(), created.toList(), target + ": the script must not create files");
            }
            STRINGS.computeIfAbsent(target.tool, k -> new AtomicLong()).addAndGet(values.size());
            RUNS.computeIfAbsent(target.tool, k -> new AtomicLong()).incrementAndGet();
        } finally {
            try (Stream<Path> all = Files.walk(dir)) {
                all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** The user's way of loading our output, then one NUL-terminated field per variable, then env -0. */
    private static List<String> command(Target target, List<String> names, boolean rcQuotes, boolean inFunction) {
        StringBuilder sb = new StringBuilder();
        if (target == Target.FISH) {
            sb.append(inFunction ? "function load\n    cat $RT_SCRIPT | source\nend\nload\n" : "cat $RT_SCRIPT | source\n");
            for (String n : names) {
                sb.append("if set -q ").append(n).append("; printf 'S%s\\0' \"$").append(n).append("\"; else; printf 'U\\0'; end\n");
            }
            sb.append("env -0\n");
            return List.of(target.tool, "--no-config", "-c", sb.toString());
        }
        if (rcQuotes) {
            sb.append("setopt rc_quotes\n");
        }
        sb.append(inFunction ? "load() { eval \"$(cat \"$RT_SCRIPT\")\"; }\nload\n" : "eval \"$(cat \"$RT_SCRIPT\")\"\n");
        for (String n : names) {
            sb.append("if [ -n \"${").append(n).append("+x}\" ]; then printf 'S%s\\0' \"$").append(n)
                    .append("\"; else printf 'U\\0'; fi\n");
        }
        sb.append("env -0\n");
        return switch (target) {
            case BASH -> List.of("bash", "--noprofile", "--norc", "-e", "-u", "-o", "pipefail", "-c", sb.toString());
            case ZSH -> List.of("zsh", "--no-rcs", "-e", "-u", "-c", sb.toString());
            case DASH -> List.of("dash", "-e", "-u", "-c", sb.toString());
            case FISH -> throw new IllegalStateException();
        };
    }

    /** NUL-terminated fields, each strictly decoded as UTF-8 so that mangled bytes fail loudly. */
    private static List<String> fields(byte[] out) {
        List<String> fields = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < out.length; i++) {
            if (out[i] == 0) {
                fields.add(utf8(out, start, i - start));
                start = i + 1;
            }
        }
        assertEquals(out.length, start, "output must end with a NUL-terminated field");
        return fields;
    }

    private static String utf8(byte[] b, int off, int len) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b, off, len)).toString();
        } catch (CharacterCodingException e) {
            throw new UncheckedIOException("shell printed bytes that are not UTF-8", e);
        }
    }

    private static Map<String, String> sorted(Map<String, String> m) {
        return new TreeMap<>(m);
    }
}
