package dev.slipway.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/** The bench apps' source: a slipway.toml that names the no-op plugin's builder and deployer, and nothing else. */
final class NoopApp {

    static final String SLIPWAY_TOML = """
            # A benchmark app: every stage is the no-op plugin's (bench/noop-plugin).
            [build]
            strategy = "noop"

            [deploy]
            strategy = "noop"
            """;

    private NoopApp() {
    }

    /** The source as the API takes it: a .tar.gz. */
    static byte[] archive() throws IOException {
        return archive(SLIPWAY_TOML);
    }

    /** The same with a build that takes {@code buildMs} (the no-op builder reads the app's NOOP_BUILD_MS). */
    static byte[] archiveBuildingFor(long buildMs) throws IOException {
        return archive(SLIPWAY_TOML + "\n[env]\nNOOP_BUILD_MS = \"" + buildMs + "\"\n");
    }

    private static byte[] archive(String slipwayToml) throws IOException {
        byte[] toml = slipwayToml.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(bytes))) {
            TarArchiveEntry entry = new TarArchiveEntry("slipway.toml");
            entry.setSize(toml.length);
            entry.setMode(0644);
            tar.putArchiveEntry(entry);
            tar.write(toml);
            tar.closeArchiveEntry();
        }
        return bytes.toByteArray();
    }
}
