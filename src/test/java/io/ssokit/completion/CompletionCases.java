package io.ssokit.completion;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The completion cases every shell must answer alike, over {@link FixtureCommands} and the
 * {@link CompletionFixture} home: the line typed before TAB and the candidates (unquoted, as zsh
 * and fish list them). Shells that differ in form (bash quotes its replies and drops the part of
 * the word readline keeps; fish repeats {@code --option=}) say so through {@link Case#bash} and
 * {@link Case#fish}.
 */
final class CompletionCases {
    private CompletionCases() {
    }

    record Case(String line, List<String> expected, boolean exact, List<String> bash, List<String> fish) {
        Case bashReplies(String... replies) {
            return new Case(line, expected, exact, List.of(replies), fish);
        }

        Case fishReplies(String... replies) {
            return new Case(line, expected, exact, bash, List.of(replies));
        }

        List<String> forBash() {
            return bash != null ? bash : expected;
        }

        List<String> forFish() {
            return fish != null ? fish : expected;
        }
    }

    static Case exactly(String line, String... expected) {
        return new Case(line, List.of(expected), true, null, null);
    }

    /** The candidates include these (command names, file names: the machine decides the rest). */
    static Case including(String line, String... expected) {
        return new Case(line, List.of(expected), false, null, null);
    }

    static List<Case> all() {
        String a = CompletionFixture.URL_A;
        String b = CompletionFixture.URL_B;
        List<Case> c = new ArrayList<>();
        // subcommands: visible ones only (not the hidden credential-process, not the alias ls)
        c.add(exactly("ssokit ", "env", "roles", "run-as", "sandbox", "use"));
        c.add(exactly("ssokit r", "roles", "run-as"));
        c.add(exactly("ssokit sandbox ", "serve"));
        // options of a command, hidden ones left out, negatable ones in both forms
        c.add(exactly("ssokit roles --", "--account-id", "--header", "--no-header", "--output", "--role-name",
                "--sort-by", "--sso-region", "--sso-start-url"));
        c.add(exactly("ssokit roles --acc", "--account-id"));
        c.add(exactly("ssokit use --e", "--env"));
        // enum values (lower case, as typed), declared candidates, toString values
        c.add(exactly("ssokit roles --output ", "csv", "json", "table"));
        c.add(exactly("ssokit ls -o j", "json"));
        c.add(exactly("ssokit roles --output=j", "json").fishReplies("--output=json"));
        c.add(exactly("ssokit roles --sort-by n", "name,role"));
        c.add(exactly("ssokit env --shell ", "bash", "fish", "powershell", "zsh"));
        // profile names from the config and credentials files, botocore's way
        c.add(exactly("ssokit use ", CompletionFixture.ALL_PROFILES.toArray(String[]::new))
                .bashReplies("default", "dev", "dev\\ space", "it\\'s", "prod", "q\\$\\(touch\\ pwned\\)\\`touch\\ pwned2\\`", "static"));
        // a name that is code: quoted, never run (the tests check that no file 'pwned' appears)
        c.add(exactly("ssokit use q", CompletionFixture.HOSTILE).bashReplies("q\\$\\(touch\\ pwned\\)\\`touch\\ pwned2\\`"));
        c.add(exactly("ssokit use \"q", CompletionFixture.HOSTILE).bashReplies("q\\$(touch pwned)\\`touch pwned2\\`"));
        c.add(exactly("ssokit use 'q", CompletionFixture.HOSTILE));
        c.add(exactly("ssokit use de", "default", "dev", "dev space").bashReplies("default", "dev", "dev\\ space"));
        c.add(exactly("ssokit use 'dev s", "dev space"));
        c.add(exactly("ssokit use dev\\ s", "dev space").bashReplies("dev\\ space"));
        c.add(exactly("ssokit use \"it", "it's"));
        c.add(exactly("ssokit use it", "it's").bashReplies("it\\'s"));
        c.add(exactly("ssokit env --profile pr", "prod"));
        c.add(exactly("ssokit credential-process --profile st", "static"));
        // an unknown prefix, an unknown subcommand: nothing, and no error
        c.add(exactly("ssokit use zzz"));
        c.add(exactly("ssokit nosuch "));
        c.add(exactly("ssokit sandbox serve --port "));
        // sso-sessions, regions, start URLs
        c.add(exactly("ssokit env --sso-session ", "corp"));
        c.add(exactly("ssokit env --region eu-w", "eu-west-1", "eu-west-2", "eu-west-3"));
        c.add(exactly("ssokit roles -u ", a, b));
        c.add(exactly("ssokit roles -u https://b", b).bashReplies("//b.awsapps.com/start"));
        // accounts, and roles of the account on the line (by id, by name, by the hidden alias)
        c.add(exactly("ssokit roles --account-id ", "111111111111", "222222222222", "333333333333"));
        c.add(exactly("ssokit roles -a 2", "222222222222"));
        c.add(exactly("ssokit roles --role-name ", "AdministratorAccess", "BOnly", "Developer", "ReadOnly"));
        c.add(exactly("ssokit roles --account-id 111111111111 --role-name ", "AdministratorAccess", "Developer", "ReadOnly"));
        c.add(exactly("ssokit roles -a 222222222222 -r ", "Developer", "ReadOnly"));
        c.add(exactly("ssokit roles -a 'Staging [EU]' -r ", "Developer", "ReadOnly"));
        c.add(exactly("ssokit roles --account 222222222222 -r R", "ReadOnly"));
        c.add(exactly("ssokit roles -a 999999999999 -r "));
        c.add(exactly("ssokit use -a 111111111111 -r D", "Developer"));
        // the instance on the line narrows accounts and roles
        c.add(exactly("ssokit roles -u " + b + " -a ", "333333333333"));
        c.add(exactly("ssokit roles --sso-start-url " + b + " -r ", "BOnly"));
        // a command to run, then its own arguments
        c.add(including("ssokit run-as -a 1 -r x ech", "echo"));
        return c;
    }

    /** The same cases as a map, for lookups by line. */
    static Map<String, Case> byLine() {
        Map<String, Case> m = new LinkedHashMap<>();
        for (Case k : all()) {
            m.put(k.line(), k);
        }
        return m;
    }
}
