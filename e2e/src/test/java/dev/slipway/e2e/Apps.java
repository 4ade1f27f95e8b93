package dev.slipway.e2e;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/** Test apps made from the examples, and what a test checks about their processes. */
final class Apps {

    private Apps() {
    }

    /** A copy of examples/python-hello in {@code dir} that shows {@code version}, with {@code toml} as its slipway.toml. */
    static Path python(Path dir, String version, String toml) throws IOException {
        try (Stream<Path> files = Files.list(SlipwayStack.REPO.resolve("examples/python-hello"))) {
            for (Path file : files.toList()) {
                Files.copy(file, dir.resolve(file.getFileName().toString()));
            }
        }
        Files.writeString(dir.resolve("VERSION"), version + "\n");
        if (toml != null) {
            Files.writeString(dir.resolve("slipway.toml"), toml);
        }
        return dir;
    }

    /** Where the deployment's build left its tree (the artifact's root). */
    static Path builtTree(Api.Outcome outcome) {
        return Path.of(outcome.events().stream().filter(e -> e.type().equals("Built")).findFirst().orElseThrow()
                .data().get("artifact").get("root").asText().replaceFirst("^file://", ""));
    }

    /** The app's own writable directory, its HOME: its release tree is read-only to it. */
    static Path home(String app) {
        return SlipwayStack.HOME.resolve("apps").resolve(app).resolve("home");
    }

    static int deployedPort(Api.Outcome outcome) {
        return outcome.events().stream().filter(e -> e.type().equals("Deployed")).findFirst().orElseThrow()
                .data().get("release").get("upstreamPort").asInt();
    }

    static boolean listening(int port) {
        try (Socket ignored = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Whether {@code condition} comes true within 20 s. */
    static boolean eventually(BooleanSupplier condition) throws InterruptedException {
        return eventually(condition, 20);
    }

    /** For what waits on several messages in turn, which a loaded machine can make slow. */
    static boolean eventually(BooleanSupplier condition, int seconds) throws InterruptedException {
        for (int i = 0; i < seconds * 5; i++) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(200);
        }
        return false;
    }
}
