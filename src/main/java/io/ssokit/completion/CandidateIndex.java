package io.ssokit.completion;

import io.ssokit.Env;
import io.ssokit.Log;
import io.ssokit.SsokitException;
import io.ssokit.config.AtomicFiles;
import io.ssokit.lock.FileLocks;
import io.ssokit.sso.Instance;
import io.ssokit.sso.Portal;
import io.ssokit.sso.PortalRole;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The accounts and roles that completion offers, saved whenever ssokit lists them (login, roles,
 * configure), so that TAB reads a small file instead of starting the JVM or calling AWS.
 *
 * <p>The file is {@code ~/.aws/sso/ssokit-candidates.tsv} (next to the SSO token cache the listing
 * came from), or {@code $SSOKIT_CANDIDATE_INDEX}. It is written atomically, 0600, under a lock. One
 * line per account, fields separated by a TAB, lines starting with {@code #} ignored:
 *
 * <pre>
 * start URL  SSO region  account id  account name  role name  role name ...
 * </pre>
 *
 * TAB, CR, LF and other control characters in names are written as spaces, so a line is always
 * one account. Lines are sorted by start URL, then account id. Readers take at least four fields
 * and ignore what they do not understand; a later version adds fields at the end only.
 *
 * <p>Saving never fails the command that listed: the index is a cache, so a problem writing it is
 * reported at debug level only.
 */
public final class CandidateIndex {
    /** Overrides the location of the index (tests, or a home without ~/.aws). */
    public static final String LOCATION_VARIABLE = "SSOKIT_CANDIDATE_INDEX";

    static final String HEADER = "# ssokit completion candidates v1: start URL, SSO region, account id, account name,"
            + " role names; TAB-separated, one account per line (docs/completion.md)";

    private static final Duration LOCK_TIMEOUT = Duration.ofSeconds(5);

    private CandidateIndex() {
    }

    /**
     * An account as a listing found it.
     *
     * @param name the account name, or null when the listing did not learn it (then a name already
     *     in the index is kept)
     * @param roles the role names the user has in it
     */
    public record Account(String id, String name, List<String> roles) {
        public Account {
            if (id == null || id.isEmpty()) {
                throw new IllegalArgumentException("an account needs an id");
            }
            roles = List.copyOf(roles);
        }
    }

    /** One line of the index. */
    public record Row(String startUrl, String region, String accountId, String accountName, List<String> roles) {
        public Row {
            roles = List.copyOf(roles);
        }
    }

    /** Where the index is: {@code $SSOKIT_CANDIDATE_INDEX}, else {@code ~/.aws/sso/ssokit-candidates.tsv}. */
    public static Path path(Env env) {
        String p = env.get(LOCATION_VARIABLE);
        return p != null ? env.expand(p) : env.home().resolve(".aws").resolve("sso").resolve("ssokit-candidates.tsv");
    }

    /**
     * Saves a complete listing of an instance: its accounts and roles replace what the index had
     * for that instance (so accounts the user lost disappear); other instances are kept.
     */
    public static void record(Env env, Log log, Instance instance, Collection<Account> accounts) {
        update(env, log, instance, accounts, true);
    }

    /**
     * Saves part of a listing (filtered by account or role): its accounts are added, their roles
     * joined with those already known; nothing is removed.
     */
    public static void add(Env env, Log log, Instance instance, Collection<Account> accounts) {
        update(env, log, instance, accounts, false);
    }

    /**
     * Saves what a portal listing found (rows of account and role, as {@link Portal#roles} and
     * {@link Portal#rolesOfAccounts} return them): with {@code complete} (nothing filtered the
     * listing) like {@link #record}, else like {@link #add}. The placeholder name {@link
     * Portal#UNKNOWN_NAME} of accounts queried by id keeps the name the index already has.
     */
    public static void save(Env env, Log log, Instance instance, List<PortalRole> rows, boolean complete) {
        Map<String, List<String>> roles = new LinkedHashMap<>();
        Map<String, String> names = new LinkedHashMap<>();
        for (PortalRole r : rows) {
            roles.computeIfAbsent(r.accountId(), k -> new ArrayList<>()).add(r.roleName());
            if (r.accountName() != null && !r.accountName().equals(Portal.UNKNOWN_NAME)) {
                names.put(r.accountId(), r.accountName());
            }
        }
        List<Account> accounts = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : roles.entrySet()) {
            accounts.add(new Account(e.getKey(), names.get(e.getKey()), e.getValue()));
        }
        update(env, log, instance, accounts, complete);
    }

    /** The rows of the index; empty when there is none or it cannot be read. */
    public static List<Row> read(Env env) {
        try {
            return parse(Files.readString(path(env), StandardCharsets.UTF_8));
        } catch (IOException | UncheckedIOException e) {
            return List.of();
        }
    }

    private static void update(Env env, Log log, Instance instance, Collection<Account> accounts, boolean replace) {
        Path file = path(env);
        try (FileLocks.Held lock = FileLocks.acquire(file.resolveSibling("." + file.getFileName() + ".lock"), LOCK_TIMEOUT)) {
            List<Row> rows = new ArrayList<>();
            List<Row> mine = new ArrayList<>();
            for (Row r : existing(file)) {
                (r.startUrl().equals(clean(instance.startUrl())) ? mine : rows).add(r);
            }
            if (replace) {
                mine.clear();
            }
            for (Account a : accounts) {
                merge(mine, instance, a);
            }
            rows.addAll(mine);
            rows.sort(Comparator.comparing(Row::startUrl).thenComparing(Row::accountId));
            AtomicFiles.write(file, render(rows));
            log.trace("saved " + mine.size() + " accounts of " + instance.startUrl() + " for completion in " + file);
        } catch (SsokitException | IOException | UncheckedIOException e) {
            log.debug("completion candidates not saved in " + file + ": " + e.getMessage());
        }
    }

    private static void merge(List<Row> mine, Instance instance, Account a) {
        String id = clean(a.id());
        TreeSet<String> roles = new TreeSet<>();
        for (String r : a.roles()) {
            if (r != null && !clean(r).isEmpty()) {
                roles.add(clean(r));
            }
        }
        String name = a.name() == null ? null : clean(a.name());
        for (int i = 0; i < mine.size(); i++) {
            Row old = mine.get(i);
            if (old.accountId().equals(id)) {
                roles.addAll(old.roles());
                mine.set(i, new Row(old.startUrl(), clean(instance.region()), id,
                        name == null ? old.accountName() : name, List.copyOf(roles)));
                return;
            }
        }
        mine.add(new Row(clean(instance.startUrl()), clean(instance.region()), id, name == null ? "" : name,
                List.copyOf(roles)));
    }

    private static List<Row> existing(Path file) throws IOException {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (java.nio.charset.MalformedInputException e) {
            // not ours or damaged: start again rather than fail every listing from now on
            return List.of();
        }
    }

    static List<Row> parse(String text) {
        List<Row> rows = new ArrayList<>();
        for (String line : text.split("\r?\n")) {
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t", -1);
            if (f.length < 4 || f[2].isEmpty()) {
                continue;
            }
            List<String> roles = new ArrayList<>();
            for (String r : Arrays.asList(f).subList(4, f.length)) {
                if (!r.isEmpty()) {
                    roles.add(r);
                }
            }
            rows.add(new Row(f[0], f[1], f[2], f[3], roles));
        }
        return rows;
    }

    static String render(List<Row> rows) {
        StringBuilder sb = new StringBuilder(HEADER.length() + 96 * rows.size()).append(HEADER).append('\n');
        for (Row r : rows) {
            sb.append(r.startUrl()).append('\t').append(r.region()).append('\t').append(r.accountId()).append('\t')
                    .append(r.accountName());
            for (String role : r.roles()) {
                sb.append('\t').append(role);
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /** One field: control characters (TAB, CR, LF...) become spaces, so that a line stays one account. */
    static String clean(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            sb.append(c < 0x20 || c == 0x7f ? ' ' : c);
        }
        return sb.toString().strip();
    }
}
