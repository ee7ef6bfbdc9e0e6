package io.ssokit.completion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ssokit.Env;
import io.ssokit.Log;
import io.ssokit.sso.Instance;
import io.ssokit.sso.Portal;
import io.ssokit.sso.PortalRole;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CandidateIndexTest {
    static final Instance A = Instance.legacy("https://a.awsapps.com/start", "us-east-1");
    static final Instance B = Instance.session("corp", "https://b.awsapps.com/start", "eu-west-1", null);

    @TempDir
    Path home;

    Env env() {
        return new Env(Map.of("HOME", home.toString()), home);
    }

    static CandidateIndex.Account account(String id, String name, String... roles) {
        return new CandidateIndex.Account(id, name, List.of(roles));
    }

    String text() throws Exception {
        return Files.readString(CandidateIndex.path(env()), StandardCharsets.UTF_8);
    }

    @Test
    void recordReplacesAnInstanceAndKeepsTheOthers() throws Exception {
        Log log = Log.silent();
        CandidateIndex.record(env(), log, B, List.of(account("333333333333", "Other", "B1")));
        CandidateIndex.record(env(), log, A, List.of(account("222222222222", "Staging", "ReadOnly", "Developer"),
                account("111111111111", "Development", "ReadOnly")));
        assertEquals(CandidateIndex.HEADER + "\n"
                + "https://a.awsapps.com/start\tus-east-1\t111111111111\tDevelopment\tReadOnly\n"
                + "https://a.awsapps.com/start\tus-east-1\t222222222222\tStaging\tDeveloper\tReadOnly\n"
                + "https://b.awsapps.com/start\teu-west-1\t333333333333\tOther\tB1\n", text(), "sorted by URL, id; roles sorted");
        CandidateIndex.record(env(), log, A, List.of(account("111111111111", "Development", "Admin")));
        assertEquals(CandidateIndex.HEADER + "\n"
                + "https://a.awsapps.com/start\tus-east-1\t111111111111\tDevelopment\tAdmin\n"
                + "https://b.awsapps.com/start\teu-west-1\t333333333333\tOther\tB1\n", text(), "an account no longer listed goes");
    }

    @Test
    void addJoinsRolesAndKeepsKnownNames() throws Exception {
        Log log = Log.silent();
        CandidateIndex.record(env(), log, A, List.of(account("111111111111", "Development", "ReadOnly")));
        CandidateIndex.add(env(), log, A, List.of(account("111111111111", null, "Admin"), account("222222222222", null, "X")));
        List<CandidateIndex.Row> rows = CandidateIndex.read(env());
        assertEquals(List.of(
                new CandidateIndex.Row(A.startUrl(), "us-east-1", "111111111111", "Development", List.of("Admin", "ReadOnly")),
                new CandidateIndex.Row(A.startUrl(), "us-east-1", "222222222222", "", List.of("X"))), rows);
    }

    @Test
    void saveGroupsAPortalListing() {
        List<PortalRole> rows = List.of(new PortalRole("111111111111", "Dev", "ReadOnly"),
                new PortalRole("111111111111", "Dev", "Admin"), new PortalRole("222222222222", Portal.UNKNOWN_NAME, "R"));
        CandidateIndex.save(env(), Log.silent(), A, rows, true);
        assertEquals(List.of(
                new CandidateIndex.Row(A.startUrl(), "us-east-1", "111111111111", "Dev", List.of("Admin", "ReadOnly")),
                new CandidateIndex.Row(A.startUrl(), "us-east-1", "222222222222", "", List.of("R"))), CandidateIndex.read(env()));
        CandidateIndex.save(env(), Log.silent(), A, List.of(new PortalRole("333333333333", "New", "N")), false);
        assertEquals(3, CandidateIndex.read(env()).size(), "a filtered listing adds");
    }

    /** A name can never split a line or a field: control characters become spaces. */
    @Test
    void namesWithTabsAndNewlinesStayOneAccount() throws Exception {
        CandidateIndex.record(env(), Log.silent(), A, List.of(account("111111111111", "a\tb\nc\rd\u0000e", "r\tx", "")));
        assertEquals(CandidateIndex.HEADER + "\n" + A.startUrl() + "\tus-east-1\t111111111111\ta b c d e\tr x\n", text());
    }

    @Test
    void writtenPrivatelyWhereTheVariableSays() throws Exception {
        CandidateIndex.record(env(), Log.silent(), A, List.of(account("111111111111", "Dev", "R")));
        Path file = home.resolve(".aws/sso/ssokit-candidates.tsv");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())));

        Env elsewhere = env().with(CandidateIndex.LOCATION_VARIABLE, "~/cache/candidates.tsv");
        assertEquals(home.resolve("cache/candidates.tsv"), CandidateIndex.path(elsewhere));
        CandidateIndex.record(elsewhere, Log.silent(), A, List.of(account("222222222222", "S", "R")));
        assertEquals("222222222222", CandidateIndex.read(elsewhere).get(0).accountId());
    }

    /** The index is a cache: a failure to write it is a debug line, never the listing's failure. */
    @Test
    void aFailureIsReportedAtDebugLevelOnly() throws Exception {
        Files.writeString(home.resolve("a-file"), "");
        Env blocked = env().with(CandidateIndex.LOCATION_VARIABLE, home.resolve("a-file/index.tsv").toString());
        StringWriter quiet = new StringWriter();
        CandidateIndex.record(blocked, new Log(new PrintWriter(quiet), 0), A, List.of(account("1", "x")));
        assertEquals("", quiet.toString());
        StringWriter verbose = new StringWriter();
        CandidateIndex.record(blocked, new Log(new PrintWriter(verbose), 1), A, List.of(account("1", "x")));
        assertTrue(verbose.toString().startsWith("debug: completion candidates not saved in "), verbose.toString());
    }

    @Test
    void aDamagedFileIsStartedAfresh() throws Exception {
        Path file = CandidateIndex.path(env());
        Files.createDirectories(file.getParent());
        Files.write(file, new byte[] {(byte) 0xff, (byte) 0xfe, 'x', '\n'});
        CandidateIndex.record(env(), Log.silent(), A, List.of(account("111111111111", "Dev", "R")));
        assertEquals(1, CandidateIndex.read(env()).size());
        Files.writeString(file, "garbage\nmore\tgarbage\n" + A.startUrl() + "\tus-east-1\t222222222222\tS\tR\n");
        assertEquals(1, CandidateIndex.read(env()).size(), "lines with too few fields are skipped");
    }

    /** Writers of different instances at once (two listings in two shells) lose nothing. */
    @Test
    void concurrentWritersLoseNothing() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                Instance instance = Instance.legacy("https://i" + i + ".awsapps.com/start", "us-east-1");
                String id = String.format("%012d", i);
                done.add(pool.submit(() -> CandidateIndex.record(env(), Log.silent(), instance, List.of(account(id, "n", "r")))));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(16, CandidateIndex.read(env()).size());
    }
}
