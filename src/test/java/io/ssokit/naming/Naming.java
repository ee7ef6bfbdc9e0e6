package io.ssokit.naming;

import io.ssokit.Env;
import io.ssokit.Log;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Test fixtures: an instance, inputs for every region, and a namer with a captured log. */
final class Naming {
    static final InstanceInfo INSTANCE = new InstanceInfo("https://example.awsapps.com/start", "us-east-2", null);

    private Naming() {
    }

    static List<NameInput> inputs(String accountId, String accountName, String role, String... regions) {
        List<NameInput> list = new ArrayList<>();
        for (int i = 0; i < regions.length; i++) {
            list.add(new NameInput(accountId, accountName, role, regions[i], i, regions.length));
        }
        return list;
    }

    static ProfileNamer namer(NamingOptions options) {
        return ProfileNamer.create(options, INSTANCE, new Env(Map.of("PATH", System.getenv("PATH")), Path.of("/nonexistent")),
                Log.silent());
    }

    static List<String> names(NamingOptions options, List<NameInput> inputs) {
        ProfileNamer namer = namer(options);
        return inputs.stream().map(i -> namer.name(i).orElse(ProfileNamer.SKIP)).toList();
    }

    /** A log at the given level that writes into {@code sink}. */
    static Log log(StringWriter sink, int level) {
        return new Log(new PrintWriter(sink, true), level);
    }
}
