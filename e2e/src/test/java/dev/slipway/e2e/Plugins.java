package dev.slipway.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/** The running stack's plugins directory, and what {@code GET /api/plugins} says of its plugins. */
final class Plugins {

    static final Path DIR = SlipwayStack.HOME.resolve("plugins");

    private final Api api;

    Plugins(Api api) {
        this.api = api;
    }

    /** Installs as an operator should: written beside (made executable, if asked), then renamed into place. */
    static void put(Path file, String name, boolean executable) throws IOException {
        Files.createDirectories(DIR);
        Path partial = DIR.resolve("." + name + ".partial");
        Files.copy(file, partial, StandardCopyOption.REPLACE_EXISTING);
        if (executable) {
            Files.setPosixFilePermissions(partial, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        Files.move(partial, DIR.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    JsonNode all() {
        try {
            return api.get("/api/plugins").body();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    Optional<JsonNode> get(String name) {
        for (JsonNode plugin : all()) {
            if (plugin.get("name").asText().equals(name)) {
                return Optional.of(plugin);
            }
        }
        return Optional.empty();
    }

    /** What the (first) worker says of it. */
    Optional<String> status(String name) {
        return get(name).map(p -> p.get("workers").get(0).get("status").asText());
    }

    String problem(String name) {
        return get(name).orElseThrow().get("workers").get(0).get("problem").asText();
    }
}
