package io.ssokit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.utils.AttributedString;
import org.junit.jupiter.api.Test;

/** The profile picker driven by key bytes on a JLine terminal over streams. */
class UsePickerTest {
    private static final List<UsePicker.Item> ITEMS = List.of(
            new UsePicker.Item("default", "region eu-west-1"),
            new UsePicker.Item("dev", "Development (111111111111) Developer"),
            new UsePicker.Item("prod", "Production (333333333333) ReadOnly"),
            new UsePicker.Item("$(touch pwned)\u001b[31m", "access keys"));

    /**
     * Types {@code keys} once the picker has drawn its first screen: the terminal is a real pty, and
     * bytes that arrived before raw mode would be read by the line discipline as typed at a shell.
     */
    private static String pick(String keys, String current, ByteArrayOutputStream screen) throws Exception {
        PipedOutputStream typing = new PipedOutputStream();
        PipedInputStream in = new PipedInputStream(typing, 4096);
        SynchronizedScreen drawn = new SynchronizedScreen(screen);
        Thread typist = new Thread(() -> {
            try {
                drawn.await("profile: ");
                typing.write(keys.getBytes(StandardCharsets.UTF_8));
                typing.flush();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, "typist");
        try (Terminal t = TerminalBuilder.builder().system(false).type("xterm-256color").size(new Size(80, 24))
                .streams(in, drawn).build()) {
            typist.start();
            return new UsePicker(ITEMS, current).run(t);
        } finally {
            typist.join(5000);
            typing.close();
        }
    }

    /** The terminal's output, which the typist watches for the first screen. */
    private static final class SynchronizedScreen extends java.io.OutputStream {
        private final ByteArrayOutputStream sink;

        SynchronizedScreen(ByteArrayOutputStream sink) {
            this.sink = sink;
        }

        @Override
        public synchronized void write(int b) {
            sink.write(b);
            notifyAll();
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            sink.write(b, off, len);
            notifyAll();
        }

        synchronized void await(String text) throws InterruptedException {
            long deadline = System.currentTimeMillis() + 10_000;
            while (!sink.toString(StandardCharsets.UTF_8).contains(text)) {
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) {
                    throw new IllegalStateException("the picker never drew its screen");
                }
                wait(left);
            }
        }
    }

    private static String pick(String keys) throws Exception {
        return pick(keys, null, new ByteArrayOutputStream());
    }

    @Test
    void enterChoosesTheHighlightedProfile() throws Exception {
        assertEquals("default", pick("\r"));
        assertEquals("dev", pick("\033[B\r"));
        assertEquals("prod", pick("\033[B\033[B\r"));
        assertEquals("dev", pick("\033[B\033[B\033[A\r"));
        assertEquals("dev", pick("\u000e\r"), "Ctrl-N");
        assertEquals("prod", pick("\r", "prod", new ByteArrayOutputStream()), "starts on the current profile");
    }

    @Test
    void typingFilters() throws Exception {
        assertEquals("prod", pick("333\r"), "details match too");
        assertEquals("prod", pick("PRO\r"), "case-insensitive");
        assertEquals("dev", pick("dexx\u007f\u007fv\r"), "backspace edits the filter");
        assertEquals("default", pick("zzz\u0015\r"), "Ctrl-U clears it");
        assertEquals("dev", pick("zzz\r\u0015dev\r"), "Enter on no match does nothing");
    }

    @Test
    void cancelKeysChooseNothing() throws Exception {
        assertNull(pick("\u0003"), "Ctrl-C");
        assertNull(pick("\u0004"), "Ctrl-D");
        assertNull(pick("\u0007"), "Ctrl-G");
        assertNull(pick("\033"), "Esc");
    }

    @Test
    void drawsOnTheTerminalAndNeverEchoesControlCharacters() throws Exception {
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        assertEquals("$(touch pwned)\u001b[31m", pick("pwn\r", null, screen));
        String drawn = screen.toString(StandardCharsets.UTF_8);
        assertTrue(drawn.contains("$(touch pwned)?[31m"), "an ESC in a name is shown as '?'");
        assertFalse(drawn.contains("pwned)\u001b[31m"), drawn);
    }

    @Test
    void longListsScrollWithTheSelection() {
        List<UsePicker.Item> many = new java.util.ArrayList<>();
        for (int i = 0; i < 40; i++) {
            many.add(new UsePicker.Item("p" + i, ""));
        }
        UsePicker p = new UsePicker(many, "p30");
        List<AttributedString> lines = p.lines(10, 40);
        assertEquals(10, lines.size(), "the filter line and 9 rows on a 10-row terminal");
        assertTrue(lines.stream().anyMatch(l -> l.toString().startsWith("> p30")), lines.toString());
        p.move(100);
        assertTrue(p.lines(10, 40).get(9).toString().startsWith("> p39"));
    }

    @Test
    void thePromptNamesWhatIsChosen() {
        UsePicker p = new UsePicker(List.of(new UsePicker.Item("Staging (222222222222)", "")), null, "account");
        p.type("Prod");
        List<AttributedString> lines = p.lines(24, 80);
        assertEquals("account: Prod", lines.get(0).toString());
        assertTrue(lines.get(1).toString().contains("no account matches"), lines.toString());
    }

    @Test
    void roleProfilesReadAsRoleAccountAndSource() {
        assertEquals("Deployer in 222222222222 via dev",
                UsePickerCommand.roleDetail("arn:aws:iam::222222222222:role/Deployer", "dev", null));
        assertEquals("Deployer in 222222222222 via Environment",
                UsePickerCommand.roleDetail("arn:aws:iam::222222222222:role/team/ci/Deployer", null, "Environment"));
        assertEquals("arn:aws-cn:s3:::bucket via dev", UsePickerCommand.roleDetail("arn:aws-cn:s3:::bucket", "dev", null),
                "what is not a role ARN is shown as it is");
        assertEquals("not an arn", UsePickerCommand.roleDetail("not an arn", null, null));
    }
}
