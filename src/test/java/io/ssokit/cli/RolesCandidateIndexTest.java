package io.ssokit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ssokit.completion.CandidateIndex;
import io.ssokit.shell.Dialects;
import io.ssokit.testing.CliRun;
import io.ssokit.testing.RealShell;
import io.ssokit.testing.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ssokit roles} keeps the candidate index up to date, and the committed bash script
 * completes accounts and roles from what it wrote.
 */
class RolesCandidateIndexTest {
    @TempDir
    Path home;
    PortalFixture fixture;

    @AfterEach
    void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    private CliRun roles(String... args) {
        String[] argv = new String[args.length + 1];
        argv[0] = "roles";
        System.arraycopy(args, 0, argv, 1, args.length);
        CliRun r = fixture.run(argv);
        assertEquals(0, r.code(), r::toString);
        return r;
    }

    private List<String> lines() throws Exception {
        return CandidateIndex.read(fixture.env()).stream()
                .map(r -> String.join("|", r.startUrl(), r.region(), r.accountId(), r.accountName(), String.join(",", r.roles())))
                .toList();
    }

    @Test
    void aFullListingIsRecordedAndFilteredOnesAddToIt() throws Exception {
        fixture = new PortalFixture(home).defaultInstance();
        fixture.login(PortalFixture.LEGACY);
        String url = PortalFixture.START_URL;
        String region = PortalFixture.REGION;

        roles("-r", "ReadOnly");
        assertEquals(List.of(
                url + "|" + region + "|111111111111|Development|ReadOnly",
                url + "|" + region + "|222222222222|Staging|ReadOnly",
                url + "|" + region + "|333333333333|Production [EU]|ReadOnly"), lines(), "a filtered listing adds");

        roles("-a", "111111111111");
        assertEquals(url + "|" + region + "|111111111111|Development|AdministratorAccess,Developer,ReadOnly", lines().get(0),
                "accounts queried by id (name UNKNOWN) keep the name already known, roles are joined");

        roles();
        assertEquals(List.of(
                url + "|" + region + "|111111111111|Development|AdministratorAccess,Developer,ReadOnly",
                url + "|" + region + "|222222222222|Staging|Developer,ReadOnly",
                url + "|" + region + "|333333333333|Production [EU]|Developer,ReadOnly"), lines(), "a full listing replaces");
        Path index = CandidateIndex.path(fixture.env());
        assertEquals(home.resolve(".aws/sso/ssokit-candidates.tsv"), index);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(index)));
    }

    @Test
    void theBashScriptCompletesWhatRolesRecorded() throws Exception {
        RealShell.require("bash");
        fixture = new PortalFixture(home).defaultInstance();
        fixture.login(PortalFixture.LEGACY);
        roles();
        Path script = Tools.projectDir().resolve("completions/ssokit.bash");
        String driver = "source " + Dialects.BASH.quote(script.toString()) + "\n"
                + "t() { COMP_LINE=\"$*\" COMP_POINT=${#COMP_LINE} COMP_WORDS=(\"$@\") COMP_CWORD=$(($# - 1)) COMPREPLY=();"
                + " _ssokit; printf '%s ' \"${COMPREPLY[@]}\"; echo; }\n"
                + "t ssokit roles --account-id ''\n"
                + "t ssokit roles --account-id 333333333333 --role-name ''\n"
                + "t ssokit check -a \"'Production [EU]'\" -r D\n"
                + "t ssokit check -a 111111111111 -r A\n";
        RealShell.Result r = RealShell.run(List.of("bash", "--noprofile", "--norc", "-u", "-c", driver),
                Map.of("HOME", home.toString(), "PATH", System.getenv("PATH")), home, new byte[0]);
        assertEquals("", r.errText());
        assertEquals("111111111111 222222222222 333333333333 \nDeveloper ReadOnly \nDeveloper \nAdministratorAccess \n",
                r.outText(), "accounts; roles of the account on the line, by id or by its quoted name");
        assertTrue(r.exit() == 0);
    }
}
