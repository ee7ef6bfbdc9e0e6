package io.ssokit.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BindAddressTest {

    @Test
    void aBarePortIsLoopback() {
        BindAddress b = BindAddress.parse("8080");
        assertEquals("127.0.0.1", b.host().getHostAddress());
        assertEquals(8080, b.port());
        assertTrue(b.isLoopback());
        assertEquals("127.0.0.1", b.urlHost());
    }

    @Test
    void hostsAndLiterals() {
        assertEquals("0.0.0.0", BindAddress.parse(":0").host().getHostAddress(), "an empty host is every interface, as in aws-export-credentials");
        assertEquals("127.0.0.1", BindAddress.parse(":0").urlHost(), "clients of a wildcard bind are told loopback");
        assertEquals("[0:0:0:0:0:0:0:1]", BindAddress.parse("[::1]:9").urlHost());
        assertEquals(9, BindAddress.parse("[::1]:9").port());
        assertEquals("127.0.0.2", BindAddress.parse("127.0.0.2:0").urlHost());
        assertTrue(BindAddress.parse("localhost:0").isLoopback());
    }

    @Test
    void badValuesSayWhatIsWrong() {
        for (String bad : new String[] {"", "x", "65536", "-1", "::1:80", "[::1]80", "host.invalid.:80", "1.2.3.4:"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BindAddress.parse(bad), bad);
            assertTrue(e.getMessage().length() > 10, e.getMessage());
        }
    }
}
