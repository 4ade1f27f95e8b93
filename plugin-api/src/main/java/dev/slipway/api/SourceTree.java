package dev.slipway.api;

import dev.slipway.api.config.AppConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/** An app's source, unpacked, with its parsed configuration. */
public record SourceTree(Path root, AppConfig config) {

    public SourceTree {
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(config, "config");
    }

    /** Whether a file or directory exists at {@code relativePath} under the root. */
    public boolean has(String relativePath) {
        return Files.exists(root.resolve(relativePath));
    }
}
