package io.ssokit.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ssokit.ExitCodes;
import io.ssokit.SsokitException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OrgLoaderTest {

    @Test
    void theShippedExampleLoads() throws IOException {
        String text;
        try (InputStream in = Org.class.getResourceAsStream("example-org.yaml")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Org org = OrgLoader.parse(text, true, "example-org.yaml");
        assertEquals("https://example.awsapps.com/start", org.instances().get(0).startUrl());
        assertEquals("eu-west-1", org.instances().get(0).region());
        assertEquals(3, org.accounts().size());
        Org.User bob = org.user("bob").orElseThrow();
        assertEquals(List.of("222222222222"), org.accountsFor(bob).stream().map(Org.Account::id).toList());
        assertEquals(List.of("ReadOnly"), org.rolesFor(bob, org.account("222222222222").orElseThrow()));
        Org.IamRole glass = org.account("333333333333").orElseThrow().iamRole("BreakGlass").orElseThrow();
        assertTrue(glass.requireMfa());
        assertEquals(7200, glass.maxSessionDuration());
        assertEquals("aws+111111111111@example.com", org.account("111111111111").orElseThrow().email());
    }

    @Test
    void defaultAndGeneratedOrgs() {
        Org d = Org.defaultOrg();
        assertEquals(Org.DEFAULT_START_URL, d.instances().get(0).startUrl());
        assertEquals(List.of("111111111111", "222222222222", "333333333333"), d.accounts().stream().map(Org.Account::id).toList());
        assertEquals("Production [EU]", d.account("333333333333").orElseThrow().name());
        assertEquals(List.of("AdministratorAccess", "Developer", "ReadOnly"), d.account("111111111111").orElseThrow().roles());
        assertFalse(d.account("222222222222").orElseThrow().roles().contains("AdministratorAccess"));
        assertTrue(d.instance("https://SANDBOX.awsapps.com/start/#/").isPresent());

        Org g = Org.generated(300, 12);
        assertEquals(300, g.accounts().size());
        assertEquals("000000000300", g.accounts().get(299).id());
        assertEquals("Account 0001", g.accounts().get(0).name());
        assertEquals(12, g.accounts().get(0).roles().size());
        assertEquals("Role012", g.accounts().get(0).roles().get(11));
    }

    @Test
    void jsonWorksToo(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("org.json");
        Files.writeString(f, "{\"accounts\":[{\"id\":\"123456789012\",\"name\":\"One\",\"roles\":[\"Admin\"]}],"
                + "\"users\":[{\"name\":\"carol\",\"access\":{\"123456789012\":[\"*\"]}}]}");
        Org org = OrgLoader.load(f);
        assertEquals("carol", org.defaultUser().name());
        assertEquals(List.of("Admin"), org.rolesFor(org.defaultUser(), org.accounts().get(0)));
    }

    @Test
    void errorsNameTheLineAndTheProblem() {
        String yaml = """
                accounts:
                  - id: "111111111111"
                    name: Dev
                    roles: [Developer]
                  - id: "1234"
                    name: Broken
                    roles: [Developer]
                """;
        SsokitException e = assertThrows(SsokitException.class, () -> OrgLoader.parse(yaml, true, "org.yaml"));
        assertEquals(ExitCodes.USAGE, e.exitCode());
        assertTrue(e.getMessage().startsWith("invalid org file org.yaml line 5 (accounts[1]): "), e.getMessage());
        assertTrue(e.getMessage().contains("(accounts[1])"), e.getMessage());
        assertTrue(e.getMessage().contains("account id '1234' must be exactly 12 digits"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));

        String typo = "accounts:\n  - id: \"111111111111\"\n    nmae: Dev\n    roles: [Developer]\n";
        SsokitException t = assertThrows(SsokitException.class, () -> OrgLoader.parse(typo, true, "org.yaml"));
        assertTrue(t.getMessage().startsWith("invalid org file org.yaml line 3 (accounts[0].nmae): unknown field 'nmae'"), t.getMessage());

        SsokitException syntax = assertThrows(SsokitException.class,
                () -> OrgLoader.parse("{\"accounts\": [\n {\"id\": \"111111111111\",,}]}", false, "org.json"));
        assertTrue(syntax.getMessage().startsWith("invalid org file org.json line 2: "), syntax.getMessage());

        SsokitException ref = assertThrows(SsokitException.class, () -> OrgLoader.parse(
                "accounts: [{id: '111111111111', name: A, roles: [Dev]}]\nusers: [{name: zed, access: {'111111111111': [Admin]}}]\n",
                true, "org.yaml"));
        assertTrue(ref.getMessage().contains("user zed has access to role Admin in account 111111111111, which has no such role"),
                ref.getMessage());
    }

    @Test
    void unreadableFile(@TempDir Path dir) {
        SsokitException e = assertThrows(SsokitException.class, () -> OrgLoader.load(dir.resolve("missing.yaml")));
        assertTrue(e.getMessage().startsWith("cannot read org file "), e.getMessage());
        assertEquals(ExitCodes.USAGE, e.exitCode());
    }
}
