package io.ssokit.sso;

import io.ssokit.json.CacheFileException;
import java.nio.file.Path;

/** Loads each given token file and prints "ok" or the problem and message, one line each. */
public final class ReadAsMain {
    private ReadAsMain() {
    }

    public static void main(String[] args) {
        for (String arg : args) {
            Path file = Path.of(arg);
            String key = file.getFileName().toString().replace(".json", "");
            try {
                new TokenCache(file.getParent()).load(key).orElseThrow();
                System.out.println("ok");
            } catch (CacheFileException e) {
                System.out.println(e.problem() + " " + e.getMessage());
            }
        }
    }
}
