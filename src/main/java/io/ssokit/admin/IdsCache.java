package io.ssokit.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ssokit.Log;
import io.ssokit.json.CacheFileException;
import io.ssokit.json.JsonFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code admin lookup}'s cache of the instance and identity store it found (aws-sso-util §5.6):
 * {@code ~/.aws/cli/cache/aws-sso-util-ids-<profile>.json}, or {@code -<account>-<region>.json}
 * when no profile is named; {@code {"InstanceArn": ..., "IdentityStoreId": ...}}, no expiry.
 * A damaged entry is ignored (and rewritten), never fatal.
 */
public final class IdsCache {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path file;
    private final Log log;

    public IdsCache(Path file, Log log) {
        this.file = file;
        this.log = log;
    }

    /**
     * The entry's file in {@code cacheDir}. Characters a file name cannot safely carry
     * (anything but {@code A-Z a-z 0-9 . _ -}) become {@code _}.
     *
     * @param profile the profile named (--profile, AWS_PROFILE), or null
     * @param account the caller's account, used with the region when there is no profile
     */
    public static Path file(Path cacheDir, String profile, String account, String region) {
        String suffix = profile != null ? profile : account + "-" + region;
        return JsonFiles.entry(cacheDir, "aws-sso-util-ids-" + suffix.replaceAll("[^A-Za-z0-9._-]", "_"), ".json");
    }

    public Path file() {
        return file;
    }

    public Optional<Directory.Instance> read() {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            JsonNode n = JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
            JsonNode arn = n == null ? null : n.get("InstanceArn");
            JsonNode store = n == null ? null : n.get("IdentityStoreId");
            if (arn == null || !arn.isTextual() || store == null || !store.isTextual()) {
                log.debug("ignoring " + file + ": not an ids cache entry");
                return Optional.empty();
            }
            return Optional.of(new Directory.Instance(arn.asText(), store.asText()));
        } catch (IOException e) {
            log.debug("ignoring " + file + ": " + e.getMessage());
            return Optional.empty();
        }
    }

    public void write(Directory.Instance instance) {
        ObjectNode n = JSON.createObjectNode().put("InstanceArn", instance.instanceArn())
                .put("IdentityStoreId", instance.identityStoreId());
        try {
            JsonFiles.writeAtomically(file, JSON.writeValueAsBytes(n));
        } catch (CacheFileException | IOException e) {
            log.warn("could not cache the Identity Center instance: " + e.getMessage());
        }
    }
}
